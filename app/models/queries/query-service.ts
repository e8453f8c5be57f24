import { v4 as uuidv4 } from 'uuid';
import type { LiveConnections } from '../connections/live-connections';
import type { TabSessions } from '../sessions/tab-sessions';
import { TuskError } from '../errors/errors';
import type { HistoryRepository } from '../storage/history-repository';
import { getLogger } from '../logging/logging';
import { redactSqlSecrets } from '../sql/secrets';
import { describeColumns, type ResultColumn } from './column-types';
import { ResultBudget, type BudgetLimits } from './result-budget';
import type { CutCell, ResultSet } from './result-set';
import type { StatementOutcome } from './statement-run';
import type { TransactionState } from '../connections/pool-session';
import { QueryRun, type QueryStatus, type RunContext } from './query-run';
import { copyRows, type CopyRequest } from './result-copy';
import { ResultArranger, type ArrangeReply } from './result-arranger';
import type { ArrangeRequest, RowFilter, SortKey } from './result-order';
import { freedError, ResultView } from './result-view';
import { jsonBytes } from './json-size';

const log = getLogger('queries');

/** Cells longer than this many bytes are sent cut in a page (64 KiB). */
export const CELL_LIMIT_BYTES = 64 * 1024;
/** Parameters ($1…$n) one statement may have: what postgres.js can send (it refuses 65,534). */
export { MAX_PARAMS } from './query-run';
/**
 * JSON bytes one reply of `queries.page` may take (16 MiB): a page stops short (`more:
 * true`). Several views' pages in flight stay well within what a WebSocket buffers.
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** JSON bytes of one whole cell (`queries.cell`), at most (64 MiB, as a copy). */
export const MAX_CELL_BYTES = 64 * 1024 * 1024;
/** Cells of a row that alone passes the bound are cut to this many bytes. */
const SMALL_CELL_BYTES = 1024;
/** Rows one page may ask for. */
export const MAX_PAGE_ROWS = 5000;

/** Limits read at each run: the memory budget (bytes) and an optional row cap. */
export interface QueryLimits extends BudgetLimits {
  /** 0: no cap. */
  rowCap: number;
}

/** Options of {@link QueryService}. */
export interface QueryServiceOptions {
  live: LiveConnections;
  /** The tabs' own sessions (runs with a `tabId`). */
  tabs: TabSessions;
  history: HistoryRepository;
  /** Pushes an event to every view. */
  emit(event: string, payload: unknown): void;
  limits(): QueryLimits;
}

/** Where a query stands, for `queries.status` (and after a reconnect). */
export interface QueryState {
  queryId: string;
  connectionId: string;
  status: QueryStatus;
  startedAt: string;
  elapsedMs: number;
  rowCount: number;
  truncated: boolean;
  command: string | null;
  /** Memory the results hold now, bytes. */
  memoryBytes: number;
  /** The session's transaction state after the run (or so far). */
  transaction: TransactionState;
  /** Outcomes of the statements run so far. */
  results: StatementOutcome[];
  error?: ReturnType<TuskError['toErrorInfo']>;
}

/** One page of a result, as `queries.page` returns it. */
export interface ResultPage {
  columns: ResultColumn[];
  rows: (string | null)[][];
  cut?: CutCell[];
  rowCount: number;
  complete: boolean;
  truncated: boolean;
  /**
   * True when the page holds fewer rows than asked (and there are more) to stay within
   * {@link MAX_PAGE_BYTES}: ask again from the row after its last.
   */
  more?: true;
  /**
   * The sort and filter in force (`queries.arrange`), absent without one: `rows`,
   * `rowCount` and `cut[].row` are then in the arranged view; `heldRows` counts every row.
   */
  arranged?: { sort: SortKey[]; filter: RowFilter | null; heldRows: number };
}

/**
 * The active-query registry (seeds' QueryHandle map): runs user SQL on an open
 * connection's pool, keeps each result until it is closed, and tells every view how each
 * run goes (`query.progress`, then one of `query.completed`, `query.failed`,
 * `query.cancelled`). Every execution is recorded in the history.
 */
