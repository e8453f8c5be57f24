import type { ExplainOptions } from '../../common/plan-shapes';
import type { ErrorInfo, Methods, ServerEvents } from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';
import { FirstRows } from './first-rows';
import { PlansStore } from './plans-store';
import { ResultSource } from './result-source';
import { SplitStore } from './split-store';
import { Store } from './store';
import type { ExplainedRun, TabRun, TabSession } from './run-types';

export type { StatementOutcome, TabRun, TabSession, TransactionState } from './run-types';

/** What {@link RunsStore.run} runs: SQL of a tab (`sqlStart`: where it starts in its text). */
export interface RunInput {
  tabId: string;
  connectionId: string;
  sql: string;
  sqlStart: number;
  params?: (string | null)[];
}

/** Said when a run is asked while the tab runs one. */
const BUSY = 'Still running: cancel it (Esc) or wait, then run again';
/** How long that is said before the run's own status shows again. */
const REFUSED_FOR_MS = 4000;

/** How long a run waits for the backend's answer before it is drawn as starting. */
const SHOW_STARTING_AFTER_MS = 100;

/** How long a result's grid waits for its pushed first rows before it is drawn without. */
const DRAW_WITHOUT_FIRST_ROWS_MS = 250;

/** How long after a new run its tab's previous result is freed. */
const CLOSE_PREVIOUS_AFTER_MS = 1000;

const IDLE: TabSession = { run: null, transaction: 'idle', lost: null };
const TERMINAL = ['query.completed', 'query.failed', 'query.cancelled'] as const;

/**
 * The runs of the editor tabs: each tab runs on its own session (`tabId`), one run at a
 * time; progress and the terminal events update it; a lost session is kept until the
 * user acknowledges it (`sessions.close`). A new run frees the tab's previous result.
 */
export class RunsStore extends Store<Record<string, TabSession>> {
  /** The statements of the texts run (and under the editors' cursors), asked once per text. */
  readonly splits: SplitStore;
  /** The plans kept per tab (Tusk's explains and the user's own EXPLAIN results). */
  readonly plans: PlansStore;
  readonly #client: TuskClient;
  readonly #byQuery = new Map<string, string>();
  readonly #firstRows = new FirstRows();
  /** Runs asked and not yet answered, by tab (see {@link run}). */
  readonly #starting = new Map<string, TabRun>();

