import { TuskError } from '../errors/errors';
import { rememberSecret } from '../errors/redact';
import { SSL_MODES, type ServerLogin, type SslMode } from './server-login';

/** The fields a connection URL can carry. */
export type LoginFromUrl = Partial<ServerLogin>;

const EXAMPLE = 'postgres://user@host:5432/database?sslmode=require';

/**
 * Reads a libpq connection URL (`postgres://` or `postgresql://user:password@host:port/db
 * ?sslmode=…&sslrootcert=…&connect_timeout=…`). The password is remembered for redaction and
 * never appears in an error: a bad URL is reported by what is wrong, not by its text.
 * @throws TuskError of kind `validation` with a hint showing the expected form.
 */
export function parseConnectionUrl(text: string): LoginFromUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid('This is not a connection URL', `Write it as ${EXAMPLE}.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw invalid(
      `A connection URL starts with postgres:// or postgresql://, not ${url.protocol}//`,
      `Write it as ${EXAMPLE}.`,
    );
  }
  const login: LoginFromUrl = {};
  const password = decode(url.password, 'password');
  if (password) {
    rememberSecret(password);
    login.password = password;
  }
  const username = decode(url.username, 'user name');
  if (username) login.username = username;
  const host = decode(url.hostname, 'host').replace(/^\[(.*)\]$/, '$1');
  if (host) login.host = host;
  if (url.port) login.port = Number(url.port);
  const database = decode(url.pathname.replace(/^\//, ''), 'database');
  if (database) login.database = database;
  readParams(url.searchParams, login);
  return login;
}

function readParams(params: URLSearchParams, login: LoginFromUrl): void {
  for (const [key, value] of params) {
    if (key === 'sslmode') {
      if (!(SSL_MODES as readonly string[]).includes(value)) {
        throw invalid(`Unknown sslmode "${value}"`, `Use one of: ${SSL_MODES.join(', ')}.`);
      }
      login.sslMode = value as SslMode;
    } else if (key === 'sslrootcert') {
      login.sslRootCert = value;
    } else if (key === 'connect_timeout') {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        throw invalid(
          `connect_timeout must be a number of seconds, not "${value}"`,
          'For example connect_timeout=10.',
        );
      }
      login.connectTimeoutMs = seconds * 1000;
    } else if (key === 'user' || key === 'dbname' || key === 'host' || key === 'port') {
      Object.assign(login, fromQuery(key, value));
    } else if (key === 'password') {
      rememberSecret(value);
      login.password = value;
    }
    // Other libpq parameters (application_name, options …) are ignored: Tusk sets its own.
  }
}

function fromQuery(key: 'user' | 'dbname' | 'host' | 'port', value: string): LoginFromUrl {
  if (key === 'user') return { username: value };
  if (key === 'dbname') return { database: value };
  if (key === 'host') return { host: value };
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(
      `The port must be a number from 1 to 65535, not "${value}"`,
      'PostgreSQL usually listens on 5432.',
    );
  }
  return { port };
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalid(
      `The ${what} in the URL is badly percent-encoded`,
      'Write special characters as %XX (for example @ as %40).',
    );
  }
}

function invalid(message: string, hint: string): TuskError {
  return new TuskError('validation', message, { hint });
}
