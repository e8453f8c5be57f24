import type postgres from 'postgres';
import type { ConnectionPool, PoolLease } from '../connections/connection-pool';
import type { ErrorInfo } from '../errors/error-info';
import { isTuskError, TuskError } from '../errors/errors';
import { fromNetworkError } from '../errors/network-errors';
import { fromPostgresError, isPostgresError } from '../errors/postgres-errors';
import { describedColumns, onDataRows } from '../connections/driver-hooks';
import { escalateCancel } from './cancel';
import type { Budgeted, ResultBudget } from './result-budget';
import { ResultSet, type RawColumn } from './result-set';

/** Where a query stands (seeds' QueryStatus, plus `queued` while it waits for a session). */
export type QueryStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'timeout' | 'failed';

/** What a run reports while it goes and when it ends. */
export interface RunEvents {
  progress(run: QueryRun): void;
  /** Called once, when the run reached its terminal status. */
  finished(run: QueryRun): void;
}

/** What a run needs: its pool, the memory budget, an optional row cap, and its events. */
export interface RunContext {
  pool: ConnectionPool;
  budget: ResultBudget;
  /** Stop after this many rows (0: no cap). */
  rowCap: number;
  events: RunEvents;
}

/** Rows between two turns of the event loop during a fetch (see PoolSession.yieldSoon). */
const YIELD_EVERY_ROWS = 4096;

/** Progress events at most this often. */
const PROGRESS_EVERY_MS = 100;

/**
 * One execution of user SQL on a pool session: waits for a session, streams the rows into
 * a {@link ResultSet} through the DataRow hook of the patched postgres.js (no row objects,
 * no decoding), stops at the memory budget or row cap, and ends in exactly one terminal
 * status. A cancel removes a waiting run without touching the server; a running one gets
 * a CancelRequest, then pg_cancel_backend, then pg_terminate_backend ({@link escalateCancel}).
 * The session goes back to the pool only when every cancel sent for this run has landed,
 * so none can hit the next query on that session.
 */
