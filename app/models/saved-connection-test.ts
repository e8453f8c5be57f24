import type { ConnectionConfig } from './connection-config';
import { testConnection, type ConnectionTestResult } from './connection-test';
import type { CredentialService } from './credentials';
import { isTuskError, TuskError } from './errors';
import type { ServerLogin } from './server-login';
import { openSshTunnel, type SshAuth, type SshTunnel } from './ssh-tunnel';

/** Secrets typed by the user for this attempt (they win over stored ones). */
export interface TypedSecrets {
  password?: string;
  sshPassword?: string;
  sshPassphrase?: string;
}

/** A test of a saved connection: the server found, and the SSH host key seen, if any. */
export interface SavedConnectionTestResult extends ConnectionTestResult {
  /** `SHA256:…` of the SSH server when the connection has a tunnel (to confirm on first use). */
  sshHostKey?: string;
}

/**
 * Tests a saved connection: secrets typed now, else from the credential store; through its
 * SSH tunnel when it has one. A stored password that the server refuses, or none when the
 * server wants one, is an `authentication` error saying what to do.
 * @throws TuskError as {@link testConnection} and openSshTunnel do.
 */
export async function testSavedConnection(
  config: ConnectionConfig,
  credentials: CredentialService,
  typed: TypedSecrets = {},
): Promise<SavedConnectionTestResult> {
  const { password, source } = await passwordFor(config, credentials, typed);
  let tunnel: SshTunnel | undefined;
  try {
    if (config.sshTunnel) tunnel = await openTunnelFor(config, credentials, typed);
    const result = await testConnection(loginFor(config, password, tunnel));
    return tunnel ? { ...result, sshHostKey: tunnel.hostKey } : result;
  } catch (error) {
    throw explainPassword(error, config, source);
  } finally {
    await tunnel?.close();
  }
}

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
  };
}

/** Opens the SSH tunnel of a saved connection with typed or stored secrets. */
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
    ...(ssh.hostKey ? { knownHostKey: ssh.hostKey } : {}),
  });
}

/** A 28P01 with a stored password or none at all, told the way the user can act on. */
export function explainPassword(
  error: unknown,
  config: ConnectionConfig,
  source: PasswordSource,
): unknown {
  if (!isTuskError(error) || error.code !== '28P01' || source === 'typed') return error;
  const options = {
    stage: 'authentication' as const,
    code: error.code,
    detail: error.message,
    cause: error,
  };
  if (source === 'stored') {
    return new TuskError(
      'authentication',
      `The saved password for "${config.username}" was refused`,
      {
        ...options,
        hint: "The password may have changed: enter the current one and save it in the connection's settings.",
      },
    );
  }
  return new TuskError(
    'authentication',
    `The server asks for the password of "${config.username}"`,
    {
      ...options,
      hint: 'Enter the password (tick "Remember" to keep it in the keychain).',
    },
  );
}
