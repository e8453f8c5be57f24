import type { ConnectionOptions } from 'node:tls';
import { CONNECTION_DEFAULTS } from '../../common/connection-limits';
import type { PoolOptions, PoolServer } from './pool-options';
import { TuskError } from '../errors/errors';
import { passwordMethodGuard } from './password-methods';
import type { LocalSettings, PoolSession, SessionOptions } from './pool-session';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ServerLogin } from './server-login';

/** statement_timeout when the connection sets none. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * How every session of a pool logs in: the driver's connect timer a second longer than
 * Tusk's deadline, TCP sockets whose connect timeout `socketTimeoutMs()` gives,
 * keepalive, Tusk's session defaults as startup settings, and no password in clear text
 * over a plain connection unless allowed (passwordMethodGuard). The driver fixes the rest
 * (one connection, no pipelining, no named prepared statements: see DriverSession).
 */
export function sessionOptions(
  login: ServerLogin,
  options: PoolOptions,
  ssl: false | ConnectionOptions,
  socketTimeoutMs: () => number,
  pooler = false,
): SessionOptions {
  const timeoutMs = login.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return {
    host: login.host,
    port: login.port,
    user: login.username,
    database: login.database,
    ...(login.password === undefined ? {} : { password: login.password }),
    ssl,
    // The driver's own timer (TLS + login) a second longer than Tusk's deadline, so the
    // first connection's timeout is always Tusk's, with its stage.
    connectTimeoutSeconds: Math.ceil(timeoutMs / 1000) + 1,
    keepAliveSeconds: options.keepAliveSeconds ?? CONNECTION_DEFAULTS.keepAliveSeconds,
    socketTimeoutMs,
    onAuth: passwordMethodGuard({
      tls: ssl !== false,
      tunnelled: options.tunnelled === true,
      allowCleartextPassword: login.allowCleartextPassword === true,
      username: login.username,
      target: options.target ?? { host: login.host, port: login.port },
    }),
    // A transaction pooler passes application_name only; the rest goes as SET LOCAL.
    startup: pooler
      ? { application_name: 'Tusk' }
      : {
          application_name: 'Tusk',
          statement_timeout: statementTimeoutOf(options),
          idle_in_transaction_session_timeout:
            options.idleInTransactionMs ?? POOL_IDLE_IN_TRANSACTION_MS,
          ...(options.readOnly ? { default_transaction_read_only: 'on' } : {}),
        },
  };
}

/** `settings` with one startup setting changed. */
export function withSetting(
  settings: SessionOptions,
  key: string,
  value: string | number,
): SessionOptions {
  return { ...settings, startup: { ...settings.startup, [key]: value } };
}

/**
 * The settings and pooler options with `statement_timeout` = `ms`; null when the sessions
 * log in with it already.
 */
export function withStatementTimeout(
  settings: SessionOptions,
  pooler: PoolOptions | null,
  ms: number,
): { settings: SessionOptions; pooler: PoolOptions | null } | null {
  if (pooler) {
    if (pooler.statementTimeoutMs === ms) return null;
    return { settings, pooler: { ...pooler, statementTimeoutMs: ms } };
  }
  if (settings.startup['statement_timeout'] === ms) return null;
  return { settings: withSetting(settings, 'statement_timeout', ms), pooler };
}

/** Default idle_in_transaction_session_timeout of the pool's sessions (tabs choose their own). */
export const POOL_IDLE_IN_TRANSACTION_MS = 60_000;

/** The pool's idle_in_transaction_session_timeout. */
export function poolIdleMs(options: PoolOptions): number {
  return options.idleInTransactionMs ?? POOL_IDLE_IN_TRANSACTION_MS;
}

/**
 * How a tab's session (ConnectionPool.openSession) logs in: the pool's settings with
 * `idle_in_transaction_session_timeout` = `idleMs` (as `SET LOCAL` behind a pooler).
 */
export function tabSessionOptions(
  settings: SessionOptions,
  pooler: PoolOptions | null,
  idleMs: number,
): { options: SessionOptions; localSettings: LocalSettings | null } {
  if (pooler) return { options: settings, localSettings: localSettings(pooler, idleMs) };
  const options = withSetting(settings, 'idle_in_transaction_session_timeout', idleMs);
  return { options, localSettings: null };
}

/**
 * How a session of its own (ConnectionPool.ownSession) logs in: `statement_timeout` = `ms`
 * at login, or as `SET LOCAL` (its localSettings) behind a transaction pooler.
 */
export function ownSessionOptions(
  settings: SessionOptions,
  pooler: boolean,
  ms: number,
): { options: SessionOptions; localSettings: LocalSettings | null } {
  const timeout = Math.max(0, Math.round(ms));
  if (!pooler)
    return { options: withSetting(settings, 'statement_timeout', timeout), localSettings: null };
  const sql = `SET LOCAL statement_timeout = ${timeout}`;
  return {
    options: settings,
    localSettings: { sql, readOnly: false, statementTimeoutMs: timeout },
  };
}

function statementTimeoutOf(options: PoolOptions): number {
  return Math.max(0, Math.round(options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
}

/**
 * The session settings as `SET LOCAL` commands, for a transaction pooler that refused them
 * at login: they then hold for one transaction. Read-only becomes `transaction_read_only`
 * (the transaction has begun by then).
 */
export function localSettings(options: PoolOptions, idleInTransactionMs: number): LocalSettings {
  const idle = Math.max(0, Math.round(idleInTransactionMs));
  return {
    sql: [
      `SET LOCAL statement_timeout = ${statementTimeoutOf(options)}`,
      `SET LOCAL idle_in_transaction_session_timeout = ${idle}`,
      ...(options.readOnly ? ['SET LOCAL transaction_read_only = on'] : []),
    ].join('; '),
    readOnly: options.readOnly === true,
    statementTimeoutMs: statementTimeoutOf(options),
  };
}

/**
 * True for a transaction pooler's refusal of Tusk's login settings (measured with
 * PgBouncer 1.18: `08P01 unsupported startup parameter: statement_timeout`).
 */
export function isPoolerRefusal(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === '08P01' &&
    typeof message === 'string' &&
    /unsupported startup parameter/i.test(message)
  );
}

/** One query: the pool's connection works, and what the server is (standby, read-only). */
export async function validate(
  session: PoolSession,
): Promise<Omit<PoolServer, 'tls' | 'readOnlySetting'>> {
  const [row] = await session.query<{
    version: string;
    user: string;
    database: string;
    standby: boolean;
    readonly: string;
  }>(
    `SELECT current_setting('server_version') AS version, current_user AS user,
            current_database() AS database, pg_is_in_recovery() AS standby,
            current_setting('default_transaction_read_only') AS readonly`,
  );
  return {
    serverVersion: row!.version,
    user: row!.user,
    database: row!.database,
    standby: row!.standby,
    readOnly: row!.standby || row!.readonly === 'on',
  };
}

/** `work`, or `onTimeout()` thrown when it takes longer than `ms`. */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
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
export function loginTimeout(
  target: { host: string; port: number },
  timeoutMs: number,
  tls: boolean,
): TuskError {
  const where = `${target.host}:${target.port}`;
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
