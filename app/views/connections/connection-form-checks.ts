/**
 * Messages next to the connection dialog's fields: the checks made before sending and the
 * backend's `validation` errors (an ErrorInfo's `issues`) mapped to the field each
 * concerns, in the same words. Pure.
 */
import { CONNECTION_RANGES, type Range } from '../../common/connection-limits';
import type { ErrorInfo, ValidationIssue } from '../../controllers/api';
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
  production: 'Production: ask before any write',
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
  production: 'production',
  allowCleartextPassword: 'allowCleartextPassword',
  statementTimeoutMs: 'statementTimeoutMs',
  connectTimeoutMs: 'connectTimeoutMs',
  keepAliveSeconds: 'keepAliveSeconds',
  poolSize: 'poolSize',
};

/** What is wrong with a field: a backend issue, or the view's own check in the same terms. */
type FieldProblem = Pick<ValidationIssue, 'problem' | 'limit' | 'message'>;

/**
 * A problem as shown next to its field: `empty` → "Host is empty"; `too_big` 65535 →
 * "Port must be at most 65535"; a rule's words after the label ("Host must be a host
 * name…"); any other message as it is.
 */
export function fieldMessage(field: FieldName, issue: FieldProblem): string {
  const label = FIELD_LABELS[field];
  switch (issue.problem) {
    case 'too_big':
      return `${label} must be at most ${issue.limit}`;
    case 'too_small':
      return `${label} must be at least ${issue.limit}`;
    case 'too_long':
      return `${label} must be at most ${issue.limit} characters`;
    case 'empty':
      return `${label} is empty`;
    case 'missing':
      return `${label} is missing`;
    case 'not_a_number':
      return `${label} must be a number`;
    case 'not_whole':
      return `${label} must be a whole number`;
    case 'rule':
      return `${label} ${issue.message}`;
    case 'taken':
    case 'invalid':
      return issue.message;
  }
}

/**
 * The fields named in a `validation` ErrorInfo (its `issues`) and the messages that name
 * no field (a path the form does not have is put before its message).
 */
export function validationErrors(info: ErrorInfo): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  if (info.kind !== 'validation') return { fields, other: [info.message] };
  for (const issue of info.issues ?? []) {
    const field = PATHS[issue.path];
    if (field) fields[field] ??= fieldMessage(field, issue);
    else other.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  if (Object.keys(fields).length === 0 && other.length === 0) other.push(info.message);
  return { fields, other };
}

/** What is wrong with a number box's text for [min, max] (as the backend would say), or null. */
function rangeIssue(text: string, range: Range, optional: boolean): FieldProblem | null {
  const value = text.trim();
  const nan = { problem: 'not_a_number', message: 'not a number' } as const;
  if (value === '') return optional ? null : nan;
  const n = Number(value);
  if (!Number.isFinite(n)) return nan;
  if (!Number.isInteger(n)) return { problem: 'not_whole', message: 'not a whole number' };
  if (n > range.max) return { problem: 'too_big', limit: range.max, message: 'too big' };
  if (n < range.min) return { problem: 'too_small', limit: range.min, message: 'too small' };
  return null;
}

const EMPTY: FieldProblem = { problem: 'empty', message: 'is empty' };

/**
 * The checks made before anything is sent, worded as the backend's errors are: an empty
 * host, a port outside its range, the SSH server's host and port, and the other numbers'
 * ranges (`common/connection-limits.ts`). `forTest`: only what `connections.test` needs.
 */
export function checkForm(form: ConnectionForm, forTest = false): FieldErrors {
  const errors: FieldErrors = {};
  const put = (field: FieldName, issue: FieldProblem | null) => {
    if (issue !== null) errors[field] ??= fieldMessage(field, issue);
  };
  const blank = (text: string) => (text.trim() === '' ? EMPTY : null);
  put('host', blank(form.host));
  put('port', rangeIssue(form.port, CONNECTION_RANGES.port, true));
  if (!forTest) {
    put('user', blank(form.user));
    put('database', blank(form.database));
  }
  if (form.ssh) {
    put('sshHost', blank(form.sshHost));
    put('sshPort', rangeIssue(form.sshPort, CONNECTION_RANGES.port, true));
    put('sshUser', blank(form.sshUser));
    if (form.sshAuth === 'key') put('sshKeyPath', blank(form.sshKeyPath));
  }
  put(
    'statementTimeoutMs',
    rangeIssue(form.statementTimeoutMs, CONNECTION_RANGES.statementTimeoutMs, true),
  );
  put(
    'connectTimeoutMs',
    rangeIssue(form.connectTimeoutMs, CONNECTION_RANGES.connectTimeoutMs, true),
  );
  put(
    'keepAliveSeconds',
    rangeIssue(form.keepAliveSeconds, CONNECTION_RANGES.keepAliveSeconds, true),
  );
  put('poolSize', rangeIssue(form.poolSize, CONNECTION_RANGES.poolSize, true));
  return errors;
}
