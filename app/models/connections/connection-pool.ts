import { connectError } from './connect-errors';
import { DEFAULT_POOL_SIZE, MAX_POOL_SIZE } from './connection-config';
import { getLogger } from '../logging/logging';
import { closedError, runError } from './pool-errors';
import { rememberSecret } from '../errors/redact';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './server-login';
import {
  isPoolerRefusal,
  localSettings,
  loginTimeout,
  ownSessionOptions,
  tabSessionOptions,
  poolIdleMs,
  sessionOptions,
  validate,
  withDeadline,
  withStatementTimeout,
} from './pool-open';
import type { PoolLease, PoolOptions, PoolServer, PoolStatus } from './pool-options';
import { dropReporter } from './pool-drops';
import {
  PoolSession,
  type SessionEvents,
  type SessionOptions,
  type SessionQueries,
} from './pool-session';
import { waitForSession, type PoolWaiter } from './pool-waiters';
import { sslOptionsFor } from './ssl-options';

export type { PoolDrop, PoolLease, PoolOptions, PoolServer, PoolStatus } from './pool-options';
export { DROP_BURST_MS } from './pool-options';

const log = getLogger('pool');
const NO_EVENTS: SessionEvents = { dropped: () => {} };

/** How long an operation waits for a free connection before `pool_timeout`. */
export const DEFAULT_POOL_WAIT_MS = 5000;

/**
 * A pool of sessions to one server, each its own driver session with one connection
 * (postgres.js's `reserve()` gives a second connection only after the first is released);
 * handed out last in, first out (logged in, caches warm), waiters queued and timed out
 * (`pool_timeout`, which postgres.js lacks). No pipelining (see DriverSession), TCP_NODELAY
 * and keepalive, the session defaults set at connect (application_name Tusk,
 * statement_timeout, idle_in_transaction_session_timeout 60 s, default_transaction_read_only
 * for read-only connections). A connection the server drops is reported
 * ({@link PoolOptions.onDrop}) and opened again on next use; closing the pool cancels the
 * queries still running.
 */
export class ConnectionPool {
  /** What the server said at open. */
  readonly server: PoolServer;
  readonly #sessions: PoolSession[];
  readonly #idle: PoolSession[];
  readonly #waiters: PoolWaiter[] = [];
  readonly #waitMs: number;
  readonly #target: { host: string; port: number };
  #settings: SessionOptions;
  /** Behind a transaction pooler: the options whose settings go as SET LOCAL per run. */
  #pooler: PoolOptions | null;
  readonly #events: SessionEvents;
  /** Busy sessions that log in with old settings: replaced when released. */
  readonly #stale = new Set<PoolSession>();
  #closed = false;
  #drops = 0;

  private constructor(parts: {
    sessions: PoolSession[];
    server: PoolServer;
    target: { host: string; port: number };
    waitMs: number;
    settings: SessionOptions;
    pooler: PoolOptions | null;
    events: SessionEvents;
  }) {
    this.#pooler = parts.pooler;
    this.#events = parts.events;
    this.#sessions = parts.sessions;
    this.#target = parts.target;
    this.#idle = [...parts.sessions].reverse(); // the ones logged in at open come first
    this.server = parts.server;
    this.#waitMs = parts.waitMs;
    this.#settings = parts.settings;
  }

  /** The server as the user knows it (not the SSH tunnel's end), for messages. */
  get target(): { host: string; port: number } {
    return this.#target;
  }

  /**
   * True behind a transaction pooler (PgBouncer in transaction mode), detected at open by
   * its refusal of Tusk's login settings: they go as `SET LOCAL` in each transaction, a
   * session's state lasts only inside an explicit transaction, and its cancel keys name no
   * real backend, so pid-based cancel steps are skipped.
   */
  get transactionPooler(): boolean {
    return this.#pooler !== null;
  }

  /**
   * Hands out one session until `release()` (idempotent): for work that must choose when
   * the session is free again, such as a query whose cancel must land first.
   * @throws TuskError `pool_timeout` as {@link run}; the `signal`'s reason when it is
   *   aborted while waiting (the waiter leaves the queue; the server is not touched).
   */
  async lease(signal?: AbortSignal): Promise<PoolLease> {
    if (this.#closed) throw closedError();
    const session = await this.#acquire(signal);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      session.settle();
      this.#release(session);
    };
    return {
      session,
      release,
      discard: async () => {
        if (held) await session.discard();
        release();
      },
    };
  }

