import type { SignalKind, SignalTarget } from './activity-signal';

/** What {@link SignalRequestEvent} asks: stop a backend (the tab asks first). */
export interface SignalRequest {
  target: SignalTarget;
  kind: SignalKind;
}

/** Fired by a section to cancel or terminate a backend; the activity tab asks and tells. */
export class SignalRequestEvent extends CustomEvent<SignalRequest> {
  static readonly eventName = 'tusk-activity-signal' as const;
  constructor(detail: SignalRequest) {
    super(SignalRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [SignalRequestEvent.eventName]: SignalRequestEvent;
  }
}
