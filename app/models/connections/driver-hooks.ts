import type postgres from 'postgres';

/**
 * The hooks that patches/postgres+3.4.9.patch adds to postgres.js, typed here (the
 * package's own types do not know them). Each has a repro in
 * spec/support/postgres-bug-repro.cjs.
 */

/** A result column as the patched RowDescription keeps it: with its type modifier. */
export interface DescribedColumn {
  name: string;
  /** Type OID. */
  type: number;
  /** Type modifier from RowDescription, -1 for none (postgres.js drops it unpatched). */
  modifier: number;
  /** Table OID, 0 for none. */
  table: number;
  /** Attribute number in that table, 0 for none. */
  number: number;
}

/** Called with each DataRow message whole (type byte, length, column count, cells). */
export type DataRowHandler = (message: Buffer, columns: DescribedColumn[]) => void;

/**
 * Hands every DataRow of `query` to `handler` instead of building row objects (no
 * decoding, no per-cell strings): the message is only valid during the call, so copy it.
 * Returns the query, which then resolves to a result with no rows (command and count as
 * usual).
 */
export function onDataRows<T extends postgres.PendingQuery<postgres.Row[]>>(
  query: T,
  handler: DataRowHandler,
): T {
  (query as unknown as { dataRows(fn: DataRowHandler): unknown }).dataRows(handler);
  return query;
}

/** True when the server described rows for `result` (a RowDescription, even of no columns). */
export function hasRowDescription(result: { statement?: unknown }): boolean {
  return (result.statement as { columns?: unknown } | undefined)?.columns !== undefined;
}

/** The columns of a finished query's result, as the patched RowDescription kept them. */
export function describedColumns(result: { statement?: unknown }): DescribedColumn[] {
  const statement = result.statement as { columns?: DescribedColumn[] } | undefined;
  return statement?.columns ?? [];
}
