import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';

const log = getLogger('connect');

/** The password methods postgres.js reports through the `onauth` hook of Tusk's patch. */
export type PasswordMethod = 'password' | 'md5' | 'scram-sha-256';

/** What decides whether a server may be sent the password in clear text. */
export interface CleartextPolicy {
  /**
   * TLS is negotiated before the login: postgres.js was given TLS options (with options it
   * never falls back to plain; Tusk's probe decides `prefer` before that).
   */
  tls: boolean;
  /** The login goes through an SSH tunnel, encrypted up to the SSH server. */
  tunnelled: boolean;
  /** The user allowed cleartext passwords for this connection. */
  allowCleartextPassword: boolean;
  /** The role that logs in, for the message. */
  username: string;
  /** The server as the user knows it, for the message. */
  target: { host: string; port: number };
}

/**
 * The `onauth` hook for postgres.js (Tusk's patch calls it with the method the server asks
 * for, before answering). Over a transport that is neither TLS nor an SSH tunnel it refuses
 * `password` (AuthenticationCleartextPassword) unless the connection allows it, as libpq
 * 16's `require_auth` lets a client refuse it; md5 and scram-sha-256 never reveal the
 * password and pass.
 * @returns a function that throws a TuskError `authentication` (stage authentication,
 *   with a hint) to refuse: postgres.js then fails the connection without sending anything.
 */
export function passwordMethodGuard(policy: CleartextPolicy): (method: PasswordMethod) => void {
  const encrypted = policy.tls || policy.tunnelled;
  return (method) => {
    if (method !== 'password' || encrypted || policy.allowCleartextPassword) return;
    const where = `${policy.target.host}:${policy.target.port}`;
    log.warn(`${where} asked for a cleartext password over a plain connection: refused`);
    throw new TuskError(
      'authentication',
      `${where} asks for the password of "${policy.username}" in clear text, over a connection that is not encrypted`,
      {
        stage: 'authentication',
        code: 'CLEARTEXT_PASSWORD_REFUSED',
        hint: 'Tusk did not send it. Use SSL mode "require" (or verify-ca / verify-full) if the server offers TLS, or an SSH tunnel; on a network you trust, allow cleartext passwords in this connection\'s settings. The server\'s administrator can also switch its pg_hba.conf entry to scram-sha-256.',
      },
    );
  };
}