export class QueryService {
  readonly #runs = new Map<string, QueryRun>();
  readonly #contexts = new Map<string, RunContext>();
  readonly #options: QueryServiceOptions;
  readonly #budget: ResultBudget;
  readonly #arranger: ResultArranger;

  constructor(options: QueryServiceOptions) {
    this.#options = options;
    this.#budget = new ResultBudget(() => options.limits());
    this.#arranger = new ResultArranger(this.#budget);
  }

  /**
   * Starts `sql` on connection `connectionId` (open: `connections.connect` first) and
   * returns its id at once; what happens next comes as events.
   * @throws TuskError `connection` when the connection is not open.
   */
  execute(input: { connectionId: string; sql: string; params?: unknown[]; tabId?: string }): {
    queryId: string;
    waitingFor?: 'cancel';
  } {
    const pool = this.#options.live.pool(input.connectionId);
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        hint: 'Connect to it first (connections.connect), then run the query again.',
      });
    }
    // A tab's run takes its own session now, so a lost or busy one is refused in the reply.
    const tab = input.tabId ? this.#options.tabs.lease(input.connectionId, input.tabId) : null;
    const run = new QueryRun({ id: uuidv4(), ...input });
    const progress = (r: QueryRun) =>
      this.#options.emit('query.progress', {
        queryId: r.id,
        rowCount: r.rowCount,
        result: r.runningIndex,
      });
    const context: RunContext = {
      pool,
      acquire: async (signal) => {
        if (tab) {
          await untilReady(tab.ready, signal, () => tab.leave());
          // A run that waited for a cancel to land says when it starts.
          if (tab.waitingFor) progress(run);
          return {
            session: tab.session,
            keepsState: true,
            release: tab.release,
            discard: tab.discard,
            cancelling: tab.cancelling,
          };
        }
        const lease = await pool.lease(signal);
        return {
          session: lease.session,
          keepsState: false,
          release: lease.release,
          discard: lease.discard,
        };
      },
      budget: this.#budget,
      rowCap: this.#options.limits().rowCap,
      events: { progress, finished: (r) => this.#finished(r) },
    };
    this.#runs.set(run.id, run);
    this.#contexts.set(run.id, context);
    this.#budget.track(run);
    // Started on the next tick: the reply with the id leaves before any event of the run.
    setImmediate(() => void run.run(context));
    return { queryId: run.id, ...(tab?.waitingFor ? { waitingFor: tab.waitingFor } : {}) };
  }

  /** Cancels a query: a waiting one is removed, a running one stopped; an ended one stays. */
  cancel(queryId: string): QueryState {
    const run = this.#get(queryId);
    run.cancel(this.#contexts.get(queryId)!);
    return this.status(queryId);
  }

  /** Where a query stands. */
  status(queryId: string): QueryState {
    const run = this.#get(queryId);
    return {
      queryId: run.id,
      connectionId: run.connectionId,
      status: run.status,
      startedAt: run.startedAt,
      elapsedMs: run.elapsedNow(),
      rowCount: run.rowCount,
      truncated: run.truncated,
      command: run.command,
      memoryBytes: run.bytes,
      transaction: run.transaction,
      results: run.outcomes,
      ...(run.error ? { error: run.error } : {}),
    };
  }

  /**
   * Rows `offset…offset+limit` of a result, cells as the server's text (null for NULL).
   * `index`: the statement's index (`results[].index`); default the first that has rows.
   */
  async page(queryId: string, offset: number, limit: number, index?: number): Promise<ResultPage> {
    const run = this.#get(queryId);
    const columns = await this.#describe(run, this.#readable(run, index).set);
    // Read after the columns are named: the view in force now, or the freed error.
    const result = this.#view(run, index);
    const { rows, cut, more } = result.boundedPage(
      offset,
      Math.min(limit, MAX_PAGE_ROWS),
      CELL_LIMIT_BYTES,
      MAX_PAGE_BYTES,
      SMALL_CELL_BYTES,
    );
    const arranged = result.arrangement;
    return {
      columns,
      rows,
      ...(cut.length > 0 ? { cut } : {}),
      ...(more ? { more: true as const } : {}),
      rowCount: result.rowCount,
      complete: !run.fetching,
      truncated: run.truncated,
      ...(arranged
        ? {
            arranged: {
              sort: arranged.sort,
              filter: arranged.filter,
              heldRows: arranged.heldRows,
            },
          }
        : {}),
    };
  }

  /** One whole cell (`null` for NULL). */
  cell(queryId: string, row: number, column: number, index?: number): { value: string | null } {
    const run = this.#get(queryId);
    const set = this.#view(run, index);
    const bytes = set.cellBytes(row, column);
    if (bytes !== undefined && bytes > MAX_CELL_BYTES / 6) {
      // Measured before any string is made: a cell of control characters takes 6 bytes of
      // JSON per byte, and a string has a size limit of its own.
      const value = bytes > MAX_CELL_BYTES ? null : set.cell(row, column);
      if (typeof value !== 'string' || jsonBytes(value) > MAX_CELL_BYTES) {
        throw new TuskError(
          'validation',
          `This cell holds ${(bytes / 2 ** 20).toFixed(1)} MB: too large to show whole`,
          {
            code: 'CELL_TOO_LARGE',
            hint: 'Read it in parts on the server (substring(), or lo_get for large objects), or export the result to a file.',
          },
        );
      }
    }
    const value = set.cell(row, column);
    if (value === undefined) {
      throw new TuskError('validation', `There is no cell at row ${row}, column ${column}`, {
        hint: `The result has ${set.rowCount} rows and ${set.columns.length} columns, counted from 0.`,
      });
    }
    return { value };
  }

  /**
   * A selection of a result as text (`queries.copy`): rows `from…to` (to exclusive) of the
   * columns given, whole cells, in `format`; `rows` is how many rows the text holds.
   * `index` as for {@link page}.
   * @throws TuskError `validation` with code `COPY_TOO_LARGE` over 100,000 rows or 64 MB.
   */
  async copy(
    queryId: string,
    request: CopyRequest,
    index?: number,
  ): Promise<{ text: string; rows: number }> {
    const run = this.#get(queryId);
    const columns = await this.#describe(run, this.#readable(run, index).set);
    return copyRows(this.#view(run, index), columns, request);
  }

  /**
   * Sorts and filters a held result (`queries.arrange`; see {@link ResultArranger.arrange}):
   * `page`, `cell` and `copy` then read its rows through that arrangement. `index` as for
   * {@link page}.
   * @throws TuskError `validation` `RESULT_NOT_COMPLETE` while it is still fetching;
   *   `validation` for a column out of range; `query_cancelled` `SUPERSEDED` when a newer
   *   request on the same result replaced this one; the freed or no-such-query error when
   *   the result was freed or closed meanwhile.
   */
  async arrange(queryId: string, request: ArrangeRequest, index?: number): Promise<ArrangeReply> {
    const run = this.#get(queryId);
    const { at, set } = this.#readable(run, index);
    run.lastUsed = performance.now();
    try {
      return await this.#arranger.arrange(run, at, set, request);
    } catch (error) {
      // Freed meanwhile: closed (no such query now) or by the budget (freed).
      if (set.freed) this.#readable(this.#get(queryId), index);
      throw error;
    }
  }

  /** Frees a result (its tab closed or re-ran); a running query is cancelled first. */
  close(queryId: string): { closed: boolean } {
    const run = this.#runs.get(queryId);
    if (!run) return { closed: false };
    if (run.fetching) run.cancel(this.#contexts.get(queryId)!);
    run.free();
    this.#runs.delete(queryId);
    this.#contexts.delete(queryId);
    this.#budget.forget(queryId);
    return { closed: true };
  }

  /** Cancels every run of a connection (it is being closed). */
  cancelConnection(connectionId: string): void {
    for (const run of this.#runs.values()) {
      if (run.connectionId === connectionId) run.cancel(this.#contexts.get(run.id)!);
    }
  }

  #get(queryId: string): QueryRun {
    const run = this.#runs.get(queryId);
    if (!run) {
      throw new TuskError('validation', 'There is no such query', {
        hint: 'Its result was closed, or Tusk was restarted since: run it again.',
      });
    }
    return run;
  }

  /** The columns of `set` named by the server (`format_type`), marking the run as read. */
  async #describe(run: QueryRun, set: ResultSet): Promise<ResultColumn[]> {
    run.lastUsed = performance.now();
    const pool = this.#options.live.pool(run.connectionId);
    const cache = this.#options.live.schemaCache(run.connectionId) ?? new Map<string, unknown>();
    return pool
      ? await describeColumns(pool, cache, set.columns)
      : set.columns.map((c) => ({ name: c.name, type: `oid ${c.type}` }));
  }

  /** Result `index` of `run` as a view reads it: through its arrangement when one is in force. */
  #view(run: QueryRun, index?: number): ResultView {
    const { at, set } = this.#readable(run, index);
    return new ResultView(set, run.arrangements.get(at) ?? null);
  }

  #readable(run: QueryRun, index?: number): { at: number; set: ResultSet } {
    const at = index ?? [...run.sets.keys()].sort((a, b) => a - b)[0];
    const set = at === undefined ? undefined : run.sets.get(at);
    if (!set) {
      throw new TuskError(
        'validation',
        index === undefined
          ? 'This query returned no rows to page through'
          : `Statement ${index} returned no rows to page through`,
        {
          hint: run.fetching
            ? 'Wait for its first rows (query.progress).'
            : 'Its outcome (results) says what each statement did.',
        },
      );
    }
    if (set.freed) throw freedError();
    return { at: at!, set };
  }

  #finished(run: QueryRun): void {
    // DDL that ran makes the connection's cached schema stale.
    const ran = new Set(run.outcomes.map((o) => o.index));
    if (run.statements.some((s, i) => s.kind === 'ddl' && ran.has(i))) {
      this.#options.live.schemaCache(run.connectionId)?.clear();
    }
    const base = {
      queryId: run.id,
      elapsedMs: run.elapsedMs,
      transaction: run.transaction,
      results: run.outcomes,
    };
    if (run.status === 'completed') {
      this.#options.emit('query.completed', {
        ...base,
        rowCount: run.rowCount,
        truncated: run.truncated,
        command: run.command,
      });
    } else if (run.status === 'cancelled') {
      this.#options.emit('query.cancelled', base);
    } else {
      this.#options.emit('query.failed', { ...base, error: run.error });
    }
    void this.#options.history
      .add({
        connectionId: run.connectionId,
        sql: redactSqlSecrets(run.sql).slice(0, 1_000_000),
        startedAt: run.startedAt,
        durationMs: run.elapsedMs,
        rowCount: run.status === 'completed' ? run.rowCount : null,
        outcome:
          run.status === 'completed'
            ? 'ok'
            : run.status === 'failed'
              ? 'error'
              : run.status === 'timeout'
                ? 'timeout'
                : 'cancelled',
        sqlstate: run.error?.code && /^[0-9A-Z]{5}$/.test(run.error.code) ? run.error.code : null,
      })
      .catch((error: unknown) => log.warn(`history not recorded: ${(error as Error).message}`));
  }
}

/** Waits for `ready`; when `signal` aborts first, calls `leave` and rejects with its reason. */
function untilReady(ready: Promise<void>, signal: AbortSignal, leave: () => void): Promise<void> {
  if (signal.aborted) {
    leave();
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<void>((resolve, reject) => {
    const abort = () => {
      leave();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', abort, { once: true });
    ready.then(
      () => {
        signal.removeEventListener('abort', abort);
        if (signal.aborted) return;
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error as Error);
      },
    );
  });
}
