import { v4 as uuidv4 } from 'uuid';
import type { TransactionState } from '../connections/pool-session';
import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import type { TabSessions } from '../sessions/tab-sessions';
import type { StatementKind } from '../sql/kinds';
import type { HistoryRepository } from '../storage/history-repository';
import { ColumnTypeCaches, type ResultColumn } from './column-types';
import type { ResultSet } from './result-set';
import type { SqlStatement } from '../sql/split';
import { QueryRun, type RunContext } from './query-run';
import type { RunWrap } from './run-context';
import { stateOf, type QueryState } from './query-state';
import type { ArrangeReply } from './result-arranger';
import { ResultBudget, type BudgetLimits, type ResultsMemory } from './result-budget';
import { freedError } from './result-view';
import type { CopyRequest } from './result-copy';
import type { ArrangeRequest } from './result-order';
import { ResultReads, type EditSource, type ResultPage } from './result-reads';
import { reportFinished } from './run-report';
import { sessionFor } from './run-session';

export {
  CELL_LIMIT_BYTES,
  MAX_CELL_BYTES,
  MAX_PAGE_BYTES,
  MAX_PAGE_ROWS,
  type EditSource,
  type ResultPage,
} from './result-reads';
export type { ResultTarget, TableColumnFacts, TableFacts } from './result-target';
export { MAX_PARAMS } from './statement-guards';
export type { QueryState } from './query-state';
export type { QueryRun } from './query-run';
export type { RunWrap } from './run-context';

/** Rows of a result pushed with `query.rows`: one page of the views. */
const FIRST_ROWS = 500;
/** At most this many bytes of JSON in `query.rows` (it goes to every view). */
const FIRST_ROWS_BYTES = 1024 * 1024;

/** What an export reads of a held result ({@link QueryService.heldResult}). */
export interface HeldResult {
  connectionId: string;
  set: ResultSet;
  columns: ResultColumn[];
  statement?: SqlStatement;
  params: unknown[];
  truncated: boolean;
  fetching: boolean;
}

/** What {@link QueryService.execute} runs, where, and what goes around it. */
export interface RunInput {
  connectionId: string;
  sql: string;
  params?: unknown[];
  /** Runs on the tab's own session; absent: on a session leased from the pool. */
  tabId?: string;
  /** Statements around the run's own (EXPLAIN ANALYZE's rollback): see {@link RunWrap}. */
  wrap?: RunWrap;
  /** Called when the run ended, before it is reported (an error's position moved, say). */
  ending?(run: QueryRun): void;
}

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

/**
 * What a run that ended tells its listeners ({@link QueryService.onFinished}): where it
 * ran, the statements it completed in order, and the session's transaction state after it.
 */
export interface FinishedRun {
  connectionId: string;
  /** The tab whose own session it ran on; absent for a pool session (rolled back after). */
  tabId?: string;
  /** The statements that ran, in order: a failing one has `command` null or is absent. */
  statements: {
    kind: StatementKind;
    /** The server's command tag (`CREATE TABLE`, `COMMIT`…); null when it did not complete. */
    command: string | null;
    /** COMMIT or END. */
    commits?: true;
    /** Ends a transaction: COMMIT, END, ROLLBACK, ABORT, PREPARE TRANSACTION. */
    ends?: true;
  }[];
  transaction: TransactionState;
}

/**
 * The active-query registry (seeds' QueryHandle map): runs user SQL on an open
 * connection's pool, keeps each result until it is closed, and tells every view how each
 * run goes (`query.progress`, the first rows of each result in `query.rows`, then one of
 * `query.completed`, `query.failed`, `query.cancelled`). Every execution is recorded in the history.
 */
export class QueryService {
  readonly #runs = new Map<string, QueryRun>();
  readonly #options: QueryServiceOptions;
  readonly #budget: ResultBudget;
  readonly #reads: ResultReads;
  readonly #columnTypes = new ColumnTypeCaches();
  readonly #finished: ((run: FinishedRun) => void)[] = [];

