import type { EditPreview } from '../../controllers/api';
import type { GridSource } from './grid-source';

/** A cell's value: PostgreSQL's text, or null for NULL. */
export type EditValue = string | null;

/** The pending changes' counts, as the edit bar shows them. */
export interface EditCounts {
  updated: number;
  inserted: number;
  deleted: number;
}

/** A line the edit bar shows: the last apply's outcome, or why an edit was refused. */
export interface EditMessage {
  text: string;
  error?: boolean;
}

/**
 * What `<tusk-result-grid>` edits through (`edit` property): the result with its pending
 * changes drawn over it ({@link source}), and the changes themselves by view row. The
 * data layer's `EditSession` implements it over `edits.preview/apply`. Dispatches `change`
 * when anything it says changed.
 */
export interface GridEditing extends EventTarget {
  /** The result as the grid shows it: held rows with the edits over them, then new rows. */
  readonly source: GridSource;
  /**
   * Whether the result can be edited: null until known; else `reason` is null when it can,
   * or the words why not (`Read-only: no key in the result: add id to the select`).
   */
  readonly state: { reason: string | null } | null;
  readonly counts: EditCounts;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** An apply or preview is under way. */
  readonly busy: boolean;
  readonly message: EditMessage | null;
  /** The tab's own transaction is open: an apply commits nothing. */
  readonly inTransaction: boolean;
  /** The connection's name when it is marked production (an apply asks first), else null. */
  readonly production: string | null;
  /** Reads whether the result can be edited (once it has all its rows). */
  load(): Promise<void>;
  /** Why cell (`row`, `column`) cannot be edited, in words; null when it can. */
  refusal(row: number, column: number): string | null;
  /** The whole value of a cell as shown (with its pending change). */
  cellValue(row: number, column: number): Promise<EditValue>;
  /** Sets cells to `value`, as one undo step (refused cells are left alone: see {@link refusal}). */
  setCells(cells: readonly { row: number; column: number }[], value: EditValue): void;
  /** Adds a new row (every column DEFAULT); returns its view row. */
  addRow(): number;
  /** Adds a copy of `row` (its key columns left to the server); resolves with its view row. */
  duplicate(row: number): Promise<number>;
  /** Marks rows deleted (a new row is dropped). */
  deleteRows(rows: readonly number[]): void;
  undo(): void;
  redo(): void;
  /** Drops every pending change. */
  discard(): void;
  /** Says why (in {@link message}) when it refuses; shown briefly. */
  say(message: EditMessage | null): void;
  /** The statements an apply would run (`edits.preview`). */
  preview(): Promise<EditPreview>;
  /** Applies the pending set in one transaction; true when it was applied. */
  apply(): Promise<boolean>;
}
