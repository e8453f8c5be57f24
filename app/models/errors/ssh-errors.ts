import type { TuskErrorCode } from './error-info';
import { isErrorLike, TuskError, type TuskErrorOptions } from './errors';

/** What an SSH attempt was doing, for messages and hints. */
export interface SshAttempt {
  host: string;
  port: number;
  username: string;
  method: 'password' | 'key' | 'agent';
  /** The handshake timeout in force, for the timeout message. */
  timeoutMs?: number;
  /** Where the tunnel forwards to, as seen from the SSH server. */
  target?: { host: string; port: number };
}

/** Host key fingerprints when the server's key is not the one recorded. */
export interface HostKeyMismatch {
  expected: string;
  actual: string;
}

const make = (
  message: string,
  hint: string,
  error: unknown,
  options: Pick<TuskErrorOptions, 'detail' | 'recordedFingerprint' | 'offeredFingerprint'> & {
    code?: TuskErrorCode;
  } = {},
) =>
  new TuskError('ssh', message, {
    stage: 'ssh',
    hint,
    cause: error,
    ...options,
    detail: options.detail ?? (isErrorLike(error) ? error.message : undefined),
  });

/**
 * The server presented another host key than the one recorded for it: `SSH_HOST_KEY_CHANGED`
 * with both fingerprints as fields (and in `detail`, in words).
 */
export function hostKeyChanged(attempt: SshAttempt, keys: HostKeyMismatch): TuskError {
  return make(
    `The SSH host key of ${attempt.host}:${attempt.port} has changed`,
    "This can mean someone is intercepting the connection. If the server was reinstalled or its key was rotated, check the new fingerprint with its administrator, then forget the recorded host key in the connection's SSH settings and connect again.",
    undefined,
    {
      code: 'SSH_HOST_KEY_CHANGED',
      recordedFingerprint: keys.expected,
      offeredFingerprint: keys.actual,
      detail: `Recorded ${keys.expected}, the server sent ${keys.actual}.`,
    },
  );
}

/**
 * First connection to an SSH server: its key is not recorded yet (`SSH_HOST_KEY_UNCONFIRMED`).
 * `offeredFingerprint` and `detail` are exactly the fingerprint (`SHA256:…`) to show;
 * connecting again with it confirmed records it.
 */
export function hostKeyUnconfirmed(attempt: SshAttempt, fingerprint: string): TuskError {
  return new TuskError(
    'ssh',
    `First connection to the SSH server ${attempt.host}:${attempt.port}: confirm its host key`,
    {
      stage: 'ssh',
      code: 'SSH_HOST_KEY_UNCONFIRMED',
      offeredFingerprint: fingerprint,
      detail: fingerprint,
      hint: `Compare ${fingerprint} with the fingerprint the server's administrator gives you (on the server: ssh-keygen -lf on its host key), then confirm it; Tusk records it and refuses the connection if the key ever changes.`,
    },
  );
}

/**
 * Maps an ssh2 failure (its `level`: client-socket, client-dns, client-timeout,
 * client-authentication, agent; key parsing; channel open failures) to a TuskError of kind
 * `ssh` with a hint; returns undefined for anything else. Never throws. What a view answers
 * with a prompt carries a code: `SSH_PASSPHRASE_REQUIRED`, `SSH_PASSPHRASE_REFUSED`,
 * `SSH_PASSWORD_REFUSED`.
 */
