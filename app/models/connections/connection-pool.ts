import postgres from 'postgres';
import { connectError } from './connect-errors';
import { DEFAULT_POOL_SIZE, MAX_POOL_SIZE } from './connection-config';
import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';
import { fromNetworkError } from '../errors/network-errors';
import { fromPostgresError, isPostgresError } from '../errors/postgres-errors';
import { rememberSecret } from '../errors/redact';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './server-login';
import {
  isPoolerRefusal,
  localSettings,
  loginTimeout,
  POOL_IDLE_IN_TRANSACTION_MS,
  sessionOptions,
  validate,
  withDeadline,
} from './pool-open';
import type { PoolLease, PoolOptions, PoolServer, PoolStatus } from './pool-options';
import { dropReporter } from './pool-drops';
import { PoolSession, type SessionEvents, type SessionOptions } from './pool-session';
import { waitForSession, type PoolWaiter } from './pool-waiters';
import { sslOptionsFor } from './ssl-options';

export type { PoolDrop, PoolLease, PoolOptions, PoolServer, PoolStatus } from './pool-options';
export { DROP_BURST_MS } from './pool-options';

const log = getLogger('pool');

/** How long an operation waits for a free connection before `pool_timeout`. */
export const DEFAULT_POOL_WAIT_MS = 5000;

/**
 * A pool of sessions to one server. Each session is its own postgres.js instance with one
 * connection (measured: postgres.js's `reserve()` hands out a second connection only after
 * the first is released, so its own pool cannot give concurrent sessions); the pool hands
 * them out, queues waiters and times them out. No pipelining (`max_pipeline: 0`),
 * TCP_NODELAY and keepalive on every socket, the session defaults set at connect
 * (application_name Tusk, statement_timeout, idle_in_transaction_session_timeout 60 s,
 * default_transaction_read_only for read-only connections), and a wait timeout that
 * postgres.js lacks: an operation that gets no connection in time fails with `pool_timeout`.
 * A connection the server drops is reported ({@link PoolOptions.onDrop}) and opened again
 * on next use; closing the pool cancels the queries still running.
 */
export class ConnectionPool {
  /** What the server said at open. */
  readonly server: PoolServer;
  readonly #sessions: PoolSession[];
  readonly #idle: PoolSession[];
  readonly #waiters: PoolWaiter[] = [];
  readonly #waitMs: number;
  readonly #target: { host: string; port: number };
  readonly #settings: SessionOptions;
  /** Behind a transaction pooler: the options whose settings go as SET LOCAL per run. */
  readonly #pooler: PoolOptions | null;
  #closed = false;
  #drops = 0;

  private constructor(parts: {
    sessions: PoolSession[];
    server: PoolServer;
    target: { host: string; port: number };
    waitMs: number;
    settings: SessionOptions;
    pooler: PoolOptions | null;
  }) {
    this.#pooler = parts.pooler;
    this.#sessions = parts.sessions;
    this.#target = parts.target;
    this.#idle = [...parts.sessions];
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
    if (this.#pooler) {
      return new PoolSession({
        options: this.#settings,
        events,
        localSettings: localSettings(this.#pooler, idleInTransactionMs),
      });
    }
    const settings = this.#settings as SessionOptions & { connection?: Record<string, unknown> };
    return new PoolSession({
      options: {
        ...settings,
        connection: {
          ...settings.connection,
          idle_in_transaction_session_timeout: idleInTransactionMs,
        },
      } as SessionOptions,
      events,
    });
  }

  /**
   * Runs `work` on a new session of its own, closed afterwards: for the steps of a cancel
   * (`pg_cancel_backend`) when every pooled session may be busy.
   */
  async admin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    const session = new PoolSession({
      options: this.#settings,
      events: { dropped: () => {} },
      localSettings: this.#local(),
    });
    try {
      return await work(session.sql);
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
  async run<T>(work: (session: postgres.Sql) => Promise<T>, sqlText?: string): Promise<T> {
    if (this.#closed) throw closedError();
    const session = await this.#acquire();
    try {
      return await work(session.tracked());
    } catch (error) {
      if (isPostgresError(error)) {
        // A 57014 once close() began is close()'s own cancel, not a statement timeout.
        throw fromPostgresError(error, {
          ...(sqlText === undefined ? {} : { sql: sqlText }),
          cancelRequested: this.#closed,
        });
      }
      // close() began while this query was on its way: it never ran.
      if (this.#closed) throw closedError();
      // A lost connection that could not be opened again (server down, network gone).
      throw fromNetworkError(error, this.#target) ?? error;
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

  #release(session: PoolSession): void {
    const next = this.#waiters.shift();
    if (next) next.grant(session);
    else this.#idle.push(session);
  }
}

function poolIdleMs(options: PoolOptions): number {
  return options.idleInTransactionMs ?? POOL_IDLE_IN_TRANSACTION_MS;
}

function closedError(): TuskError {
  return new TuskError('connection', 'This connection is closed', { hint: 'Connect again.' });
}