  constructor(client: TuskClient) {
    super({});
    this.#client = client;
    this.splits = new SplitStore(client);
    this.plans = new PlansStore(client);
    client.on('query.progress', ({ queryId, rowCount, result }) => {
      if (!this.#byQuery.has(queryId)) return;
      // A result's first progress is drawn with its first rows, pushed next: its grid opens
      // on them (one drawing for both).
      if (rowCount > 0 && !this.#firstRows.ready(queryId, result)) {
        return this.#firstRows.waitFor(queryId, result, DRAW_WITHOUT_FIRST_ROWS_MS, () =>
          this.#update(queryId, (run) =>
            run.status === 'running' && (run.rowsFrom ?? -1) < result
              ? { ...run, rowsFrom: result }
              : run,
          ),
        );
      }
      this.#update(queryId, (run) => ({
        ...run,
        status: 'running',
        rowCount,
        rowsFrom: rowCount > 0 ? result : run.rowsFrom,
        waitingFor: undefined,
      }));
    });
    client.on('query.rows', (rows) => {
      const tabId = this.#byQuery.get(rows.queryId);
      // Pushed after the run ended (its columns had to be named first): its grid asks.
      if (!tabId || !this.running(tabId)) return;
      this.#firstRows.add(rows);
      this.#update(rows.queryId, (run) => ({
        ...run,
        rowsFrom: rows.result,
        rowCount: Math.max(run.rowCount, rows.rowCount),
      }));
    });
    for (const event of TERMINAL) {
      client.on(event, (payload) => {
        const tabId = this.#byQuery.get(payload.queryId);
        if (!tabId) return;
        this.#firstRows.drop(payload.queryId);
        const extra = payload as Partial<
          ServerEvents['query.completed'] & ServerEvents['query.failed']
        >;
        this.#update(payload.queryId, (run) => ({
          ...run,
          status:
            event === 'query.completed'
              ? 'completed'
              : event === 'query.cancelled'
                ? 'cancelled'
                : extra.error?.kind === 'query_timeout'
                  ? 'timeout'
                  : 'failed',
          elapsedMs: payload.elapsedMs,
          results: payload.results,
          rowsFrom: null,
          rowCount: extra.rowCount ?? payload.results.at(-1)?.rowCount ?? 0,
          truncated: extra.truncated ?? false,
          error: extra.error ?? null,
        }));
        this.#setSession(tabId, { transaction: payload.transaction, refused: null });
      });
    }
    client.on('session.lost', ({ tabId, hadTransaction }) =>
      this.#setSession(tabId, { lost: { hadTransaction }, transaction: 'idle' }),
    );
  }

  of(tabId: string): TabSession {
    const session = this.value[tabId] ?? IDLE;
    const starting = this.#starting.get(tabId);
    return starting ? { ...session, run: starting } : session;
  }

  /** True while the tab's run has not ended. */
  running(tabId: string): boolean {
    const status = this.of(tabId).run?.status;
    return status === 'starting' || status === 'queued' || status === 'running';
  }

  /**
   * Runs `sql` in the tab's session. Resolves once started; the outcome comes through the
   * events. A refusal (lost session, too many tabs, connection closed) is kept as the
   * run's error. While the tab runs something nothing is sent: the running run keeps its
   * result and its Cancel, and {@link TabSession.refused} says why. A run asked while a
   * cancel lands waits for it (status `queued`, `waitingFor: 'cancel'`).
   */
  run(input: RunInput): Promise<void> {
    return this.#start(input);
  }

  /**
   * Tusk's own EXPLAIN of one statement (`queries.explain`: ANALYZE rolled back by the
   * backend), run as {@link run} runs SQL — the same events, cancel, refusals and errors
   * (placed in `input.sql`). The run carries `explain`; its plan is read through
   * {@link plans} once it completed.
   */
  explain(input: RunInput & { analyze: boolean; options: ExplainOptions }): Promise<void> {
    const { analyze, options } = input;
    return this.#start(input, { sql: input.sql, analyze, options });
  }

  async #start(input: RunInput, explain?: ExplainedRun): Promise<void> {
    const before = this.of(input.tabId).run;
    if (this.refuses(input.tabId)) return;
    const previous = before?.queryId;
    const run: TabRun = {
      queryId: null,
      tabId: input.tabId,
      connectionId: input.connectionId,
      status: 'starting',
      startedAt: performance.now(),
      elapsedMs: 0,
      rowCount: 0,
      rowsFrom: null,
      results: [],
      error: null,
      sql: input.sql,
      sqlStart: input.sqlStart,
      truncated: false,
      ...(explain ? { explain } : {}),
    };
    // Drawn once the backend answers (in a few ms), or after a moment without an answer: a
    // frame drawn meanwhile would hold the answer back (after a key press Chromium hands a
    // page its network messages once the frame that key caused is drawn). Seen at once by
    // of() and running(), so a second run is refused meanwhile.
    if (this.of(input.tabId).refused) this.#setSession(input.tabId, { refused: null });
    this.#starting.set(input.tabId, run);
    const draw = setTimeout(() => {
      if (this.#starting.get(input.tabId) !== run) return;
      this.#starting.delete(input.tabId);
      this.#setSession(input.tabId, { run });
    }, SHOW_STARTING_AFTER_MS);
    const answered = () => {
      clearTimeout(draw);
      if (this.#starting.get(input.tabId) === run) this.#starting.delete(input.tabId);
    };
    // The previous result is freed a moment after the new run started, once its first rows
    // are likely shown: the run comes first (the memory budget frees it sooner if need be).
    const closePrevious = () => {
      if (!previous) return;
      this.#byQuery.delete(previous);
      this.#firstRows.drop(previous);
      setTimeout(
        () => void this.#client.call('queries.close', { queryId: previous }).catch(() => undefined),
        CLOSE_PREVIOUS_AFTER_MS,
      );
    };
    try {
      const params: Methods['queries.execute']['params'] = {
        connectionId: input.connectionId,
        sql: input.sql,
        tabId: input.tabId,
        ...(input.params ? { params: input.params } : {}),
      };
      const { queryId, waitingFor } = explain
        ? await this.#client.call('queries.explain', { ...params, ...explain, sql: input.sql })
        : await this.#client.call('queries.execute', params);
      // Only a run that started replaces the previous result (a refused one leaves it).
      closePrevious();
      this.#byQuery.set(queryId, input.tabId);
      const current = this.of(input.tabId).run;
      answered();
      if (current?.status === 'starting') {
        // Started on the backend's next turn: running, or waiting for a cancel to land.
        this.#setSession(input.tabId, {
          run: waitingFor
            ? { ...current, queryId, status: 'queued', waitingFor }
            : { ...current, queryId, status: 'running' },
        });
      }
    } catch (error) {
      answered();
      const info =
        error instanceof RequestError
          ? error.info
          : ({ kind: 'internal', message: String(error) } as ErrorInfo);
      if (info.code === 'TAB_BUSY') {
        // The backend still runs the previous one: it stays the tab's run.
        this.#setSession(input.tabId, { run: before });
        this.#refuse(input.tabId);
        return;
      }
      this.#setSession(input.tabId, { run: { ...run, status: 'failed', error: info } });
    }
  }

  /**
   * The grid's source for result `index` of query `queryId`: while that result's rows
   * arrive, it opens on the first rows the backend pushed (no page to ask for).
   */
  source(queryId: string, index: number): ResultSource {
    const tabId = this.#byQuery.get(queryId);
    const run = tabId ? this.of(tabId).run : null;
    const streaming = run?.queryId === queryId && run.rowsFrom === index;
    const first = streaming ? this.#firstRows.get(queryId, index) : undefined;
    return new ResultSource(this.#client, queryId, index, first);
  }

  /** Shows `error` as the tab's run without sending anything (no connection, refused). */
  reject(tabId: string, error: ErrorInfo): void {
    this.#setSession(tabId, {
      run: {
        queryId: null,
        status: 'failed',
        startedAt: performance.now(),
        elapsedMs: 0,
        rowCount: 0,
        rowsFrom: null,
        results: [],
        error,
        sqlStart: 0,
        truncated: false,
      },
    });
  }

  /**
   * True (and said in {@link TabSession.refused}) when the tab runs a query whose cancel
   * was not asked: a new run is then not sent.
   */
  refuses(tabId: string): boolean {
    if (!this.running(tabId) || this.of(tabId).run?.cancelling) return false;
    this.#refuse(tabId);
    return true;
  }

  async cancel(tabId: string): Promise<void> {
    const run = this.of(tabId).run;
    const queryId = run?.queryId;
    if (!queryId) return;
    this.#update(queryId, (r) => ({ ...r, cancelling: true }));
    await this.#client.call('queries.cancel', { queryId });
  }

  /**
   * Ends the tab's session (closing the tab, or acknowledging a loss). With an open
   * transaction and no `commit`, rejects with the backend's TRANSACTION_OPEN error.
   */
  async closeSession(tabId: string, connectionId: string, commit?: boolean): Promise<void> {
    await this.#client.call('sessions.close', {
      connectionId,
      tabId,
      ...(commit === undefined ? {} : { commit }),
    });
    this.#setSession(tabId, { lost: null, transaction: 'idle' });
  }

  /** Forgets a closed tab (and frees its result, its plans). */
  forget(tabId: string): void {
    const queryId = this.of(tabId).run?.queryId;
    if (queryId) void this.#client.call('queries.close', { queryId }).catch(() => undefined);
    if (queryId) this.#firstRows.drop(queryId);
    this.#starting.delete(tabId);
    this.plans.forget(tabId);
    const next = { ...this.value };
    delete next[tabId];
    this.set(next);
  }

  /** Says {@link BUSY} in place of the run's status for a few seconds. */
  #refuse(tabId: string): void {
    this.#setSession(tabId, { refused: BUSY });
    setTimeout(() => {
      if (this.of(tabId).refused === BUSY) this.#setSession(tabId, { refused: null });
    }, REFUSED_FOR_MS);
  }

  #update(queryId: string, change: (run: TabRun) => TabRun): void {
    const tabId = this.#byQuery.get(queryId);
    const run = tabId ? this.of(tabId).run : null;
    if (!tabId || !run || run.queryId !== queryId) return;
    this.#setSession(tabId, { run: change(run) });
  }

  #setSession(tabId: string, fields: Partial<TabSession>): void {
    this.set({ ...this.value, [tabId]: { ...this.of(tabId), ...fields } });
  }
}
