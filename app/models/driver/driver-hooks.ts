import type postgres from 'postgres';

/**
 * The hooks that patches/postgres+3.4.9.patch adds to postgres.js, typed here (the
 * package's own types do not know them), and the internals of its replies Tusk reads.
 * Only the driver domain uses them. Each hook has a repro in
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

/**
 * Called with DataRow messages whole (type byte, length, column count, cells): one or more
 * of them back to back in `buffer[start, end)`, where they lie in what the socket read (a
 * read's run of rows in one call, no Buffer made per row; {@link forEachMessage} walks
 * them), and the columns of the RowDescription they belong to (the same array for every
 * row of one result, a new one for the next result). The bytes are only valid during the
 * call.
 */
export type DataRowHandler = (
  buffer: Buffer,
  start: number,
  end: number,
  columns: DescribedColumn[],
) => void;

/** Calls `visit(start, end)` for each message of the run `buffer[start, end)`, in order. */
export function forEachMessage(
  buffer: Buffer,
  start: number,
  end: number,
  visit: (start: number, end: number) => void,
): void {
  for (let at = start; at < end;) {
    const next = at + 1 + buffer.readUInt32BE(at + 1);
    visit(at, next);
    at = next;
  }
}

/** A query as postgres.js makes it (a promise of its rows, not sent until awaited). */
export type PendingQuery = postgres.PendingQuery<postgres.Row[]>;

/**
 * Hands every DataRow of `query` to `handler` instead of building row objects (no
 * decoding, no per-cell strings), and sends it. The query then resolves to a result with
 * no rows (command and count as usual).
 */
export function onDataRows(query: PendingQuery, handler: DataRowHandler): void {
  (query as unknown as { dataRows(fn: DataRowHandler): unknown }).dataRows(handler);
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

/**
 * The backend process id of the connection `query` was sent on (postgres.js keeps the
 * BackendKeyData on the query once it is sent); undefined before.
 */
export function backendPid(query: PendingQuery): number | undefined {
  return (query as unknown as { state?: { pid?: number } | null }).state?.pid;
}

/** postgres.js marks a query `executed` once handed to a connection, `active` until it settles. */
export function isRunning(query: PendingQuery): boolean {
  const state = query as unknown as { executed?: boolean; active?: boolean };
  return state.executed === true && state.active === true;
}

/**
 * The last of several results (statements joined by `\;` in one simple-protocol message,
 * which postgres.js answers with an array of results), or undefined for one result.
 */
export function lastResult(reply: unknown[]): postgres.RowList<postgres.Row[]> | undefined {
  const last = reply.at(-1) as { command?: unknown } | undefined;
  return Array.isArray(last) && typeof last.command === 'string'
    ? (last as postgres.RowList<postgres.Row[]>)
    : undefined;
}

/**
 * Promises the end of `query`'s COPY (set before it is sent): the server's `COPY n` count
 * (rows copied; a header line is not counted) at CommandComplete, or its error (bad data,
 * CopyFail, a cancel, a closed connection). Never settles when the COPY never starts (its
 * query rejects instead). The patch's `oncopyend` hook; postgres.js drops the tag.
 */
export function copyEnd(query: PendingQuery): Promise<number> {
  const done = new Promise<number>((resolve, reject) => {
    (
      query as unknown as { oncopyend: (error: Error | null, count: number | null) => void }
    ).oncopyend = (error, count) => (error ? reject(error) : resolve(count ?? 0));
  });
  // Read by whoever waits; a COPY nobody waits for must not be an unhandled rejection.
  done.catch(() => undefined);
  return done;
}
