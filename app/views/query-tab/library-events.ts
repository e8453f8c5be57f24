/**
 * What the user chose in the history or the saved queries (their dialogs' answer): SQL to
 * open in a new tab (`run`: and run it at once, history's "Run again"), or to insert at the
 * cursor of the active tab's editor.
 */
export interface LibraryChoice {
  action: 'open' | 'run' | 'insert';
  sql: string;
  connectionId: string | null;
  /** The new tab's title (a saved query's name). */
  title?: string;
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
    [LibraryRequestEvent.eventName]: LibraryRequestEvent;
  }
}
