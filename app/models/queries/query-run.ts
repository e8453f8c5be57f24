import type { PoolSession, TransactionState } from '../connections/pool-session';
import type { ErrorInfo } from '../errors/error-info';
import { isPostgresError } from '../errors/postgres-errors';
import { loadParser } from '../sql/pg-parser';
import { findSqlSecrets } from '../sql/secrets';
import type { SqlStatement } from '../sql/split';
import { escalateCancel, type CancelOutcome } from './cancel';
import { abandon, afterStatement, beforeStatement, type PoolerStep } from './pooler-statement';
import type { Budgeted } from './result-budget';
import type { RunContextOf, SessionLease } from './run-context';
import type { Arrangement } from './result-order';
import type { ResultSet } from './result-set';
import { cancelNotLanded, errorInfoOf, statementError } from './run-errors';
import { ProgressPace } from './progress-pace';
import { cleanUp } from './session-hygiene';
import * as guards from './statement-guards';
import { metaOutcome, StatementRun, type StatementOutcome } from './statement-run';

/** Where a query stands (seeds' QueryStatus, plus `queued` while it waits for a session). */
export type QueryStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'timeout' | 'failed';

export type { SessionLease } from './run-context';
/** What a run needs (see RunContextOf). */
export type RunContext = RunContextOf<QueryRun>;

/**
 * One run of user SQL: a script read as psql reads it, statement by statement on one
 * session, each with its outcome and, when it returns rows, its {@link ResultSet}; the
 * first error stops it (the outcomes before it kept). A cancel removes a waiting run or
 * stops the running statement ({@link escalateCancel}); the session is released once every
 * cancel has landed, a pool's left clean (rolled back, `DISCARD ALL` when state was left).
 */
