import { CONNECTION_DEFAULTS } from '../../common/connection-limits';
import type { SslMode } from '../../common/connection-options';
import { TuskError } from '../errors/errors';

export { SSL_MODES, type SslMode } from '../../common/connection-options';

/** Everything needed to log in to one PostgreSQL server directly. */
export interface ServerLogin {
  host: string;
  port: number;
  username: string;
  database: string;
  /** Kept in memory only; never logged, stored or echoed. */
  password?: string;
  sslMode: SslMode;
  /** Path of the CA certificate file (PEM) for verify-ca / verify-full; default the system's CAs. */
  sslRootCert?: string;
  /** Covers DNS, TCP, TLS and authentication; default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Send the password when the server asks for it in clear text over a plain connection
   * (no TLS, no SSH tunnel); default false: refused with an `authentication` error.
   */
  allowCleartextPassword?: boolean;
}

/** Defaults for fields a user often leaves out: libpq's. */
export const LOGIN_DEFAULTS = {
  host: 'localhost',
  port: CONNECTION_DEFAULTS.port,
  sslMode: 'prefer',
} as const;

/** Connect timeout when none is configured. */
export const DEFAULT_CONNECT_TIMEOUT_MS = CONNECTION_DEFAULTS.connectTimeoutMs;

/**
 * A full login from the parts a user gave (a URL's fields overlaid by form fields):
 * libpq's defaults for host, port and SSL mode; the database defaults to the user name.
 * @throws TuskError of kind `validation` when the user name is missing.
 */
export function completeLogin(parts: Partial<ServerLogin>): ServerLogin {
  const username = parts.username?.trim();
  if (!username) {
    throw new TuskError('validation', 'The user name is missing', {
      hint: 'Enter the PostgreSQL role to log in as (in a URL: postgres://USER@host/db).',
    });
  }
  return {
    ...LOGIN_DEFAULTS,
    ...withoutUndefined(parts),
    username,
    database: parts.database?.trim() || username,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
