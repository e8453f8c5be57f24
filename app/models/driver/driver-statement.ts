import { runCopyIn, startCopyOut, type CopyInData, type CopyOut } from './driver-copy';
import {
  backendPid,
  describedColumns,
  hasRowDescription,
  isRunning,
  lastResult,
  onDataRows,
  type DataRowHandler,
  type DescribedColumn,
  type PendingQuery,
} from './driver-hooks';

export type { DataRowHandler, DescribedColumn } from './driver-hooks';
export { forEachMessage } from './driver-hooks';
export type { CopyInData, CopyOut } from './driver-copy';
export { CopyAbortedError } from './driver-copy';

/** How a statement ended, as {@link DriverStatement.run} tells it. */
export interface StatementResult {
  /** The server's command tag (SELECT, INSERT, CREATE FUNCTION…); null when it sent none. */
  command: string | null;
  /** The count of the command tag (rows returned or affected); null when it has none. */
  count: number | null;
  /**
   * The columns of its RowDescription (even none: `SELECT EXCEPT SELECT`), or null when it
   * returned no rows at all (a command).
   */
  columns: DescribedColumn[] | null;
}

/**
 * One statement on a {@link DriverSession}, made by `DriverSession.statement` and not
 * sent until one of {@link rows}, {@link run}, {@link copyIn} or {@link copyOut} is
 * called (call one, once). Without parameters it goes by the simple protocol (several
 * statements joined by `\;` allowed: the last result counts), with parameters by the
 * extended protocol with the unnamed statement. Every promise rejects with the driver's
 * error: a server error (`isPostgresError`) or a network one.
 */
export class DriverStatement {
  readonly #query: PendingQuery;
  #sent = false;

  /** For the driver domain only: a statement comes from `DriverSession.statement`. */
  constructor(query: PendingQuery) {
    this.#query = query;
  }

  /** Sends it and resolves with the rows of its (last) result, as objects by column name. */
  async rows<R extends object = Record<string, unknown>>(): Promise<R[]> {
    this.#sent = true;
    const reply = await this.#query;
    return [...(lastResult(reply) ?? reply)] as R[];
  }

  /**
   * Sends it and hands every DataRow message to `onRow` whole (no row object built, no
   * cell decoded: copy what you keep); resolves with its command tag and columns.
   */
  async run(onRow: DataRowHandler): Promise<StatementResult> {
    this.#sent = true;
    onDataRows(this.#query, onRow);
    const reply = await this.#query;
    const result = lastResult(reply) ?? reply;
    return {
      command: result.command ?? null,
      count: result.count ?? null,
      columns: hasRowDescription(result) ? describedColumns(result) : null,
    };
  }

  /**
   * COPY … FROM STDIN (sent by the simple protocol: parameters are not allowed): writes
   * `data` once the server asks for it (CopyInResponse) — a string or Buffer at once, an
   * iterable or async iterable (a Readable too) chunk by chunk, each asked for once the
   * last was taken (backpressure) — and resolves with the server's count of rows copied
   * when it has taken it all (CommandComplete). Rejects with the server's error (bad data:
   * `where` is "COPY t, line 3, column x: …"; a refusal right after CopyInResponse); when
   * `data` fails or `signal` aborts, sends CopyFail (the server rolls the COPY back) and
   * rejects with that failure (an abort: `name` "AbortError"). Settles only once the
   * session can run its next statement.
   */
  async copyIn(data: CopyInData, options: { signal?: AbortSignal } = {}): Promise<number> {
    this.#sent = true;
    return runCopyIn(this.#query, data, options.signal);
  }

  /**
   * COPY … TO STDOUT (simple protocol: no parameters): sends it and resolves, once the
   * server starts sending (CopyOutResponse), with its stream of raw bytes, its `done`
   * (the count of rows, or the error) and its `cancel` (see {@link CopyOut}). The session
   * runs nothing else until `done` has settled.
   */
  async copyOut(): Promise<CopyOut> {
    this.#sent = true;
    return startCopyOut(this.#query);
  }

  /**
   * Asks the server to cancel it (a CancelRequest on a connection of its own, through the
   * same socket factory, so an SSH tunnel too). Resolves when that request's connection
   * has closed: the server has signalled the backend, or never will. A request names the
   * backend, not the statement: one that lands after the statement ended cancels what
   * runs next there. A statement not yet sent is just never sent.
   */
  async cancel(): Promise<void> {
    await this.#query.cancel();
  }

  /** The backend process id it was sent to; undefined until it is sent. */
  get pid(): number | undefined {
    return backendPid(this.#query);
  }

  /** True from when it is sent on its connection until it settles. */
  get running(): boolean {
    return isRunning(this.#query);
  }

  /**
   * Resolves (never rejects) when its reply has come: the result or the error, for COPY
   * the server's CopyInResponse or CopyOutResponse. At once for a statement never sent.
   */
  ended(): Promise<void> {
    if (!this.#sent) return Promise.resolve();
    return Promise.resolve(this.#query).then(
      () => undefined,
      () => undefined,
    );
  }
}
