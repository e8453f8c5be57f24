import { isTuskError, TuskError } from '../errors/errors';
import { fromNetworkError } from '../errors/network-errors';
import { fromPostgresError, isPostgresError } from '../errors/postgres-errors';
import type { ServerLogin } from './server-login';

/**
 * Maps any failure of a connection attempt to a TuskError with stage and hint; a password
 * the server refuses carries `PASSWORD_REFUSED`, none when it wants one `PASSWORD_REQUIRED`.
 */
export function connectError(error: unknown, login: ServerLogin, timeoutMs: number): TuskError {
  if (isTuskError(error)) return error;
  if (isPostgresError(error)) {
    return fromPostgresError(error, { passwordSent: (login.password ?? '') !== '' });
  }
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
