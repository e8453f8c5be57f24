import { join } from 'node:path';
import postgres from 'postgres';
import { startSupervised, type Supervised } from './supervised';

/** Where a test PostgreSQL server is and how to log in as its superuser. */
export interface PgServerInfo {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
  /** on: TLS offered; off: no TLS; required: plain connections rejected by pg_hba. */
  tls: 'on' | 'off' | 'required';
  /** The CA that signed the server's certificate (null without TLS). */
  caCert: string | null;
  /** A CA that did not sign it (for "untrusted" tests). */
  otherCaCert: string | null;
}

/**
 * Starts a fresh embedded PostgreSQL (random port, scram-sha-256, TLS per `tls`) in a
 * supervised child process; `stop()` removes every trace.
 */
export function startPgServer(tls: PgServerInfo['tls'] = 'on'): Promise<Supervised<PgServerInfo>> {
  return startSupervised<PgServerInfo>(process.execPath, [
    join(__dirname, 'pg-server.mjs'),
    '--tls',
    tls,
  ]);
}

/** Reads `PGTEST_URL` (an existing server to use instead of starting one), if set. */
export function pgServerFromUrl(url: string): PgServerInfo {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || 'postgres',
    tls: 'on',
    caCert: null,
    otherCaCert: null,
  };
}

/** The shared server started by the global setup (env TUSK_TEST_PG). */
export function sharedPgServer(): PgServerInfo {
  const raw = process.env['TUSK_TEST_PG'];
  if (!raw)
    throw new Error('TUSK_TEST_PG is not set: run the tests with "npm test" (jest global setup)');
  return JSON.parse(raw) as PgServerInfo;
}

/** A postgres.js client for `server` (superuser), closed by the caller with `end()`. */
export function superuserSql(
  server: PgServerInfo,
  options: postgres.Options<Record<string, never>> = {},
) {
  return postgres({
    host: server.host,
    port: server.port,
    username: server.username,
    password: server.password,
    database: server.database,
    max: 1,
    max_pipeline: 0,
    onnotice: () => {},
    ...options,
  } as postgres.Options<Record<string, never>>);
}
