import type { ConnectionConfig, ConnectionInput } from './connection-config';
import type { CredentialService, SecretKind } from '../credentials/credentials';
import { getLogger } from '../logging/logging';

const log = getLogger('credentials');

/** Where a connection's database login goes: its server as reached, and the role. */
function databaseBinding(config: ConnectionInput | ConnectionConfig): string {
  const ssh = config.sshTunnel;
  // Behind a tunnel, host and port are resolved by the SSH server: "127.0.0.1:5432" through
  // one tunnel, another tunnel or none are three different servers.
  const via = ssh ? `${ssh.host.toLowerCase()}:${ssh.port}` : 'direct';
  return JSON.stringify([config.host.toLowerCase(), config.port, config.username, via]);
}

/** The SSH server and user a tunnel logs in to; null without a tunnel. */
function sshBinding(config: ConnectionInput | ConnectionConfig): string | null {
  const ssh = config.sshTunnel;
  return ssh ? JSON.stringify([ssh.host.toLowerCase(), ssh.port, ssh.username]) : null;
}

/**
 * The secrets of a saved connection that no longer belong to it once `before` is changed
 * to `after`, so they must be forgotten (a stored secret belongs to where it was saved
 * for; sending it elsewhere would hand it to another server):
 * - `db` when the host, port or user changes, or the SSH tunnel it goes through (added,
 *   removed, another SSH host or port);
 * - `ssh` when the tunnel's host, port or user changes, the tunnel is removed, or it no
 *   longer logs in with a password;
 * - `ssh_key` the same, or when the key file changes, or it no longer logs in with a key.
 * Host names are compared without case. Everything else (name, database, SSL mode, timeouts…)
 * keeps the secrets.
 */
export function staleSecrets(
  before: ConnectionConfig,
  after: ConnectionInput | ConnectionConfig,
): SecretKind[] {
  const stale: SecretKind[] = [];
  if (databaseBinding(before) !== databaseBinding(after)) stale.push('db');
  const sameSsh = sshBinding(after) !== null && sshBinding(before) === sshBinding(after);
  const [was, now] = [before.sshTunnel?.auth, after.sshTunnel?.auth];
  if (!sameSsh || now?.method !== 'password') stale.push('ssh');
  const sameKey =
    was?.method === 'key' && now?.method === 'key' && was.privateKeyPath === now.privateKeyPath;
  if (!sameSsh || !sameKey) stale.push('ssh_key');
  return stale;
}

/** The secrets `connections.connect` takes by name, and the kind each is stored as. */
export const SECRET_NAMES = {
  password: 'db',
  sshPassword: 'ssh',
  sshPassphrase: 'ssh_key',
} as const;

/** A secret's name in `connections.connect` / `connections.save`. */
export type SecretName = keyof typeof SECRET_NAMES;

/**
 * Keeps the secrets typed for a connect that succeeded with them (`remember`): those among
 * `names` that belong to `config` — the database password; the SSH password when its
 * tunnel logs in with one; the key's passphrase when with a key — in the credential store,
 * or for this run only (`runOnly`: a connection that is never saved). Never throws: the
 * connection is open either way; a keychain that fails is logged, and the secret is asked
 * for again next time.
 */
export async function keepTypedSecrets(
  credentials: CredentialService,
  config: ConnectionConfig,
  typed: Partial<Record<SecretName, string>>,
  names: readonly SecretName[],
  runOnly: boolean,
): Promise<void> {
  const method = config.sshTunnel?.auth.method;
  const belongs: Record<SecretName, boolean> = {
    password: true,
    sshPassword: method === 'password',
    sshPassphrase: method === 'key',
  };
  for (const name of names) {
    const secret = typed[name];
    if (secret === undefined || !belongs[name]) continue;
    const kind = SECRET_NAMES[name];
    if (runOnly) {
      credentials.remember(kind, config.id, secret);
      continue;
    }
    try {
      await credentials.set(kind, config.id, secret);
    } catch (error) {
      log.warn(`connected ${config.id}, but could not keep its ${kind} secret`, error);
    }
  }
}
