import postgres from 'postgres';
import { connectError } from './connect-errors';
import { TuskError } from './errors';
import { getLogger } from './logging';
import { fromNetworkError } from './network-errors';
import { fromPostgresError, isPostgresError } from './postgres-errors';
import { rememberSecret } from './redact';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ServerLogin } from './server-login';
import { openSocket, PoolSession, type SessionOptions } from './pool-session';
import { sslOptionsFor } from './ssl-options';

const log = getLogger('pool');

/** Connections per pool unless configured (plan: a desktop client needs few). */
export const DEFAULT_POOL_SIZE = 4;
/** The largest pool a connection may have. */
export const MAX_POOL_SIZE = 8;
/** How long an operation waits for a free connection before `pool_timeout`. */
export const DEFAULT_POOL_WAIT_MS = 5000;
/** statement_timeout when the connection sets none. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** Options of {@link ConnectionPool.open}. */
export interface PoolOptions {
  login: ServerLogin;
  /** Connections, 1–8 (default 4). */
  size?: number;
  waitTimeoutMs?: number;
  /** Per-session statement_timeout; 0 for none; default 30 s. */
  statementTimeoutMs?: number | null;
  readOnly?: boolean;
  /** TCP keepalive interval, seconds (default 60). */
  keepAliveSeconds?: number;
  /**
   * Called when connections that were up are closed by the server or the network (a
   * restart, a terminated backend); once per burst. The pool reconnects on next use.
   */
  onDrop?(drop: PoolDrop): void;
}

/** Connections lost in one burst (within {@link DROP_BURST_MS}). */
export interface PoolDrop {
  sessions: number;
  at: string;
}

/** Drops this close together are reported as one. */
export const DROP_BURST_MS = 100;

/** What the server said when the pool was opened. */
export interface PoolServer {
  /** `server_version`, e.g. "18.0". */
  serverVersion: string;
  user: string;
  database: string;
  /** True when the sessions are encrypted. */
  tls: boolean;
}

