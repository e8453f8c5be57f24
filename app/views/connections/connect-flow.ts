import type { ErrorInfo } from '../../controllers/api';
import { RequestError } from '../client';
import type { AppServices } from '../data/app-context';
import type { ConnectSecrets, LiveStatus, SavedConnection } from '../data/connections-store';
import { showDialog } from '../shared/dialog-host';
import type { PasswordAnswer } from './password-prompt';
import { CONNECTION_COLORS, type ConnectionColor } from './connection-form-model';
import './host-key-dialog';
import './password-prompt';

/** The backend's `code` for an SSH server whose host key is not recorded yet. */
export const HOST_KEY_UNCONFIRMED = 'SSH_HOST_KEY_UNCONFIRMED';

/** Whether passwords can go to the OS keychain, and why not. */
export interface KeychainState {
  available: boolean;
  /** Why not (the backend's words), when not available. */
  reason?: string;
}

/** Options of {@link connectWithPrompts} and {@link runWithPrompts}. */
export interface PromptOptions {
  /** Secrets typed already (the dialog's fields); prompts add to them. */
  secrets?: ConnectSecrets;
  /**
   * For a form that has the secret fields and shows failures itself (the connection
   * dialog): only the SSH host key is asked for; a missing or refused secret and a changed
   * host key are thrown without a prompt.
   */
  inline?: boolean;
}

/** The failure's ErrorInfo, or undefined when it is not a backend error. */
export function errorInfo(error: unknown): ErrorInfo | undefined {
  return error instanceof RequestError ? error.info : undefined;
}

/** Both fingerprints of a changed SSH host key, from the backend's error; else null. */
export function changedHostKey(info: ErrorInfo): { recorded: string; actual: string } | null {
  if (info.kind !== 'ssh' || !info.detail) return null;
  const match = /^Recorded (SHA256:\S+), the server sent (SHA256:\S+?)\.?$/.exec(info.detail);
  return match ? { recorded: match[1]!, actual: match[2]! } : null;
}

/** The SSH server an error names (`host:port`), for the prompts' text. */
function serverOf(info: ErrorInfo, connection: SavedConnection | undefined): string {
  const named = /SSH (?:server|host key of) (\S+?):? /.exec(info.message)?.[1];
  if (named) return named;
  const ssh = connection?.sshTunnel;
  return ssh ? `${ssh.host}:${ssh.port}` : 'the SSH server';
}

/**
 * Where the keychain stands (`app.health`). Never throws: when it cannot be asked, it is
 * taken as available (saving then reports a keychain failure itself).
 */
export async function keychainState(services: AppServices): Promise<KeychainState> {
  try {
    const { credentials } = await services.health.load();
    if (credentials.store === 'keychain') return { available: true };
    return {
      available: false,
      reason: credentials.problem?.message ?? 'The OS keychain is not available',
    };
  } catch {
    return { available: true };
  }
}

/** Which secret a failure asks for, given the connection's settings; null: none. */
function missingSecret(
  info: ErrorInfo,
  connection: SavedConnection | undefined,
): keyof Omit<ConnectSecrets, 'acceptHostKey'> | null {
  if (info.kind === 'authentication' && /password/i.test(`${info.message} ${info.hint ?? ''}`))
    return 'password';
  if (info.kind !== 'ssh' || info.code === HOST_KEY_UNCONFIRMED) return null;
  const method = connection?.sshTunnel?.auth.method;
  if (method === 'password' && /SSH password|SSH authentication failed/.test(info.message))
    return 'sshPassword';
  if (method === 'key' && /passphrase/i.test(info.message)) return 'sshPassphrase';
  return null;
}

const SECRET_LABELS = {
  password: 'Password',
  sshPassword: 'SSH password',
  sshPassphrase: 'Passphrase',
} as const;

/**
 * Runs `attempt` (a connect or a test of a saved connection) and answers what the backend
 * asks for, then runs it again:
 * - `SSH_HOST_KEY_UNCONFIRMED`: shows the fingerprint in a `<tusk-host-key-dialog>`; trusted
 *   → again with `acceptHostKey` (the backend records it on success);
 * - unless `inline`, a changed host key: shows both fingerprints (refused), then throws;
 * - unless `inline`, a missing or refused password, SSH password or passphrase: asks in a
 *   `<tusk-password-prompt>` (showing why), then again with it; `onSecret` is told each
 *   answer (to remember it after success).
 * Prompts open through `host`'s dialog host.
 * @returns the attempt's result, or null when the user cancelled a prompt.
 * @throws RequestError for any other failure (and for a changed host key, once shown).
 */
