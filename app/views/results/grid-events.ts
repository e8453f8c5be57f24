import type { SelectionFigures } from './grid-stats';
import type { CopyFormat } from './grid-source';

/** Fired when the selection's figures are known (count, sum, min, max, average of its numbers). */
export class SelectionFiguresEvent extends Event {
  static readonly eventName = 'tusk-selection-figures' as const;
  readonly figures: SelectionFigures;
  constructor(figures: SelectionFigures) {
    super(SelectionFiguresEvent.eventName, { bubbles: true, composed: true });
    this.figures = figures;
  }
}

/** Fired when a copy reached the clipboard. */
export class GridCopiedEvent extends Event {
  static readonly eventName = 'tusk-grid-copied' as const;
  readonly rows: number;
  readonly format: CopyFormat;
  readonly headers: boolean;
  constructor(rows: number, format: CopyFormat, headers: boolean) {
    super(GridCopiedEvent.eventName, { bubbles: true, composed: true });
    this.rows = rows;
    this.format = format;
    this.headers = headers;
  }
}

/**
 * Ctrl+F in a grid whose rows the server filters (a `ServerOrder`: a table's data
 * view): the host's WHERE box takes the focus.
 */
export class GridFindEvent extends Event {
  static readonly eventName = 'tusk-grid-find' as const;
  constructor() {
    super(GridFindEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * "Export…" in a grid's bar (its menu, or beside the copy limit's message): the host that
 * knows the result (the results panel) opens the export of the whole result.
 */
export class GridExportEvent extends Event {
  static readonly eventName = 'tusk-grid-export' as const;
  constructor() {
    super(GridExportEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [GridExportEvent.eventName]: GridExportEvent;
    [SelectionFiguresEvent.eventName]: SelectionFiguresEvent;
    [GridCopiedEvent.eventName]: GridCopiedEvent;
    [GridFindEvent.eventName]: GridFindEvent;
  }
}