export class QueryRun implements Budgeted {
  readonly id: string;
  readonly connectionId: string;
  readonly sql: string;
  readonly params: unknown[];
  readonly startedAt = new Date().toISOString();
  status: QueryStatus = 'queued';
  /** Outcomes of the statements run so far. */
  readonly outcomes: StatementOutcome[] = [];
  /** The statements of the script, once split. */
  statements: SqlStatement[] = [];
  /** Result sets by statement index. */
  readonly sets = new Map<number, ResultSet>();
  /** Sort and filter in force, by statement index (`queries.arrange`). */
  readonly arrangements = new Map<number, Arrangement>();
  error: ErrorInfo | null = null;
  elapsedMs = 0;
  transaction: TransactionState = 'idle';
  lastUsed = performance.now();
  readonly #began = performance.now();
  readonly #context: RunContext;
  /**
   * Aborted by {@link cancel}: its signal is what the wait for a session listens to, and
   * whether a cancel was asked for.
   */
  readonly #abort = new AbortController();
  readonly #cancels: Promise<CancelOutcome>[] = [];
  #current: StatementRun | null = null;
  #session: PoolSession | null = null;
  #lease: SessionLease | null = null;
  /** Bytes of the notices of the statements that ended. */
  #noticeBytes = 0;
  /** Secrets of the failing statement, cut from its error. */
  #errorSecrets: string[] = [];
  readonly #pace = new ProgressPace(
    () => this.#context.events.progress(this),
    () => this.fetching,
  );

  /** `context`: where its session comes from, its budget, row cap and events. */
  constructor(
    init: { id: string; connectionId: string; sql: string; params?: unknown[] },
    context: RunContext,
  ) {
    this.#context = context;
    this.id = init.id;
    this.connectionId = init.connectionId;
    this.sql = init.sql;
    this.params = init.params ?? [];
  }

  /** True while it may still run statements or receive rows. */
  get fetching(): boolean {
    return this.status === 'queued' || this.status === 'running';
  }

  /**
   * Memory it holds: its result sets, the notices of the statement running now (those of
   * ended ones are counted in {@link noticeBytes}), the row orders of their arrangements,
   * and the keys of a sort being built.
   */
  get bytes(): number {
    const current = this.#current;
    let sum = this.#noticeBytes + this.sortBytes + (current?.noticeBytes ?? 0);
    for (const set of this.sets.values()) sum += set.bytes;
    for (const arrangement of this.arrangements.values()) {
      sum += arrangement.order.byteLength;
      if (arrangement.all && arrangement.all !== arrangement.order)
        sum += arrangement.all.byteLength;
    }
    return sum;
  }

  /** Memory of sort keys being built now (`queries.arrange`), counted in {@link bytes}. */
  sortBytes = 0;

  /** The index of the statement running now (or of the last one run). */
  get runningIndex(): number {
    return this.#current?.outcome.index ?? this.outcomes.at(-1)?.index ?? 0;
  }

  /** Rows of the last statement (held or affected). */
  get rowCount(): number {
    const current = this.#current?.set;
    if (this.fetching && current) return current.rowCount;
    return this.outcomes.at(-1)?.rowCount ?? 0;
  }

  /** The last statement's command tag. */
  get command(): string | null {
    return this.outcomes.at(-1)?.command ?? null;
  }

  /** True when a budget or row cap stopped a fetch. */
  get truncated(): boolean {
    return this.outcomes.some((o) => o.truncated);
  }

  /** Milliseconds since it was started (final once it has ended). */
  elapsedNow(): number {
    return this.fetching ? Math.round(performance.now() - this.#began) : this.elapsedMs;
  }

  /** Frees the rows to give memory back; the run answers "freed" from then on. */
  free(): void {
    for (const set of this.sets.values()) set.free();
    this.arrangements.clear();
  }

  /** Runs it; resolves when it has ended (never rejects). */
  async run(): Promise<void> {
    await this.#go();
    if (this.#context.wrap) this.#context.events.finished(this);
  }

  async #go(): Promise<void> {
    let statements: guards.StatementPlan;
    try {
      await loadParser();
      statements = guards.planStatements(this.sql, this.params, () => this.#session);
    } catch (error) {
      return this.#finish('failed', error);
    }
    let lease: SessionLease;
    try {
      lease = await this.#context.acquire(this.#abort.signal);
    } catch (error) {
      return this.#finish(this.#cancelRequested ? 'cancelled' : 'failed', error);
    }
    this.#session = lease.session;
    this.#lease = lease;
    try {
      if (this.#cancelRequested) return this.#finish('cancelled');
      this.status = 'running';
      const wrap = this.#context.wrap;
      if (wrap) await wrap.open(lease.session);
      await this.#runAll(lease.session, statements);
    } catch (error) {
      this.#finish('failed', error);
    } finally {
      // Never hand the session on while a CancelRequest for this run may still arrive;
      // one that did not land in time closes it.
      if (await this.#landed()) {
        await this.#context.wrap?.close(lease.session);
        if (!lease.keepsState) await cleanUp(lease.session);
        this.transaction = lease.session.transaction;
        lease.release();
      } else {
        await lease.discard();
      }
    }
  }

  /** True when every cancel sent for this run has landed (waits for them). */
  async #landed(): Promise<boolean> {
    const outcomes = await Promise.all(this.#cancels);
    return outcomes.every((o) => o.safe);
  }

  /**
   * Cancels it: a waiting run leaves the queue, a running one is stopped on the server
   * (escalating until it is). A run that already ended is left as it is.
   */
  cancel(): void {
    if (!this.fetching || this.#cancelRequested) return;
    // A waiting run leaves the queue (its wait listens to the signal; a running one's no more).
    this.#abort.abort();
    if (this.status === 'queued') return;
    this.#lease?.cancelling?.();
    const current = this.#current;
    if (!current) return;
    this.#cancels.push(
      escalateCancel({
        pool: this.#context.pool,
        statement: current.statement,
        onGiveUp: () => this.#finish('cancelled'),
      }),
    );
  }

  async #runAll(session: PoolSession, statements: guards.StatementPlan) {
    let index = -1;
    for (const statement of statements) {
      index += 1;
      this.statements.push(statement);
      if (this.#cancelRequested) return this.#finish('cancelled');
      // A budget stop's cancel lands before the next statement, which it would hit.
      if (this.#cancels.length > 0 && !(await this.#landed())) {
        return this.#finish('failed', cancelNotLanded());
      }
      const refusal = guards.refusalOf(statement, this.sql, this.#context.pool);
      if (refusal) return this.#finish('failed', refusal);
      if (statement.meta) {
        this.outcomes.push(metaOutcome(index, statement.meta));
        continue;
      }
      let step: PoolerStep;
      try {
        step = await beforeStatement(session, statement);
      } catch (error) {
        return this.#failed(session, error, statement, 0);
      }
      const current = new StatementRun(session, index, statement, this.params, {
        allows: (held, bytes) => this.#context.budget.allows(this, held, bytes),
        stop: () => this.#stop(session, current, step, statement),
        created: (set) => this.sets.set(index, set),
        stored: (set, first) => this.#stored(set, first),
        rowsLeft: (set) => {
          const cap = this.#context.rowCap;
          return cap === 0 ? Infinity : Math.max(0, cap - set.rowCount);
        },
      });
      this.#current = current;
      try {
        const outcome = await current.run();
        if (step.rolledBack) outcome.command = 'ROLLBACK';
        const notice = await afterStatement(session, statement, step, true);
        if (notice) current.addNotice(notice);
        this.outcomes.push(outcome);
        const stop = await guards.stopAfter(session, statement, current.set, statements.vars);
        if (stop) return this.#finish('failed', stop);
      } catch (error) {
        const outcome = current.end();
        if (isPostgresError(error) && error.code === '57014' && current.stopped) {
          // Our own stop at the budget: the rows held are this statement's answer. The
          // next statement waits until that cancel has fully landed.
          outcome.command = 'SELECT';
          this.outcomes.push(outcome);
          if (!(await this.#landed())) return this.#finish('failed', cancelNotLanded());
          await abandon(session, step);
          continue;
        }
        await abandon(session, step);
        // The failing statement is told by the error (with its position), not as an outcome,
        // unless the server sent notices before the error: they are kept with it.
        const noticed = outcome.notices.length > 0 || outcome.noticesDropped > 0;
        if (this.#cancelRequested || !isPostgresError(error) || noticed) {
          this.outcomes.push(outcome);
        }
        return this.#failed(session, error, statement, outcome.elapsedMs);
      } finally {
        this.#noticeBytes += current.noticeBytes;
        this.#current = null;
      }
    }
    if (index < 0) return this.#finish('failed', guards.noStatement());
    this.#finish('completed');
  }

  #stored(set: ResultSet, first: boolean): boolean {
    this.#pace.stored(first);
    return this.#context.rowCap === 0 || set.rowCount < this.#context.rowCap;
  }

  /**
   * The budget or the row cap is reached: keep what is held. A statement that reads only,
   * outside a transaction (or in the one Tusk opened around it), is cancelled on the
   * server; one that writes, or one inside the user's open transaction (a cancel would
   * abort it), reads the remaining rows and drops them. Either way the script goes on.
   */
  #stop(
    session: PoolSession,
    current: StatementRun,
    step: PoolerStep,
    statement: SqlStatement,
  ): void {
    // A statement that writes is never cancelled: its work must not be undone.
    if (statement.writes) return;
    const ours = step.wrapped;
    if (session.transaction !== 'idle' && !ours) return;
    this.#cancels.push(
      escalateCancel({
        pool: this.#context.pool,
        statement: current.statement,
        onGiveUp: () => undefined,
      }),
    );
  }

  async #failed(
    session: PoolSession,
    error: unknown,
    statement: SqlStatement,
    statementMs: number,
  ): Promise<void> {
    if (this.#cancelRequested) return this.#finish('cancelled');
    // The statement's own secrets are kept out of its error (a syntax error quotes them).
    this.#errorSecrets = findSqlSecrets(statement.text).secrets;
    const mapped = await statementError(error, {
      statement,
      sql: this.sql,
      session,
      pool: this.#context.pool,
      statementMs,
    });
    this.#finish(mapped.kind === 'query_timeout' ? 'timeout' : 'failed', mapped);
  }

  /** True once {@link cancel} was asked for. */
  get #cancelRequested(): boolean {
    return this.#abort.signal.aborted;
  }

  #finish(status: QueryStatus, error?: unknown): void {
    if (!this.fetching) return;
    this.#pace.stop();
    this.status = status;
    this.elapsedMs = Math.round(performance.now() - this.#began);
    if (this.#session) this.transaction = this.#session.transaction;
    if (error !== undefined && status !== 'cancelled') {
      this.error = errorInfoOf(error, this.#errorSecrets);
    }
    // A wrapped run reports once its wrap is closed (see run()).
    if (!this.#context.wrap) this.#context.events.finished(this);
  }
}