export class QueryRun implements Budgeted {
  readonly id: string;
  readonly connectionId: string;
  readonly sql: string;
  readonly params: unknown[];
  readonly startedAt = new Date().toISOString();
  status: QueryStatus = 'queued';
  result: ResultSet | null = null;
  command: string | null = null;
  /** Rows returned (held) or affected. */
  rowCount = 0;
  truncated = false;
  error: ErrorInfo | null = null;
  elapsedMs = 0;
  lastUsed = performance.now();
  readonly #began = performance.now();
  readonly #waiting = new AbortController();
  readonly #cancels: Promise<unknown>[] = [];
  #pending: postgres.PendingQuery<postgres.Row[]> | null = null;
  #session: PoolLease['session'] | null = null;
  #cancelRequested = false;
  #columns: RawColumn[] | null = null;
  #stopped = false;
  #lastProgress = 0;
  #settled!: () => void;
  /** Resolves once the run has a terminal status. */
  readonly done = new Promise<void>((resolve) => (this.#settled = resolve));

  constructor(init: { id: string; connectionId: string; sql: string; params?: unknown[] }) {
    this.id = init.id;
    this.connectionId = init.connectionId;
    this.sql = init.sql;
    this.params = init.params ?? [];
  }

  /** True while rows may still arrive. */
  get fetching(): boolean {
    return this.status === 'queued' || this.status === 'running';
  }

  /** Frees the rows to give memory back; the run answers "freed" from then on. */
  free(): void {
    this.result?.free();
  }

  /** Runs it; resolves when it has ended (never rejects). */
  async run(context: RunContext): Promise<void> {
    let lease: PoolLease;
    try {
      lease = await context.pool.lease(this.#waiting.signal);
    } catch (error) {
      return this.#finish(context, this.#cancelRequested ? 'cancelled' : 'failed', error);
    }
    if (this.#cancelRequested) {
      lease.release();
      return this.#finish(context, 'cancelled');
    }
    this.status = 'running';
    this.#session = lease.session;
    try {
      // Tracked: closing the connection cancels it like any query of the pool.
      const query = lease.session.tracked().unsafe(this.sql, this.params as never[], {
        prepare: false,
      }) as postgres.PendingQuery<postgres.Row[]>;
      this.#pending = query;
      onDataRows(query, (message, columns) => this.#row(context, message, columns));
      const result = await query;
      this.#ensureResult(describedColumns(result));
      this.command = result.command ?? null;
      this.rowCount =
        result.command === 'SELECT' || result.count === null ? this.#held() : result.count;
      this.#finish(context, 'completed');
    } catch (error) {
      this.#failed(context, error);
    } finally {
      // Never hand the session on while a CancelRequest for this run may still arrive.
      await Promise.allSettled(this.#cancels);
      lease.release();
    }
  }

  /**
   * Cancels it: a waiting run leaves the queue, a running one is stopped on the server
   * (escalating until it is). A run that already ended is left as it is.
   */
  cancel(context: RunContext): void {
    if (!this.fetching || this.#cancelRequested) return;
    this.#cancelRequested = true;
    if (this.status === 'queued') {
      this.#waiting.abort();
      return;
    }
    const query = this.#pending;
    if (!query) return;
    this.#cancels.push(
      escalateCancel({
        pool: context.pool,
        query,
        done: this.done,
        onGiveUp: () => this.#finish(context, 'cancelled'),
      }),
    );
  }

  #row(context: RunContext, message: Buffer, columns: RawColumn[]): void {
    if (this.#stopped) return;
    // Several statements in one text (simple protocol) describe their rows anew: only the
    // first result's rows are kept, never mixed with another's columns.
    this.#columns ??= columns;
    if (columns !== this.#columns) return;
    const result = this.#ensureResult(columns);
    const capped = context.rowCap > 0 && result.rowCount >= context.rowCap;
    // Most rows fit the chunk in hand (cost 0): the budget is asked only when memory grows.
    const cost = result.costOf(message.length - 5);
    if (capped || (cost > 0 && !context.budget.allows(this, cost))) {
      this.#stop(context);
      return;
    }
    result.append(message);
    if (result.rowCount % YIELD_EVERY_ROWS === 0) this.#session?.yieldSoon();
    const now = performance.now();
    if (result.rowCount === 1 || now - this.#lastProgress >= PROGRESS_EVERY_MS) {
      this.#lastProgress = now;
      this.rowCount = result.rowCount;
      context.events.progress(this);
    }
  }

  /** The budget or the row cap is reached: keep what is held, stop the rest on the server. */
  #stop(context: RunContext): void {
    this.#stopped = true;
    this.truncated = true;
    const query = this.#pending;
    if (query) {
      this.#cancels.push(
        escalateCancel({ pool: context.pool, query, done: this.done, onGiveUp: () => undefined }),
      );
    }
  }

  #ensureResult(columns: readonly RawColumn[]): ResultSet {
    this.result ??= new ResultSet(
      columns.map((c) => ({
        name: c.name,
        type: c.type,
        modifier: c.modifier ?? -1,
        table: c.table ?? 0,
        number: c.number ?? 0,
      })),
    );
    return this.result;
  }

  /** Milliseconds since it was started (final once it has ended). */
  elapsedNow(): number {
    return this.fetching ? Math.round(performance.now() - this.#began) : this.elapsedMs;
  }

  #held(): number {
    return this.result?.rowCount ?? 0;
  }

  #failed(context: RunContext, error: unknown): void {
    if (isPostgresError(error) && error.code === '57014' && this.#stopped) {
      // Our own stop at the budget: the rows held are the answer.
      this.command = 'SELECT';
      this.rowCount = this.#held();
      return this.#finish(context, 'completed');
    }
    if (this.#cancelRequested) return this.#finish(context, 'cancelled');
    const elapsedMs = Math.round(performance.now() - this.#began);
    const mapped = isPostgresError(error)
      ? fromPostgresError(error, { sql: this.sql, elapsedMs })
      : isTuskError(error)
        ? error
        : (fromNetworkError(error, context.pool.target) ??
          new TuskError('connection', `The query could not finish: ${(error as Error).message}`, {
            hint: 'Check the connection, then run it again.',
            cause: error,
          }));
    this.#finish(context, mapped.kind === 'query_timeout' ? 'timeout' : 'failed', mapped);
  }

  #finish(context: RunContext, status: QueryStatus, error?: unknown): void {
    if (!this.fetching) return;
    this.status = status;
    this.elapsedMs = Math.round(performance.now() - this.#began);
    if (this.result && status !== 'completed') this.rowCount = this.#held();
    if (error !== undefined && status !== 'cancelled') {
      this.error = (
        isTuskError(error)
          ? error
          : new TuskError(
              'internal',
              `The query could not run: ${(error as Error)?.message ?? String(error)}`,
              {
                hint: 'Run it again; if it keeps happening, report it with the log.',
                cause: error,
              },
            )
      ).toErrorInfo();
    }
    this.#settled();
    context.events.finished(this);
  }
}
