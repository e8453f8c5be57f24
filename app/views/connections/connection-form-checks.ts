/**
 * Messages next to the connection dialog's fields: the checks made before sending and the
 * backend's `validation` errors (an ErrorInfo whose `detail` is zod's list, `✖ message`
 * then `→ at path`) mapped to the field each concerns, in the same words. Pure.
 */
import type { ErrorInfo } from '../../controllers/api';
import type { ConnectionForm, FieldErrors, FieldName } from './connection-form-model';

/** The visible label of each field, to open its messages ("Host is empty"). */
export const FIELD_LABELS: Record<FieldName, string> = {
  name: 'Name',
  color: 'Colour',
  host: 'Host',
  port: 'Port',
  database: 'Database',
  user: 'User',
  password: 'Password',
  remember: 'Remember in keychain',
  sslMode: 'SSL mode',
  sslRootCert: 'CA file',
  ssh: 'SSH tunnel',
  sshHost: 'SSH host',
  sshPort: 'SSH port',
  sshUser: 'SSH user',
  sshAuth: 'Authentication',
  sshPassword: 'SSH password',
  sshKeyPath: 'Key file',
  sshPassphrase: 'Passphrase',
  sshHostKey: 'Host key',
  readOnly: 'Read-only',
  allowCleartextPassword: 'Allow a cleartext password',
  statementTimeoutMs: 'Statement timeout',
  connectTimeoutMs: 'Connect timeout',
  keepAliveSeconds: 'Keepalive',
  poolSize: 'Pool size',
};

/** The protocol's paths (`connections.save` / `connections.test` params) → form fields. */
const PATHS: Record<string, FieldName> = {
  name: 'name',
  color: 'color',
  host: 'host',
  port: 'port',
  database: 'database',
  username: 'user',
  password: 'password',
  sslMode: 'sslMode',
  sslRootCert: 'sslRootCert',
  'sshTunnel.host': 'sshHost',
  'sshTunnel.port': 'sshPort',
  'sshTunnel.username': 'sshUser',
  'sshTunnel.auth': 'sshAuth',
  'sshTunnel.auth.method': 'sshAuth',
  'sshTunnel.auth.privateKeyPath': 'sshKeyPath',
  'sshTunnel.hostKey': 'sshHostKey',
  sshTunnel: 'ssh',
  sshPassword: 'sshPassword',
  sshPassphrase: 'sshPassphrase',
  readOnly: 'readOnly',
  allowCleartextPassword: 'allowCleartextPassword',
  statementTimeoutMs: 'statementTimeoutMs',
  connectTimeoutMs: 'connectTimeoutMs',
  keepAliveSeconds: 'keepAliveSeconds',
  poolSize: 'poolSize',
};

/**
 * A zod message as shown next to a field: "is empty" → "Host is empty"; "Too big: expected
 * number to be <=65535" → "Port must be at most 65535"; other messages kept as they are.
 */
export function fieldMessage(field: FieldName, message: string): string {
  const label = FIELD_LABELS[field];
  const big = /^Too big: expected (?:number|int) to be <=?\s*(-?\d+)$/.exec(message);
  if (big) return `${label} must be at most ${big[1]}`;
  const small = /^Too small: expected (?:number|int) to be >=?\s*(-?\d+)$/.exec(message);
  if (small) return `${label} must be at least ${small[1]}`;
  const tooLong = /^Too big: expected string to have <=?\s*(\d+) characters$/.exec(message);
  if (tooLong) return `${label} must be at most ${tooLong[1]} characters`;
  if (/^Too small: expected string to have >=?\s*1 characters?$/.test(message))
    return `${label} is empty`;
  if (/^Invalid input: expected (?:number|int), received NaN$/.test(message))
    return `${label} must be a number`;
  if (/^Invalid input: expected int, received number$/.test(message))
    return `${label} must be a whole number`;
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/**
 * The fields named in a `validation` ErrorInfo and the messages that name no field. A name
 * already taken (no path, the message says so) goes to Name.
 */
export function validationErrors(info: ErrorInfo): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  if (info.kind !== 'validation') return { fields, other: [info.message] };
  if (/^A connection named .* already exists$/.test(info.message)) {
    fields.name = info.message;
    return { fields, other };
  }
  const lines = (info.detail ?? '').split('\n');
  let message: string | null = null;
  for (const line of lines) {
    const issue = /^✖\s*(.*)$/.exec(line);
    if (issue) {
      if (message !== null) other.push(message);
      message = issue[1]!.trim();
      continue;
    }
    const at = /^\s*→ at (.+)$/.exec(line);
    if (at && message !== null) {
      const field = PATHS[at[1]!.trim()];
      if (field) fields[field] ??= fieldMessage(field, message);
      else other.push(`${at[1]!.trim()}: ${message}`);
      message = null;
    }
  }
  if (message !== null) other.push(message);
  if (Object.keys(fields).length === 0 && other.length === 0) other.push(info.message);
  return { fields, other };
}

/** The zod message for a number outside [min, max] (the backend's wording), or null. */
function rangeIssue(text: string, min: number, max: number, optional: boolean): string | null {
  const value = text.trim();
  if (value === '') return optional ? null : 'Invalid input: expected number, received NaN';
  const n = Number(value);
  if (!Number.isFinite(n)) return 'Invalid input: expected number, received NaN';
  if (!Number.isInteger(n)) return 'Invalid input: expected int, received number';
  if (n > max) return `Too big: expected number to be <=${max}`;
  if (n < min) return `Too small: expected number to be >=${min}`;
  return null;
}

/**
 * The checks made before anything is sent, worded as the backend words them: an empty
 * host, a port outside 1–65535, the SSH server's host and port, and the other numbers'
 * ranges. `forTest`: only what `connections.test` needs.
 */
export function checkForm(form: ConnectionForm, forTest = false): FieldErrors {
  const errors: FieldErrors = {};
  const put = (field: FieldName, issue: string | null) => {
    if (issue !== null) errors[field] ??= fieldMessage(field, issue);
  };
  put('host', form.host.trim() === '' ? 'is empty' : null);
  put('port', rangeIssue(form.port, 1, 65535, true));
  if (!forTest) {
    put('user', form.user.trim() === '' ? 'is empty' : null);
    put('database', form.database.trim() === '' ? 'is empty' : null);
  }
  if (form.ssh) {
    put('sshHost', form.sshHost.trim() === '' ? 'is empty' : null);
    put('sshPort', rangeIssue(form.sshPort, 1, 65535, true));
    put('sshUser', form.sshUser.trim() === '' ? 'is empty' : null);
    if (form.sshAuth === 'key')
      put('sshKeyPath', form.sshKeyPath.trim() === '' ? 'is empty' : null);
  }
  put('statementTimeoutMs', rangeIssue(form.statementTimeoutMs, 0, 86_400_000, true));
  put('connectTimeoutMs', rangeIssue(form.connectTimeoutMs, 500, 300_000, true));
  put('keepAliveSeconds', rangeIssue(form.keepAliveSeconds, 0, 7200, true));
  put('poolSize', rangeIssue(form.poolSize, 1, 8, true));
  return errors;
}
