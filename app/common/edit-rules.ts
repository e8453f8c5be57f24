/**
 * Which results can be edited in the grid, and why one cannot: the codes the backend puts
 * in `queries.page`'s `readOnly` and the words the grid shows for each. Defined once for
 * the model that decides and the view that shows it.
 */

/** Why a result is read-only, each with the sentence the grid shows. */
export const READ_ONLY_REASONS = {
  NOT_FROM_A_TABLE: 'not from a table: no column of the result comes from a table',
  COMPUTED_COLUMN: 'a computed column: every column must come from the table as it is',
  TWO_TABLES: 'columns from two tables: edit a result of one table',
  BEHIND_A_VIEW: 'behind a view: open the table itself to edit its rows',
  NO_KEY_IN_TABLE: 'the table has no primary key and no unique index on NOT NULL columns',
  NO_KEY_IN_RESULT: 'no key in the result: add {key} to the select',
  READ_ONLY_CONNECTION: 'read-only connection: its settings forbid writes',
  NOT_A_TABLE: 'not a plain table (a foreign table, a sequence or a system catalog)',
  NO_PRIVILEGE: 'you may not change this table (no UPDATE, INSERT or DELETE privilege)',
} as const;

/** One of {@link READ_ONLY_REASONS}. */
export type ReadOnlyReason = keyof typeof READ_ONLY_REASONS;

/** A result's table and its key, when the result is editable. */
export interface EditTarget {
  table: { schema: string; name: string; oid: number };
  /** The result's column indexes that hold the key (primary key, or a unique NOT NULL index). */
  key: number[];
}

/** One change of the pending set, as `edits.preview` and `edits.apply` take it. */
export type EditChange =
  | {
      op: 'update';
      /** The held row's index in the server's order (`queries.page`'s `held`). */
      row: number;
      /** New values by the result's column index (as a string key): text the server casts, or null. */
      values: Record<string, string | null>;
    }
  | { op: 'insert'; values: Record<string, string | null> }
  | { op: 'delete'; row: number };

/** The most changes one `edits.apply` takes. */
export const MAX_EDIT_CHANGES = 10_000;

/** The words for a read-only reason; `key` names the key's columns for NO_KEY_IN_RESULT. */
export function readOnlyText(reason: ReadOnlyReason, key: string[] = []): string {
  return READ_ONLY_REASONS[reason].replace('{key}', key.length > 0 ? key.join(', ') : 'the key');
}
