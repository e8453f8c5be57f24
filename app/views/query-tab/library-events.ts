/** Asks the tab area to open SQL in a new tab (from the history or a saved query). */
export class OpenSqlEvent extends Event {
  static readonly eventName = 'tusk-open-sql' as const;
  readonly sql: string;
  readonly connectionId: string | null;
  readonly title: string | undefined;
  /** Run it at once (history's "Run again"). */
  readonly run: boolean;
  constructor(init: { sql: string; connectionId: string | null; title?: string; run?: boolean }) {
    super(OpenSqlEvent.eventName, { bubbles: true, composed: true });
    this.sql = init.sql;
    this.connectionId = init.connectionId;
    this.title = init.title;
    this.run = init.run ?? false;
  }
}

/** Asks the tab area to insert SQL at the cursor of the active tab's editor. */
export class InsertSqlEvent extends Event {
  static readonly eventName = 'tusk-insert-sql' as const;
  readonly sql: string;
  constructor(sql: string) {
    super(InsertSqlEvent.eventName, { bubbles: true, composed: true });
    this.sql = sql;
  }
}

/** Asks the tab area for a library dialog: the history, save the query, saved queries. */
export class LibraryRequestEvent extends Event {
  static readonly eventName = 'tusk-library-request' as const;
  readonly which: 'history' | 'save' | 'saved';
  constructor(which: 'history' | 'save' | 'saved') {
    super(LibraryRequestEvent.eventName, { bubbles: true, composed: true });
    this.which = which;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [OpenSqlEvent.eventName]: OpenSqlEvent;
    [InsertSqlEvent.eventName]: InsertSqlEvent;
    [LibraryRequestEvent.eventName]: LibraryRequestEvent;
  }
}
