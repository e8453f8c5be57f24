import type { EditChange } from '../../common/edit-rules';

export type { EditChange, EditTarget, ReadOnlyReason } from '../../common/edit-rules';

/** One statement an apply runs, as `edits.preview` shows it: `$n` parameters sent as text. */
export interface EditStatement {
  sql: string;
  params: (string | null)[];
}

/** What `edits.preview` returns: exactly the statements `edits.apply` would run, in order. */
export interface EditPreview {
  statements: EditStatement[];
}

/**
 * What the server stored for one changed row after `edits.apply` (its `RETURNING`), in the
 * result's column order; `row` is the held row for an update, null for an inserted row
 * (`change` then says which insert it was). Deleted rows are not listed.
 */
export interface StoredRow {
  change: number;
  row: number | null;
  values: (string | null)[];
}

/** What `edits.apply` returns. */
export interface EditApplied {
  rows: StoredRow[];
  /** True when the changes ran inside the tab's own open transaction (nothing committed). */
  inTransaction: boolean;
}

/** What `edits.preview` and `edits.apply` both take. */
export interface EditRequest {
  connectionId: string;
  queryId: string;
  /** The statement's index (`results[].index`); default the first with rows. */
  result?: number;
  changes: EditChange[];
}
