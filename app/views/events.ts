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

/** What the connection test form asks for: a URL and, separately, the password. */
export interface ConnectionTestRequest {
  url: string;
  password?: string;
}

/** Fired by the connection test form; the shell calls `connections.test`. */
export class ConnectionTestRequestEvent extends Event {
  static readonly eventName = 'tusk-connection-test-request' as const;
  readonly request: ConnectionTestRequest;
  constructor(request: ConnectionTestRequest) {
    super(ConnectionTestRequestEvent.eventName, { bubbles: true, composed: true });
    this.request = request;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [ConnectionTestRequestEvent.eventName]: ConnectionTestRequestEvent;
  }
}
