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

/** Which connection dialog to open: a new connection, or one saved (to edit or copy). */
export interface ConnectionDialogRequest {
  mode: 'new' | 'edit' | 'duplicate';
  id?: string;
}

/** Fired when a connection was opened from the sidebar (double-click or Enter): a tab for it. */
export class OpenTabEvent extends Event {
  static readonly eventName = 'tusk-open-tab' as const;
  readonly connectionId: string;
  constructor(connectionId: string) {
    super(OpenTabEvent.eventName, { bubbles: true, composed: true });
    this.connectionId = connectionId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [OpenTabEvent.eventName]: OpenTabEvent;
  }
}
