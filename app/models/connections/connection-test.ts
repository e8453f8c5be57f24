import { connectError } from './connect-errors';
import { ConnectionPool, type PoolOptions } from './connection-pool';
import { getLogger } from '../logging/logging';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ServerLogin } from './server-login';

const log = getLogger('connect');

/** What a successful {@link testConnection} found. */
export interface ConnectionTestResult {
  /** `server_version`, e.g. "18.0". */
  serverVersion: string;
  user: string;
  database: string;
  /** True when the session is encrypted. */
  tls: boolean;
  /** A hot standby (`pg_is_in_recovery()`). */
  standby: boolean;
  /** Writes are refused: a standby, or `default_transaction_read_only` on. */
  readOnly: boolean;
  /** Behind a transaction pooler (PgBouncer in transaction mode): see ConnectionPool. */
  transactionPooler: boolean;
  elapsedMs: number;
}

/**
 * Opens one session with `login`, asks the server who and where it is, and closes it;
 * `route` gives a deadline, the server's name and `tunnelled` when `login` goes through a
 * tunnel.
 * @throws TuskError with its stage and a hint: dns/tcp (unknown host, refused, timeout),
 *   tls (refused, untrusted, wrong name, expired), authentication (28P01, 28000, a
 *   cleartext password asked over a plain connection that does not allow it),
 *   database (3D000), or connection for anything else on the way.
 */
export async function testConnection(
  login: ServerLogin,
  route: Pick<PoolOptions, 'deadline' | 'target' | 'tunnelled'> = {},
): Promise<ConnectionTestResult> {
  const started = performance.now();
  const timeoutMs = login.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let pool: ConnectionPool | undefined;
  try {
    pool = await ConnectionPool.open({ login, size: 1, ...route });
    const { serverVersion, user, database, tls, standby, readOnly } = pool.server;
    const result = {
      serverVersion,
      user,
      database,
      tls,
      standby,
      readOnly,
      transactionPooler: pool.transactionPooler,
      elapsedMs: Math.round(performance.now() - started),
    };
    log.info(
      `test ${login.username}@${login.host}:${login.port}/${login.database}: ok, tls ${result.tls}, ${result.elapsedMs} ms`,
    );
    return result;
  } catch (error) {
    const mapped = connectError(error, { ...login, ...route.target }, timeoutMs);
    log.info(
      `test ${login.username}@${login.host}:${login.port}/${login.database}: ${mapped.kind} (${mapped.stage ?? '-'}) ${mapped.message}`,
    );
    throw mapped;
  } finally {
    await pool?.close(1).catch(() => undefined);
  }
}
