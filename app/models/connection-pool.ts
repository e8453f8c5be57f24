import { connect, type Socket } from 'node:net';
import postgres from 'postgres';
import { connectError } from './connect-errors';
import { TuskError } from './errors';
import { getLogger } from './logging';
import { fromNetworkError } from './network-errors';
import { fromPostgresError, isPostgresError } from './postgres-errors';
import { rememberSecret } from './redact';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ServerLogin } from './server-login';
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
}

/** What a pool is doing now. */
export interface PoolStatus {
  size: number;
  busy: number;
  idle: number;
  waiting: number;
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
 */
export class ConnectionPool {
  readonly #sessions: postgres.Sql[];
  readonly #idle: postgres.Sql[];
  readonly #waiters: { grant(session: postgres.Sql): void }[] = [];
  readonly #waitMs: number;
  #closed = false;

  private constructor(sessions: postgres.Sql[], waitMs: number) {
    this.#sessions = sessions;
    this.#idle = [...sessions];
    this.#waitMs = waitMs;
  }

  /**
   * Opens the pool and validates it with `SELECT 1`.
   * @throws TuskError with stage and hint (see testConnection); nothing stays open then.
   */
  static async open(options: PoolOptions): Promise<ConnectionPool> {
    const { login } = options;
    const size = Math.min(Math.max(options.size ?? DEFAULT_POOL_SIZE, 1), MAX_POOL_SIZE);
    const timeoutMs = login.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    rememberSecret(login.password);
    let sessions: postgres.Sql[] = [];
    try {
      const ssl = await sslOptionsFor(login);
      const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
      const settings = {
        host: login.host,
        port: login.port,
        user: login.username,
        database: login.database,
        ...(login.password === undefined ? {} : { password: login.password }),
        ssl,
        max: 1,
        max_pipeline: 0,
        connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
        keep_alive: options.keepAliveSeconds ?? 60,
        fetch_types: false,
        onnotice: () => undefined,
        socket: () => openSocket(login.host, login.port, timeoutMs),
        connection: {
          application_name: 'Tusk',
          statement_timeout: statementTimeout,
          idle_in_transaction_session_timeout: 60_000,
          ...(options.readOnly ? { default_transaction_read_only: 'on' } : {}),
        },
      } as postgres.Options<Record<string, never>>;
      sessions = Array.from({ length: size }, () => postgres(settings));
      await sessions[0]!`SELECT 1`;
      log.info(
        `pool open: ${login.username}@${login.host}:${login.port}/${login.database}, ${size} connections`,
      );
      return new ConnectionPool(sessions, options.waitTimeoutMs ?? DEFAULT_POOL_WAIT_MS);
    } catch (error) {
      await Promise.all(sessions.map((s) => s.end({ timeout: 1 }).catch(() => undefined)));
      throw connectError(error, login, timeoutMs);
    }
  }

  /**
   * Runs `work` on one reserved session and releases it. Server errors become TuskErrors
   * (with line/column when `sqlText` is given).
   * @throws TuskError `pool_timeout` when no session frees up within the wait timeout.
   */
  async run<T>(work: (session: postgres.Sql) => Promise<T>, sqlText?: string): Promise<T> {
    if (this.#closed)
      throw new TuskError('connection', 'This connection is closed', { hint: 'Connect again.' });
    const session = await this.#acquire();
    try {
      return await work(session);
    } catch (error) {
      throw isPostgresError(error)
        ? fromPostgresError(error, sqlText === undefined ? {} : { sql: sqlText })
        : error;
    } finally {
      this.#release(session);
    }
  }

  /** Sessions in use, free, and operations waiting for one. */
  status(): PoolStatus {
    const size = this.#sessions.length;
    const idle = this.#idle.length;
    return { size, busy: size - idle, idle, waiting: this.#waiters.length };
  }

  /** Closes every session (waiting up to `timeoutSeconds` for running queries). */
  async close(timeoutSeconds = 2): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#sessions.map((s) => s.end({ timeout: timeoutSeconds })));
  }

  /** A free session, or the next one released within the wait timeout. */
  #acquire(): Promise<postgres.Sql> {
    const free = this.#idle.pop();
    if (free) return Promise.resolve(free);
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: (session: postgres.Sql) => {
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

  #release(session: postgres.Sql): void {
    const next = this.#waiters.shift();
    if (next) next.grant(session);
    else this.#idle.push(session);
  }
}

/** A connected TCP socket with TCP_NODELAY (cancel and small replies are not delayed). */
function openSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(
        fromNetworkError(
          Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
          {
            host,
            port,
            timeoutMs,
          },
        ),
      );
    });
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