export function fromSshError(error: unknown, attempt: SshAttempt): TuskError | undefined {
  if (!isErrorLike(error)) return undefined;
  const err = error as Error & { level?: string; code?: string | number; reason?: number };
  const where = `${attempt.host}:${attempt.port}`;
  const text = err.message;

  if (/no passphrase given/i.test(text)) {
    return make(
      'The SSH key file is protected by a passphrase',
      "Enter the key's passphrase in the connection's SSH settings.",
      error,
      { code: 'SSH_PASSPHRASE_REQUIRED' },
    );
  }
  if (/bad passphrase|integrity check failed/i.test(text)) {
    return make(
      'Wrong passphrase for the SSH key file',
      'Enter the passphrase that was set when the key was created (ssh-keygen -y -f KEY checks it).',
      error,
      { code: 'SSH_PASSPHRASE_REFUSED' },
    );
  }
  if (/^Cannot parse privateKey/i.test(text)) {
    return make(
      'The SSH key file is not a private key Tusk can read',
      'Choose the private key (not the .pub file), in OpenSSH, PEM or PuTTY format.',
      error,
    );
  }
  if (err.level === 'client-authentication') {
    const byMethod = {
      password: `Check the SSH user name "${attempt.username}" and its password.`,
      key: `The server did not accept this key for "${attempt.username}": check the key file, and that its public key is in ~${attempt.username}/.ssh/authorized_keys on ${attempt.host}.`,
      agent: `None of the SSH agent's keys was accepted for "${attempt.username}": check ssh-add -l, and that one of them is in ~${attempt.username}/.ssh/authorized_keys on ${attempt.host}.`,
    } as const;
    return make(
      `SSH authentication failed for "${attempt.username}" at ${where}`,
      byMethod[attempt.method],
      error,
      attempt.method === 'password' ? { code: 'SSH_PASSWORD_REFUSED' } : {},
    );
  }
  if (err.level === 'agent') {
    return make(
      'The SSH agent could not be used',
      'Start ssh-agent and add your key (ssh-add), or choose a key file instead of the agent.',
      error,
    );
  }
  if (err.level === 'client-timeout') {
    const seconds =
      attempt.timeoutMs === undefined ? '' : ` within ${Math.round(attempt.timeoutMs / 1000)} s`;
    return make(
      `The SSH server at ${where} did not complete the handshake${seconds}`,
      'Check that the SSH host and port are right and reachable (a firewall may drop packets); then try again.',
      error,
    );
  }
  if (err.level === 'client-socket' || err.level === 'client-dns') {
    return (
      fromSocketError(err, attempt, where) ??
      make(
        `The connection to the SSH server at ${where} failed`,
        'Check the SSH host and port, and your network; then try again.',
        error,
      )
    );
  }
  if (/Channel open failure/i.test(text) || err.reason !== undefined) {
    const target = attempt.target
      ? `${attempt.target.host}:${attempt.target.port}`
      : 'the database';
    if (err.reason === 1 || /prohibited/i.test(text)) {
      return make(
        `The SSH server refused to forward to ${target}`,
        `Allow forwarding to ${target} on the SSH server (AllowTcpForwarding, PermitOpen in sshd_config), or check the database host and port.`,
        error,
      );
    }
    return make(
      `The SSH server could not reach ${target}`,
      'The database host and port are resolved on the SSH server: check them from there (and that PostgreSQL listens on that address).',
      error,
    );
  }
  return undefined;
}

function fromSocketError(
  err: Error & { code?: string | number },
  attempt: SshAttempt,
  where: string,
): TuskError | undefined {
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make(
        `Unknown SSH host "${attempt.host}"`,
        'Check the SSH host name for typos, or use its IP address; check your DNS or VPN.',
        err,
      );
    case 'ECONNREFUSED':
      return make(
        `Connection refused by the SSH server at ${where}`,
        `Nothing accepts connections on port ${attempt.port}: check the SSH port (usually 22) and that sshd runs.`,
        err,
      );
    case 'ECONNRESET':
      return make(
        `The SSH server at ${where} closed the connection`,
        'The server may refuse this client (MaxStartups, fail2ban, AllowUsers); check its log, then try again.',
        err,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return make(
        `Cannot reach the SSH server at ${where}`,
        'Check the address, your network or VPN, and any firewall in between; then try again.',
        err,
      );
    default:
      return undefined;
  }
}
