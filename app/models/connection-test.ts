import postgres from 'postgres';
import { isTuskError, TuskError } from './errors';
import { getLogger } from './logging';
import { fromNetworkError } from './network-errors';
import { fromPostgresError, isPostgresError } from './postgres-errors';
import { rememberSecret } from './redact';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ServerLogin } from './server-login';
import { sslOptionsFor } from './ssl-options';

const log = getLogger('connect');

/** What a successful {@link testConnection} found. */
export interface ConnectionTestResult {
  /** `server_version`, e.g. "18.0". */
  serverVersion: string;
  user: string;
  database: string;
  /** True when the session is encrypted. */
  tls: boolean;
  elapsedMs: number;
}

/**
 * Opens one session with `login`, asks the server who and where it is, and closes it.
 * @throws TuskError with its stage and a hint: dns/tcp (unknown host, refused, timeout),
 *   tls (refused, untrusted, wrong name, expired), authentication (28P01, 28000),
 *   database (3D000), or connection for anything else on the way.
 */
export async function testConnection(login: ServerLogin): Promise<ConnectionTestResult> {
  rememberSecret(login.password);
  const started = performance.now();
  const timeoutMs = login.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let sql: postgres.Sql | undefined;
  try {
    const ssl = await sslOptionsFor(login);
    sql = postgres({
      host: login.host,
      port: login.port,
      user: login.username,
      database: login.database,
      ...(login.password === undefined ? {} : { password: login.password }),
      ssl,
      max: 1,
      max_pipeline: 0,
      connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
      fetch_types: false,
      connection: { application_name: 'Tusk' },
      onnotice: () => undefined,
    } as postgres.Options<Record<string, never>>);
    const [row] = await sql<
      { version: string; user: string; database: string; tls: boolean | null }[]
    >`
      SELECT current_setting('server_version') AS version, current_user AS user,
             current_database() AS database,
             (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS tls`;
    const result = {
      serverVersion: row!.version,
      user: row!.user,
      database: row!.database,
      tls: row!.tls === true,
      elapsedMs: Math.round(performance.now() - started),
    };
    log.info(
      `test ${login.username}@${login.host}:${login.port}/${login.database}: ok, tls ${result.tls}, ${result.elapsedMs} ms`,
    );
    return result;
  } catch (error) {
    const mapped = connectError(error, login, timeoutMs);
    log.info(
      `test ${login.username}@${login.host}:${login.port}/${login.database}: ${mapped.kind} (${mapped.stage ?? '-'}) ${mapped.message}`,
    );
    throw mapped;
  } finally {
    await sql?.end({ timeout: 1 }).catch(() => undefined);
  }
}

/** Maps any failure of a connection attempt to a TuskError with stage and hint. */
export function connectError(error: unknown, login: ServerLogin, timeoutMs: number): TuskError {
  if (isTuskError(error)) return error;
  if (isPostgresError(error)) return fromPostgresError(error);
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SASL_SIGNATURE_MISMATCH' || code === 'AUTH_TYPE_NOT_IMPLEMENTED') {
    return new TuskError('authentication', `Authentication with ${login.host} failed (${code})`, {
      stage: 'authentication',
      detail: (error as Error).message,
      hint:
        code === 'SASL_SIGNATURE_MISMATCH'
          ? 'The server could not prove it knows the password: check for a proxy or pooler in between, and the server you connect to.'
          : 'The server asks for an authentication method Tusk does not support: use scram-sha-256 or md5 in pg_hba.conf.',
      cause: error,
    });
  }
  return (
    fromNetworkError(error, { host: login.host, port: login.port, timeoutMs }) ??
    new TuskError('connection', `Could not connect to ${login.host}:${login.port}`, {
      detail: error instanceof Error ? error.message : String(error),
      hint: 'Check the connection settings, then try again; the log has the details.',
      cause: error,
    })
  );
}
