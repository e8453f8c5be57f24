import type { ErrorInfo } from '../../controllers/api';
import { RequestError } from '../client';
import type { AppServices } from '../data/app-context';
import type { ConnectSecrets, LiveStatus, SavedConnection } from '../data/connections-store';
import { showDialog } from '../shared/dialog-host';
import type { PasswordAnswer } from './password-prompt';
import './host-key-dialog';
import './password-prompt';

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

/** Both fingerprints of a changed SSH host key (`SSH_HOST_KEY_CHANGED`); else null. */
export function changedHostKey(info: ErrorInfo): { recorded: string; actual: string } | null {
  if (info.code !== 'SSH_HOST_KEY_CHANGED') return null;
  const { recordedFingerprint: recorded, offeredFingerprint: actual } = info;
  return recorded && actual ? { recorded, actual } : null;
}

/** The connection's SSH server (`host:port`), for the prompts' text. */
function serverOf(connection: SavedConnection | undefined): string {
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

/** Which secret a failure asks for (by its code); null: none. */
function missingSecret(info: ErrorInfo): SecretName | null {
  switch (info.code) {
    case 'PASSWORD_REQUIRED':
    case 'PASSWORD_REFUSED':
      return 'password';
    case 'SSH_PASSWORD_REQUIRED':
    case 'SSH_PASSWORD_REFUSED':
      return 'sshPassword';
    case 'SSH_PASSPHRASE_REQUIRED':
    case 'SSH_PASSPHRASE_REFUSED':
      return 'sshPassphrase';
    default:
      return null;
  }
}

/** The secrets a prompt asks for, by their `connections.connect` names. */
type SecretName = 'password' | 'sshPassword' | 'sshPassphrase';

const SECRET_LABELS: Record<SecretName, string> = {
  password: 'Password',
  sshPassword: 'SSH password',
  sshPassphrase: 'Passphrase',
};

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
    onSecret?: (kind: SecretName, answer: PasswordAnswer) => void;
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
      const offered = info.offeredFingerprint;
      if (info.code === 'SSH_HOST_KEY_UNCONFIRMED' && offered && !secrets.acceptHostKey) {
        const question = { server: serverOf(connection), fingerprint: offered, hint: info.hint };
        if (!(await showDialog(host, 'tusk-host-key-dialog', { question }))) return null;
        secrets.acceptHostKey = offered;
        continue;
      }
      const changed = changedHostKey(info);
      if (changed && !options.inline) {
        await showDialog(host, 'tusk-host-key-dialog', {
          change: { server: serverOf(connection), ...changed, hint: info.hint },
        });
        throw error;
      }
      const kind = options.inline ? null : missingSecret(info);
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

/**
 * Connects the saved connection `id` the way the sidebar does, asking what is needed on the
 * way (see {@link runWithPrompts}): the SSH host key on first use, a missing or refused
 * password. A secret typed in a prompt with "Remember in keychain" ticked is sent with
 * `remember`, so the backend keeps it once the connect succeeded (a run-only connection
 * keeps it for the run).
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
  const remembered = new Set<SecretName>();
  return runWithPrompts(
    host,
    services.connections.byId(id),
    (secrets) =>
      services.connections.connect(id, {
        ...secrets,
        ...(remembered.size > 0 ? { remember: [...remembered] } : {}),
      }),
    {
      ...options,
      keychain: () => keychainState(services),
      onSecret: (kind, answer) => {
        if (answer.remember) remembered.add(kind);
        else remembered.delete(kind);
      },
    },
  );
}
