import type { ConnectionConfig } from './connection-config';
import type { CredentialService } from '../credentials/credentials';
import { isTuskError, TuskError } from '../errors/errors';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ServerLogin } from './server-login';
import { openSshTunnel, type SshAuth, type SshTunnel } from './ssh-tunnel';

/** What the user gave for this attempt: secrets (they win over stored ones), confirmations. */
export interface TypedSecrets {
  password?: string;
  sshPassword?: string;
  sshPassphrase?: string;
  /**
   * The SSH host key fingerprint the user confirmed for a connection that has none recorded
   * yet; the tunnel then accepts exactly this key.
   */
  acceptHostKey?: string;
}

/** How to reach a saved connection's server now: its login, and the tunnel it goes through. */
export interface Route {
  login: ServerLogin;
  tunnel?: SshTunnel;
  source: PasswordSource;
  /** When the whole connect must be done (epoch ms): the tunnel already used part of it. */
  deadline: number;
  /** The server as the user knows it (not the tunnel's local end), for messages. */
  target: { host: string; port: number };
}

/**
 * The password (typed, else stored) and, for a connection with an SSH tunnel, the open
 * tunnel. One connect timeout covers SSH (handshake and forward check), TCP, TLS and login:
 * the tunnel gets it whole, the server what remains of it by `deadline` (at least 0.5 s).
 * The caller closes the tunnel.
 * @throws TuskError from the tunnel (nothing stays open then).
 */
export async function routeTo(
  config: ConnectionConfig,
  credentials: CredentialService,
  typed: TypedSecrets,
): Promise<Route> {
  const timeoutMs = config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const { password, source } = await passwordFor(config, credentials, typed);
  const tunnel = config.sshTunnel ? await openTunnelFor(config, credentials, typed) : undefined;
  return {
    login: { ...loginFor(config, password, tunnel), connectTimeoutMs: timeoutMs },
    source,
    deadline: Math.max(deadline, Date.now() + MIN_CONNECT_TIMEOUT_MS),
    target: { host: config.host, port: config.port },
    ...(tunnel ? { tunnel } : {}),
  };
}

/** What is left for the server once the SSH tunnel took most of the timeout. */
const MIN_CONNECT_TIMEOUT_MS = 500;

/** Where a connection's password came from: typed now, the credential store, or nowhere. */
export type PasswordSource = 'typed' | 'stored' | 'none';

/** The password to log in with: the one typed now, else the stored one, else none. */
export async function passwordFor(
  config: ConnectionConfig,
  credentials: CredentialService,
  typed: TypedSecrets,
): Promise<{ password?: string; source: PasswordSource }> {
  if (typed.password !== undefined) return { password: typed.password, source: 'typed' };
  const stored = await credentials.get('db', config.id);
  return stored === null ? { source: 'none' } : { password: stored, source: 'stored' };
}

/** The login for a saved connection: direct, or to the local end of its tunnel. */
export function loginFor(
  config: ConnectionConfig,
  password: string | undefined,
  tunnel: SshTunnel | undefined,
): ServerLogin {
  return {
    host: tunnel ? tunnel.localHost : config.host,
    port: tunnel ? tunnel.localPort : config.port,
    username: config.username,
    database: config.database,
    ...(password === undefined ? {} : { password }),
    sslMode: config.sslMode,
    ...(config.sslRootCert ? { sslRootCert: config.sslRootCert } : {}),
    allowCleartextPassword: config.allowCleartextPassword,
  };
}

/**
 * Opens the SSH tunnel of a saved connection with typed or stored secrets, within the
 * connection's connect timeout. Its host key must be the recorded one; with none recorded,
 * the one the user confirmed (`typed.acceptHostKey`); else it fails with
 * `SSH_HOST_KEY_UNCONFIRMED` naming the fingerprint to confirm.
 */
export async function openTunnelFor(
  config: ConnectionConfig,
  credentials: CredentialService,
  typed: TypedSecrets,
): Promise<SshTunnel> {
  const ssh = config.sshTunnel!;
  let auth: SshAuth;
  if (ssh.auth.method === 'password') {
    const password = typed.sshPassword ?? (await credentials.get('ssh', config.id));
    if (password === null) {
      throw new TuskError('ssh', `The SSH password for ${ssh.username}@${ssh.host} is needed`, {
        stage: 'ssh',
        code: 'SSH_PASSWORD_REQUIRED',
        hint: 'Enter the SSH password (tick "Remember" to keep it in the keychain).',
      });
    }
    auth = { method: 'password', password };
  } else if (ssh.auth.method === 'key') {
    const passphrase = typed.sshPassphrase ?? (await credentials.get('ssh_key', config.id));
    auth = {
      method: 'key',
      privateKeyPath: ssh.auth.privateKeyPath,
      ...(passphrase === null ? {} : { passphrase }),
    };
  } else {
    auth = { method: 'agent' };
  }
  return openSshTunnel({
    host: ssh.host,
    port: ssh.port,
    username: ssh.username,
    auth,
    target: { host: config.host, port: config.port },
    ...(ssh.localPort ? { localPort: ssh.localPort } : {}),
    ...(config.connectTimeoutMs ? { readyTimeoutMs: config.connectTimeoutMs } : {}),
    unknownHostKey: 'refuse',
    ...((ssh.hostKey ?? typed.acceptHostKey)
      ? { knownHostKey: ssh.hostKey ?? typed.acceptHostKey }
      : {}),
  });
}

/**
 * A 28P01 with a stored password (`PASSWORD_REFUSED`) or none at all (`PASSWORD_REQUIRED`),
 * told the way the user can act on; a typed password refused stays as the server said it.
 */
export function explainPassword(
  error: unknown,
  config: ConnectionConfig,
  source: PasswordSource,
): unknown {
  if (!isTuskError(error) || error.sqlState !== '28P01' || source === 'typed') return error;
  const options = {
    stage: 'authentication' as const,
    sqlState: '28P01' as const,
    detail: error.message,
    cause: error,
  };
  if (source === 'stored') {
    return new TuskError(
      'authentication',
      `The saved password for "${config.username}" was refused`,
      {
        ...options,
        code: 'PASSWORD_REFUSED',
        hint: "The password may have changed: enter the current one and save it in the connection's settings.",
      },
    );
  }
  return new TuskError(
    'authentication',
    `The server asks for the password of "${config.username}"`,
    {
      ...options,
      code: 'PASSWORD_REQUIRED',
      hint: 'Enter the password (tick "Remember" to keep it in the keychain).',
    },
  );
}