export async function runWithPrompts<T>(
  host: HTMLElement,
  connection: SavedConnection | undefined,
  attempt: (secrets: ConnectSecrets) => Promise<T>,
  options: PromptOptions & {
    keychain?: () => Promise<KeychainState>;
    onSecret?: (kind: keyof typeof SECRET_LABELS, answer: PasswordAnswer) => void;
  } = {},
): Promise<T | null> {
  const secrets: ConnectSecrets = { ...options.secrets };
  let refused: ErrorInfo | undefined;
  for (;;) {
    try {
      return await attempt(secrets);
    } catch (error) {
      const info = errorInfo(error);
      if (!info) throw error;
      if (info.code === HOST_KEY_UNCONFIRMED && info.detail && !secrets.acceptHostKey) {
        const server = serverOf(info, connection);
        const question = { server, fingerprint: info.detail, hint: info.hint };
        if (!(await showDialog(host, 'tusk-host-key-dialog', { question }))) return null;
        secrets.acceptHostKey = info.detail;
        continue;
      }
      const changed = changedHostKey(info);
      if (changed && !options.inline) {
        await showDialog(host, 'tusk-host-key-dialog', {
          change: { server: serverOf(info, connection), ...changed, hint: info.hint },
        });
        throw error;
      }
      const kind = options.inline ? null : missingSecret(info, connection);
      if (!kind) throw error;
      const keychain = (await options.keychain?.()) ?? { available: true };
      const answer = await showDialog(host, 'tusk-password-prompt', {
        label: SECRET_LABELS[kind],
        title: connection ? `Connect to “${connection.name}”` : 'Connect',
        message: info.message,
        ...(refused || secrets[kind] ? { error: info.hint ?? info.message } : {}),
        keychain,
      });
      if (!answer) return null;
      refused = info;
      secrets[kind] = answer.secret;
      options.onSecret?.(kind, answer);
    }
  }
}

/** `connections.save` params that keep a saved connection as it is (plus secrets). */
function unchanged(saved: SavedConnection) {
  const color = (saved as { color?: ConnectionColor }).color;
  return {
    id: saved.id,
    name: saved.name,
    host: saved.host,
    port: saved.port,
    database: saved.database,
    username: saved.username,
    sslMode: saved.sslMode,
    sslRootCert: saved.sslRootCert,
    sshTunnel: saved.sshTunnel,
    readOnly: saved.readOnly,
    statementTimeoutMs: saved.statementTimeoutMs,
    connectTimeoutMs: saved.connectTimeoutMs,
    keepAliveSeconds: saved.keepAliveSeconds,
    poolSize: saved.poolSize,
    allowCleartextPassword: saved.allowCleartextPassword,
    ...(color && (CONNECTION_COLORS as readonly string[]).includes(color) ? { color } : {}),
  };
}

/**
 * Connects the saved connection `id` the way the sidebar does, asking what is needed on the
 * way (see {@link runWithPrompts}): the SSH host key on first use, a missing or refused
 * password. A secret typed in a prompt with "Remember in keychain" ticked is saved with the
 * connection once the connect succeeded (a run-only connection keeps it for the run).
 * Goes through `ConnectionsStore.connect`, so the phase and the last error are kept there.
 * @returns the open connection's status, or null when the user cancelled a prompt.
 * @throws RequestError (the backend's ErrorInfo) when the connect fails otherwise.
 */
export async function connectWithPrompts(
  host: HTMLElement,
  services: AppServices,
  id: string,
  options: PromptOptions = {},
): Promise<LiveStatus | null> {
  const connection = services.connections.byId(id);
  const remembered: Partial<Record<keyof typeof SECRET_LABELS, string>> = {};
  const status = await runWithPrompts(
    host,
    connection,
    (secrets) => services.connections.connect(id, secrets),
    {
      ...options,
      keychain: () => keychainState(services),
      onSecret: (kind, answer) => {
        if (answer.remember) remembered[kind] = answer.secret;
        else delete remembered[kind];
      },
    },
  );
  if (status && connection && Object.keys(remembered).length > 0) {
    try {
      await services.connections.save({
        ...unchanged(connection),
        ...remembered,
        rememberPasswords: true,
      });
    } catch {
      // Connected all the same; the password is asked for again next time.
    }
  }
  return status;
}