  /**
   * A new session of its own for a tab, outside the pool: the same login and settings
   * except `idle_in_transaction_session_timeout` (`idleInTransactionMs`, 0 = none: a
   * user's transaction must outlive a coffee break). It connects on first use; `events`
   * hears when its connection is lost. The caller ends it.
   */
  openSession(idleInTransactionMs: number, events: SessionEvents): PoolSession {
    if (this.#closed) throw closedError();
    const parts = tabSessionOptions(this.#settings, this.#pooler, idleInTransactionMs);
    return new PoolSession({ ...parts, events });
  }

  /**
   * A long-lived session of its own, outside the pool and its cleanup (the activity
   * sampler: the pool may be full of the queries it diagnoses), with `statement_timeout`
   * `statementTimeoutMs` at login (behind a transaction pooler: in its `localSettings`, to
   * send with each statement). It connects on first use; the caller ends it.
   */
  ownSession(statementTimeoutMs: number): PoolSession {
    if (this.#closed) throw closedError();
    const parts = ownSessionOptions(this.#settings, this.#pooler !== null, statementTimeoutMs);
    return new PoolSession({ ...parts, events: NO_EVENTS });
  }

  /** The backend pids of its sessions logged in now (the pooler's own behind one). */
  pids(): number[] {
    return this.#sessions.flatMap((s) => (s.pid === undefined ? [] : [s.pid]));
  }

  /**
   * Runs `work` on a new session of its own, closed afterwards: for the steps of a cancel
   * (`pg_cancel_backend`) when every pooled session may be busy.
   */
  async admin<T>(work: (session: SessionQueries) => Promise<T>): Promise<T> {
    const localSettings = this.#local();
    const session = new PoolSession({ options: this.#settings, events: NO_EVENTS, localSettings });
    try {
      return await work(session);
    } finally {
      await session.end(1);
    }
  }

  /**
   * Opens the pool and validates it with one query (server version, user, TLS), all within
   * the connect timeout: DNS, TCP, TLS, login.
   * @throws TuskError with stage and hint (see testConnection); nothing stays open then.
   */
  static async open(options: PoolOptions): Promise<ConnectionPool> {
    const { login } = options;
    const size = Math.min(Math.max(options.size ?? DEFAULT_POOL_SIZE, 1), MAX_POOL_SIZE);
    const timeoutMs = login.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const target = options.target ?? { host: login.host, port: login.port };
    rememberSecret(login.password);
    const deadline = options.deadline ?? Date.now() + timeoutMs;
    const remaining = () => Math.max(1, deadline - Date.now());
    let sessions: PoolSession[] = [];
    let pool: ConnectionPool | undefined;
    const drops = dropReporter(options, target, () => pool);
    let tls = false;
    try {
      const ssl = await sslOptionsFor({ ...login, connectTimeoutMs: remaining() });
      tls = ssl !== false;
      const timeout = () =>
        // Within the open's deadline at first; each later (re)connect gets the whole timeout.
        pool ? timeoutMs : Math.min(timeoutMs, remaining());
      let pooler: PoolOptions | null = null;
      let settings = sessionOptions(login, options, ssl, timeout);
      const start = () => {
        const local = pooler && localSettings(pooler, poolIdleMs(pooler));
        sessions = Array.from(
          { length: size },
          () => new PoolSession({ options: settings, events: drops, localSettings: local }),
        );
        return withDeadline(validate(sessions[0]!), remaining(), () =>
          loginTimeout(target, timeoutMs, tls),
        );
      };
      let server;
      try {
        server = await start();
      } catch (error) {
        if (!isPoolerRefusal(error)) throw error;
        // PgBouncer in transaction mode: log in without the settings, send them per run.
        await Promise.all(sessions.map((s) => s.end(0)));
        pooler = options;
        settings = sessionOptions(login, options, ssl, timeout, true);
        server = await start();
      }
      log.info(
        `pool open: ${login.username}@${target.host}:${target.port}/${login.database}, ${size} connections, tls ${tls}${pooler ? ', transaction pooler' : ''}`,
      );
      pool = new ConnectionPool({
        sessions,
        server: {
          ...server,
          tls,
          readOnly: server.readOnly || options.readOnly === true,
          readOnlySetting: options.readOnly === true,
        },
        target,
        waitMs: options.waitTimeoutMs ?? DEFAULT_POOL_WAIT_MS,
        settings,
        pooler,
        events: drops,
      });
      return pool;
    } catch (error) {
      await Promise.all(sessions.map((s) => s.end(0)));
      throw connectError(error, { ...login, ...target }, timeoutMs);
    }
  }

  /**
   * Runs `work` on one reserved session and releases it. Server errors become TuskErrors
   * (with line/column when `sqlText` is given), so do network errors (stage and hint).
   * @throws TuskError `pool_timeout` when no session frees up within the wait timeout.
   */
  async run<T>(work: (session: SessionQueries) => Promise<T>, sqlText?: string): Promise<T> {
    if (this.#closed) throw closedError();
    const session = await this.#acquire();
    try {
      return await work(session.tracked());
    } catch (error) {
      throw runError(error, sqlText, this.#closed, this.#target);
    } finally {
      session.settle();
      this.#release(session);
    }
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sessions in use, free, logged in, and operations waiting for one. */
  status(): PoolStatus {
    const size = this.#sessions.length;
    const idle = this.#idle.length;
    return {
      size,
      busy: size - idle,
      idle,
      waiting: this.#waiters.length,
      connected: this.#sessions.filter((s) => s.up).length,
      drops: this.#drops,
    };
  }

  /**
   * Closes every session: refuses the operations waiting for one, and cancels the queries
   * that run (every 50 ms until the sessions have ended, so a query that was just being
   * sent as close() began is cancelled too, not left running on the server); a session
   * still busy after `timeoutSeconds` is cut off.
   */
  async close(timeoutSeconds = 2): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.refuse(closedError());
    let ended = false;
    const ending = Promise.all(this.#sessions.map((s) => s.end(timeoutSeconds))).then(() => {
      ended = true;
    });
    while (!ended) {
      await Promise.all(this.#sessions.map((s) => s.cancelRunning()));
      await Promise.race([ending, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
  }

  /**
   * Sets the `statement_timeout` the pool's sessions log in with (`ms`, 0 = none), for a
   * changed default: free sessions are closed and log in anew on their next use, busy ones
   * once released, and a tab's session opened from now on has it. A tab's session already
   * open keeps what it has (a `SET` of the user's own stays as it was).
   */
  useStatementTimeout(ms: number): void {
    if (this.#closed) return;
    const changed = withStatementTimeout(this.#settings, this.#pooler, ms);
    if (!changed) return;
    this.#settings = changed.settings;
    this.#pooler = changed.pooler;
    for (const session of this.#sessions) this.#stale.add(session);
    for (const session of this.#idle.splice(0)) this.#idle.push(this.#renew(session));
  }

  /** A new session in place of `old` (ended in the background), with the current settings. */
  #renew(old: PoolSession): PoolSession {
    this.#stale.delete(old);
    const fresh = new PoolSession({
      options: this.#settings,
      events: this.#events,
      localSettings: this.#local(),
    });
    this.#sessions[this.#sessions.indexOf(old)] = fresh;
    void old.end(1).catch(() => undefined);
    return fresh;
  }

  #local() {
    return this.#pooler && localSettings(this.#pooler, poolIdleMs(this.#pooler));
  }

  /** Counts dropped connections (the drop reporter calls this). */
  noteDrops(count: number): void {
    this.#drops += count;
  }

  /** A free session, or the next one released within the wait timeout. */
  #acquire(signal?: AbortSignal): Promise<PoolSession> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const free = this.#idle.pop();
    if (free) return Promise.resolve(free);
    return waitForSession(this.#waiters, this.#sessions.length, this.#waitMs, signal);
  }

  #release(released: PoolSession): void {
    const session = this.#stale.has(released) ? this.#renew(released) : released;
    const next = this.#waiters.shift();
    if (next) next.grant(session);
    else this.#idle.push(session);
  }
}
