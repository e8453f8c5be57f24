/** Fired by a view to ask the shell to reconnect to the backend now. */
export class ReconnectRequestEvent extends Event {
  static readonly eventName = 'tusk-reconnect-request' as const;
  constructor() {
    super(ReconnectRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [ReconnectRequestEvent.eventName]: ReconnectRequestEvent;
  }
}
