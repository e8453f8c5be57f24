import { readOnlyText, type EditTarget, type ReadOnlyReason } from '../../common/edit-rules';
import type { ConnectionPool } from '../connections/connection-pool';
import type { RawColumn } from './result-set';
import {
  tableFacts,
  type TableColumnFacts,
  type TableFacts,
  type TableFactsCache,
} from './table-facts';

export type { TableColumnFacts, TableFacts } from './table-facts';

/** Schemas of the system catalogs: their tables are not edited in the grid. */
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast']);

/** Whether a result's rows can be edited, and how (see {@link resultTarget}). */
export interface ResultTarget {
  /** The table and the key's result columns; null when the result is read-only. */
  editable: EditTarget | null;
  /**
   * Why it is read-only, when `editable` is null; absent too when the table's catalog
   * could not be read (the page says nothing then; the next page asks again).
   */
  readOnly?: { reason: ReadOnlyReason; text: string };
  /** Per result column: may an edit write it (false for all when read-only). */
  columnEditable: boolean[];
  /** The table's facts when the result comes from one table. */
  facts: TableFacts | null;
}

/**
 * Decides whether a result whose columns the server described as `columns` can be edited:
 * every column from one table (RowDescription's table OID and column number), a plain or
 * partitioned table (not a view, not a system catalog), with a key — the primary key, or a unique index on NOT
 * NULL columns without expression or predicate — all of whose columns the result holds
 * (the primary key preferred), that the role may write, on a connection that is not
 * read-only (`readOnlyConnection`). A generated column, an identity column `GENERATED
 * ALWAYS` and a system column are never written. The table's facts come from `cache` or
 * one catalog query on `pool` (see {@link tableFacts}). Never throws.
 */
export async function resultTarget(
  pool: ConnectionPool,
  cache: TableFactsCache,
  columns: readonly RawColumn[],
  readOnlyConnection: boolean,
): Promise<ResultTarget> {
  const none = columns.map(() => false);
  const refuse = (reason: ReadOnlyReason, key: string[] = []): ResultTarget => ({
    editable: null,
    readOnly: { reason, text: readOnlyText(reason, key) },
    columnEditable: none,
    facts: null,
  });
  if (readOnlyConnection) return refuse('READ_ONLY_CONNECTION');
  const fromTable = columns.filter((c) => c.table !== 0 && c.number !== 0);
  if (fromTable.length === 0) return refuse('NOT_FROM_A_TABLE');
  if (fromTable.length < columns.length) return refuse('COMPUTED_COLUMN');
  const oid = fromTable[0]!.table;
  if (fromTable.some((c) => c.table !== oid)) return refuse('TWO_TABLES');
  const facts = await tableFacts(pool, cache, oid);
  if (facts === undefined) return { editable: null, columnEditable: none, facts: null };
  if (facts === null) return refuse('NOT_FROM_A_TABLE');
  if (facts.relkind === 'v' || facts.relkind === 'm') return refuse('BEHIND_A_VIEW');
  if (facts.relkind !== 'r' && facts.relkind !== 'p') return refuse('NOT_A_TABLE');
  if (SYSTEM_SCHEMAS.has(facts.schema)) return refuse('NOT_A_TABLE');
  if (facts.keys.length === 0) return refuse('NO_KEY_IN_TABLE');
  const at = (attnum: number) => columns.findIndex((c) => c.number === attnum);
  const key = facts.keys
    .map((attnums) => attnums.map(at))
    .find((indexes) => indexes.every((i) => i >= 0));
  if (!key) {
    return refuse(
      'NO_KEY_IN_RESULT',
      facts.keys[0]!.map((n) => facts.columns.get(n)?.name ?? String(n)),
    );
  }
  if (!facts.writable) return refuse('NO_PRIVILEGE');
  return {
    editable: { table: { schema: facts.schema, name: facts.name, oid }, key },
    columnEditable: columns.map((c) => writable(facts.columns.get(c.number))),
    facts,
  };
}

/** May an edit write this column: a user column, neither generated nor identity ALWAYS. */
export function writable(column: TableColumnFacts | undefined): boolean {
  return column !== undefined && !column.system && !column.generated && !column.identityAlways;
}