  constructor(options: QueryServiceOptions) {
    this.#options = options;
    this.#budget = new ResultBudget(() => options.limits());
    this.#reads = new ResultReads({
      live: options.live,
      get: (queryId) => this.#get(queryId),
      budget: this.#budget,
      columnTypes: this.#columnTypes,
    });
    // What was learnt of a connection's catalog goes with it, however it closes.
    options.live.onClose((connectionId) => this.#columnTypes.forget(connectionId));
  }

  /**
   * Starts `sql` on connection `connectionId` (open: `connections.connect` first) and
   * returns its id at once; what happens next comes as events.
   * @throws TuskError `connection` when the connection is not open.
   */
  execute(input: RunInput): { queryId: string; waitingFor?: 'cancel' } {
    const pool = this.#options.live.pool(input.connectionId);
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        hint: 'Connect to it first (connections.connect), then run the query again.',
      });
    }
    // A tab's run takes its own session now, so a lost or busy one is refused in the reply.
    const tab = input.tabId ? this.#options.tabs.lease(input.connectionId, input.tabId) : null;
    const pushed = new Set<number>();
    const progress = (r: QueryRun) => {
      this.#options.emit('query.progress', {
        queryId: r.id,
        rowCount: r.rowCount,
        result: r.runningIndex,
      });
      if (r.rowCount > 0 && !pushed.has(r.runningIndex)) {
        pushed.add(r.runningIndex);
        this.#pushFirstRows(r.id, r.runningIndex);
      }
    };
    const context: RunContext = {
      pool,
      acquire: sessionFor(pool, tab, () => progress(run)),
      budget: this.#budget,
      rowCap: this.#options.limits().rowCap,
      ...(input.wrap ? { wrap: input.wrap } : {}),
      events: {
        progress,
        finished: (r) => {
          input.ending?.(r);
          reportFinished(r, { ...this.#options, columnTypes: this.#columnTypes });
          this.#tell(r, input.tabId);
        },
      },
    };
    const run = new QueryRun(
      {
        id: uuidv4(),
        connectionId: input.connectionId,
        sql: input.sql,
        ...(input.params ? { params: input.params } : {}),
      },
      context,
    );
    this.#runs.set(run.id, run);
    this.#budget.track(run);
    // Started on the next tick: the reply with the id leaves before any event of the run.
    setImmediate(() => void run.run());
    return { queryId: run.id, ...(tab?.waitingFor ? { waitingFor: tab.waitingFor } : {}) };
  }

  /**
   * `listener` hears of every run that ended (completed, failed or cancelled), after its
   * terminal event: what the schema domain needs to know when DDL committed.
   */
  onFinished(listener: (run: FinishedRun) => void): void {
    this.#finished.push(listener);
  }

  #tell(run: QueryRun, tabId: string | undefined): void {
    if (this.#finished.length === 0) return;
    const finished: FinishedRun = {
      connectionId: run.connectionId,
      ...(tabId === undefined ? {} : { tabId }),
      statements: run.outcomes.map((o) => {
        const s = run.statements[o.index];
        return {
          kind: s?.kind ?? 'unknown',
          command: o.command,
          ...(s?.commits ? { commits: true as const } : {}),
          ...(s?.ends ? { ends: true as const } : {}),
        };
      }),
      transaction: run.transaction,
    };
    for (const listener of this.#finished) {
      try {
        listener(finished);
      } catch {
        // A listener's failure is its own: the run is reported all the same.
      }
    }
  }

  /** Cancels a query: a waiting one is removed, a running one stopped; an ended one stays. */
  cancel(queryId: string): QueryState {
    const run = this.#get(queryId);
    run.cancel();
    return this.status(queryId);
  }

  /** Where a query stands. */
  status(queryId: string): QueryState {
    return stateOf(this.#get(queryId));
  }

  /** `queries.page`: see {@link ResultReads.page}. */
  page(queryId: string, offset: number, limit: number, index?: number): Promise<ResultPage> {
    return this.#reads.page(queryId, offset, limit, index);
  }

  /** What `edits.*` read of a held result: see {@link ResultReads.editSource}. */
  editSource(queryId: string, index?: number): Promise<EditSource> {
    return this.#reads.editSource(queryId, index);
  }

  /** `queries.cell`: see {@link ResultReads.cell}. */
  cell(queryId: string, row: number, column: number, index?: number): { value: string | null } {
    return this.#reads.cell(queryId, row, column, index);
  }

  /** `queries.copy`: see {@link ResultReads.copy}. */
  copy(
    queryId: string,
    request: CopyRequest,
    index?: number,
  ): Promise<{ text: string; rows: number }> {
    return this.#reads.copy(queryId, request, index);
  }

  /**
   * A held result as an export reads it (issue 27): its rows and named columns (as
   * {@link editSource}), the statement that made it (its text, whether it writes), the
   * run's parameters, whether a budget or row cap truncated it and whether it still fetches.
   * @throws TuskError as {@link page} (no such query, no rows, freed).
   */
  async heldResult(queryId: string, index?: number): Promise<HeldResult> {
    const run = this.#get(queryId);
    const { connectionId, set, columns } = await this.#reads.editSource(queryId, index);
    const at = index ?? [...run.sets.entries()].find(([, s]) => s === set)?.[0] ?? 0;
    const statement = run.statements[at];
    return {
      connectionId,
      set,
      columns,
      ...(statement ? { statement } : {}),
      params: run.params,
      truncated: run.outcomes.some((o) => o.index === at && o.truncated),
      fetching: run.fetching,
    };
  }

  /**
   * A result's rows as the run holds them, for a reader that needs them whole (the plan of
   * an EXPLAIN): result `index`, else the first with rows, and whether the run still fetches.
   * @throws TuskError `validation`: no such query, no such result, freed.
   */
  rawResult(
    queryId: string,
    index?: number,
  ): { connectionId: string; set: ResultSet; fetching: boolean } {
    const run = this.#get(queryId);
    const at = index ?? [...run.sets.keys()].sort((a, b) => a - b)[0];
    const set = at === undefined ? undefined : run.sets.get(at);
    if (!set) {
      throw new TuskError('validation', 'This query has no such result', {
        hint: run.fetching
          ? 'Wait until it completed.'
          : 'Its outcome (results) says what each statement did.',
      });
    }
    if (set.freed) throw freedError();
    return { connectionId: run.connectionId, set, fetching: run.fetching };
  }

  /** `queries.arrange`: see {@link ResultReads.arrange}. */
  arrange(queryId: string, request: ArrangeRequest, index?: number): Promise<ArrangeReply> {
    return this.#reads.arrange(queryId, request, index);
  }

  /** `queries.arrange` with `cancel`: see {@link ResultReads.cancelArrange}. */
  cancelArrange(queryId: string, index?: number): ArrangeReply {
    return this.#reads.cancelArrange(queryId, index);
  }

  /** Frees a result (its tab closed or re-ran); a running query is cancelled first. */
  /** What results hold now, and the chunks made and reused since start (`app.health`). */
  memory(): ResultsMemory {
    return this.#budget.memory();
  }

  close(queryId: string): { closed: boolean } {
    const run = this.#runs.get(queryId);
    if (!run) return { closed: false };
    if (run.fetching) run.cancel();
    run.free();
    this.#runs.delete(queryId);
    this.#budget.forget(queryId);
    return { closed: true };
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

  /**
   * The first rows of a result, pushed as soon as it has some (`query.rows`): a page of
   * the views, read as `queries.page` reads it once the rows of the driver's current read
   * are held, so the views show them without asking. A result closed or freed meanwhile
   * pushes nothing (the views then ask for pages as they need them).
   */
  #pushFirstRows(queryId: string, index: number): void {
    this.#reads.page(queryId, 0, FIRST_ROWS, index, FIRST_ROWS_BYTES).then(
      (page) => this.#options.emit('query.rows', { queryId, result: index, ...page }),
      () => undefined,
    );
  }
}
