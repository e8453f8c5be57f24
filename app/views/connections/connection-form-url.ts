/**
 * Reading a `postgres://` URL in the view, to fill the connection dialog's fields from a
 * pasted address. Pure (no DOM), so the spec can test it directly. The backend has its own
 * parser for `connections.test`; this one only fills fields, which are validated on save.
 */

import { SSL_MODES, type SslMode } from '../../common/connection-options';
import { CONNECTION_DEFAULTS } from '../../common/connection-limits';

export { SSL_MODES, type SslMode };

/** The fields a connection URL gives; a field the URL does not name is absent. */
export interface UrlFields {
  user?: string;
  password?: string;
  host?: string;
  port?: string;
  database?: string;
  sslMode?: SslMode;
  sslRootCert?: string;
  /** `connect_timeout` (seconds in the URL) in milliseconds, as text for the form. */
  connectTimeoutMs?: string;
}

/** What {@link parsePostgresUrl} found: the fields, or why the text is not a usable URL. */
export type UrlParse = { fields: UrlFields } | { error: string };

const EXAMPLE = 'postgres://user@host:5432/database?sslmode=require';

/** True when `text` looks like a connection URL (starts with postgres:// or postgresql://). */
export function isPostgresUrl(text: string): boolean {
  return /^\s*postgres(ql)?:\/\//i.test(text);
}

/**
 * Reads `postgres://user:password@host:port/database?sslmode=…&sslrootcert=…&connect_timeout=…`
 * (also `postgresql://`, a bracketed IPv6 host, and the query keys `user`, `password`,
 * `host`, `port`, `dbname`). Other libpq keys are ignored. Never throws.
 */
export function parsePostgresUrl(text: string): UrlParse {
  if (!isPostgresUrl(text))
    return { error: `A connection URL starts with postgres://, as in ${EXAMPLE}` };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: `This is not a connection URL: write it as ${EXAMPLE}` };
  }
  const fields: UrlFields = {};
  const set = (key: keyof UrlFields, raw: string, what: string): string | null => {
    if (!raw) return null;
    try {
      (fields as Record<string, string>)[key] = decodeURIComponent(raw);
      return null;
    } catch {
      return `The ${what} in the URL has a broken %-escape`;
    }
  };
  const problem =
    set('user', url.username, 'user name') ??
    set('password', url.password, 'password') ??
    set('host', url.hostname.replace(/^\[(.*)\]$/, '$1'), 'host') ??
    set('database', url.pathname.replace(/^\//, ''), 'database');
  if (problem) return { error: problem };
  if (url.port) fields.port = url.port;
  else if (fields.host) fields.port = String(CONNECTION_DEFAULTS.port);
  for (const [key, value] of url.searchParams) {
    const error = readParam(fields, key, value);
    if (error) return { error };
  }
  return { fields };
}

/** Applies one query parameter; returns what is wrong with it, if anything. */
function readParam(fields: UrlFields, key: string, value: string): string | null {
  switch (key) {
    case 'sslmode':
      if (!(SSL_MODES as readonly string[]).includes(value))
        return `Unknown sslmode "${value}": use one of ${SSL_MODES.join(', ')}`;
      fields.sslMode = value as SslMode;
      return null;
    case 'sslrootcert':
      fields.sslRootCert = value;
      return null;
    case 'connect_timeout': {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds <= 0)
        return `connect_timeout must be a number of seconds, not "${value}"`;
      fields.connectTimeoutMs = String(Math.round(seconds * 1000));
      return null;
    }
    case 'user':
      fields.user = value;
      return null;
    case 'password':
      fields.password = value;
      return null;
    case 'dbname':
      fields.database = value;
      return null;
    case 'host':
      fields.host = value;
      return null;
    case 'port':
      fields.port = value;
      return null;
    default:
      return null;
  }
}