/** What a pool is doing now. */
export interface PoolStatus {
  size: number;
  busy: number;
  idle: number;
  waiting: number;
  /** Sessions logged in now (the others reconnect on next use). */
  connected: number;
  /** Connections lost since the pool opened. */
  drops: number;
}

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
  readonly #waiters: { grant(session: PoolSession): void }[] = [];
  readonly #waitMs: number;
  readonly #target: { host: string; port: number };
  #closed = false;
  #drops = 0;

  private constructor(
    sessions: PoolSession[],
    server: PoolServer,
    target: { host: string; port: number },
    waitMs: number,
  ) {
    this.#sessions = sessions;
    this.#target = target;
    this.#idle = [...sessions];
    this.server = server;
    this.#waitMs = waitMs;
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
    rememberSecret(login.password);
    const deadline = Date.now() + timeoutMs;
    let sessions: PoolSession[] = [];
    let pool: ConnectionPool | undefined;
    const drops = dropReporter(options, () => pool);
    let tls = false;
    try {
      const ssl = await sslOptionsFor(login);
      tls = ssl !== false;
      const remaining = () => Math.max(1, deadline - Date.now());
      const settings: SessionOptions = {
        host: login.host,
        port: login.port,
        user: login.username,
        database: login.database,
        ...(login.password === undefined ? {} : { password: login.password }),
        ssl,
        max: 1,
        max_pipeline: 0,
        // postgres.js's own timer (TLS + login of a reconnect) a second longer than the
        // deadline of this open, so the first connection's timeout is always ours.
        connect_timeout: Math.ceil(timeoutMs / 1000) + 1,
        keep_alive: options.keepAliveSeconds ?? 60,
        fetch_types: false,
        // Reconnect at once when asked (postgres.js waits up to 20 s after failures).
        backoff: () => 0,
        onnotice: () => undefined,
        socket: () => openSocket(login.host, login.port, Math.min(timeoutMs, remaining())),
        connection: {
          application_name: 'Tusk',
          statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
          idle_in_transaction_session_timeout: 60_000,
          ...(options.readOnly ? { default_transaction_read_only: 'on' } : {}),
        },
      } as SessionOptions;
      sessions = Array.from({ length: size }, () => new PoolSession(settings, drops));
      const server = await withDeadline(validate(sessions[0]!), remaining(), () =>
        loginTimeout(login, timeoutMs, tls),
      );
      log.info(
        `pool open: ${login.username}@${login.host}:${login.port}/${login.database}, ${size} connections, tls ${tls}`,
      );
      pool = new ConnectionPool(
        sessions,
        { ...server, tls },
        { host: login.host, port: login.port },
        options.waitTimeoutMs ?? DEFAULT_POOL_WAIT_MS,
      );
      return pool;
    } catch (error) {
      await Promise.all(sessions.map((s) => s.end(0)));
      throw connectError(error, login, timeoutMs);
    }
  }

  /**
   * Runs `work` on one reserved session and releases it. Server errors become TuskErrors
   * (with line/column when `sqlText` is given), so do network errors (stage and hint).
   * @throws TuskError `pool_timeout` when no session frees up within the wait timeout.
   */
  async run<T>(work: (session: postgres.Sql) => Promise<T>, sqlText?: string): Promise<T> {
    if (this.#closed)
      throw new TuskError('connection', 'This connection is closed', { hint: 'Connect again.' });
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
      // A lost connection that could not be opened again (server down, network gone).
      throw fromNetworkError(error, this.#target) ?? error;
    } finally {
      session.settle();
      this.#release(session);
    }
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
   * Cancels the queries running now, then closes every session (waiting up to
   * `timeoutSeconds` for them to end).
   */
  async close(timeoutSeconds = 2): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#sessions.map((s) => s.cancelRunning()));
    await Promise.all(this.#sessions.map((s) => s.end(timeoutSeconds)));
  }

  /** Counts dropped connections (the drop reporter calls this). */
  noteDrops(count: number): void {
    this.#drops += count;
  }

  /** A free session, or the next one released within the wait timeout. */
  #acquire(): Promise<PoolSession> {
    const free = this.#idle.pop();
    if (free) return Promise.resolve(free);
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: (session: PoolSession) => {
          clearTimeout(timer);
          resolve(session);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        const size = this.#sessions.length;
        reject(
          new TuskError(
            'pool_timeout',
            `All ${size} connections stayed busy for ${this.#waitMs / 1000} s`,
            {
              hint: `Wait for a running query to finish or cancel one, then retry; or raise the pool size (now ${size}, at most ${MAX_POOL_SIZE}) in the connection's settings.`,
            },
          ),
        );
      }, this.#waitMs);
      this.#waiters.push(waiter);
    });
  }

  #release(session: PoolSession): void {
    const next = this.#waiters.shift();
    if (next) next.grant(session);
    else this.#idle.push(session);
  }
}

/** One query: the pool's connection works, and what the server is. */
async function validate(session: PoolSession): Promise<Omit<PoolServer, 'tls'>> {
  const [row] = await session.sql<{ version: string; user: string; database: string }[]>`
    SELECT current_setting('server_version') AS version, current_user AS user,
           current_database() AS database`;
  return { serverVersion: row!.version, user: row!.user, database: row!.database };
}

/** Reports drops of one pool in bursts, and counts them in its status. */
function dropReporter(options: PoolOptions, pool: () => ConnectionPool | undefined) {
  let pending = 0;
  return {
    dropped: () => {
      pending += 1;
      if (pending > 1) return;
      setTimeout(() => {
        const sessions = pending;
        pending = 0;
        pool()?.noteDrops(sessions);
        log.warn(
          `${sessions} connection(s) to ${options.login.host}:${options.login.port} lost; reconnecting on next use`,
        );
        options.onDrop?.({ sessions, at: new Date().toISOString() });
      }, DROP_BURST_MS).unref();
    },
  };
}

/** `work`, or `onTimeout()` thrown when it takes longer than `ms`. */
async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The server took the TCP connection but did not finish TLS and login in time. */
function loginTimeout(login: ServerLogin, timeoutMs: number, tls: boolean): TuskError {
  const where = `${login.host}:${login.port}`;
  const seconds = (timeoutMs / 1000).toFixed(0);
  return new TuskError(
    'connection',
    tls
      ? `${where} did not finish the TLS handshake and login within ${seconds} s`
      : `${where} did not finish the login within ${seconds} s`,
    {
      stage: tls ? 'tls' : 'authentication',
      hint: 'The port answers but not like a PostgreSQL server that is ready: check the port, that the server is not overloaded or stuck, and any proxy in between; or raise the connect timeout.',
    },
  );
}
