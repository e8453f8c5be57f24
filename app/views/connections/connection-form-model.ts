/**
 * The connection dialog's form as plain data: its fields as the user types them (numbers
 * as text), how they come from a saved connection and go to `connections.save` and
 * `connections.test`, the checks made before sending, and the backend's `validation`
 * errors mapped back to fields. Pure (no DOM, no Lit), so it is easy to reason about.
 */
import { CONNECTION_COLORS, type ConnectionColorName } from '../../common/connection-options';
import type { Methods } from '../../controllers/api';
import type { ConnectionInput, SavedConnection } from '../data/connections-store';
import {
  isPostgresUrl,
  parsePostgresUrl,
  SSL_MODES,
  type SslMode,
  type UrlFields,
} from './connection-form-url';
import { CONNECTION_DEFAULTS } from '../../common/connection-limits';

export { SSL_MODES, type SslMode };

export { CONNECTION_COLORS };
/** One of {@link CONNECTION_COLORS}, or null for none. */
export type ConnectionColor = ConnectionColorName | null;

/** How an SSH tunnel logs in. */
export type SshAuthMethod = 'password' | 'key' | 'agent';

/** Every field of the dialog, as typed. */
export interface ConnectionForm {
  name: string;
  color: ConnectionColor;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  /** Keep the typed secrets (password, SSH password, passphrase) in the keychain. */
  remember: boolean;
  sslMode: SslMode;
  sslRootCert: string;
  ssh: boolean;
  sshHost: string;
  sshPort: string;
  sshUser: string;
  sshAuth: SshAuthMethod;
  sshPassword: string;
  sshKeyPath: string;
  sshPassphrase: string;
  /** The recorded host key (`SHA256:…`); null: asked for on the next connect. */
  sshHostKey: string | null;
  readOnly: boolean;
  /** Asks before any write (editor, grid, apply). */
  production: boolean;
  allowCleartextPassword: boolean;
  statementTimeoutMs: string;
  connectTimeoutMs: string;
  keepAliveSeconds: string;
  poolSize: string;
}

/** A field of the form that a message can concern. */
export type FieldName = keyof ConnectionForm;
/** A message per field (the first one found for it). */
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The params of `connections.test` for unsaved fields. */
export type TestParams = Methods['connections.test']['params'];

/** The SSL modes that check the server's certificate against a CA file. */
export function usesCaFile(mode: SslMode): boolean {
  return mode === 'verify-ca' || mode === 'verify-full';
}

/** A new connection's form: localhost:5432, database postgres, SSL prefer, no tunnel. */
export function emptyForm(rememberByDefault = true): ConnectionForm {
  return {
    name: '',
    color: null,
    host: 'localhost',
    port: String(CONNECTION_DEFAULTS.port),
    database: 'postgres',
    user: '',
    password: '',
    remember: rememberByDefault,
    sslMode: 'prefer',
    sslRootCert: '',
    ssh: false,
    sshHost: '',
    sshPort: String(CONNECTION_DEFAULTS.sshPort),
    sshUser: '',
    sshAuth: 'key',
    sshPassword: '',
    sshKeyPath: '',
    sshPassphrase: '',
    sshHostKey: null,
    readOnly: false,
    production: false,
    allowCleartextPassword: false,
    statementTimeoutMs: '',
    connectTimeoutMs: '',
    keepAliveSeconds: '',
    poolSize: '',
  };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The form of a saved connection (its secrets stay in the keychain: the fields are empty). */
export function formFromSaved(saved: SavedConnection): ConnectionForm {
  const ssh = saved.sshTunnel;
  const color = (saved as { color?: ConnectionColor }).color ?? null;
  return {
    ...emptyForm(saved.storedSecrets.length > 0),
    name: saved.name,
    color,
    host: saved.host,
    port: String(saved.port),
    database: saved.database,
    user: saved.username,
    sslMode: saved.sslMode,
    sslRootCert: saved.sslRootCert ?? '',
    ssh: ssh !== null,
    ...(ssh
      ? {
          sshHost: ssh.host,
          sshPort: String(ssh.port),
          sshUser: ssh.username,
          sshAuth: ssh.auth.method,
          sshKeyPath: ssh.auth.method === 'key' ? ssh.auth.privateKeyPath : '',
          sshHostKey: ssh.hostKey,
        }
      : {}),
    readOnly: saved.readOnly,
    production: saved.production,
    allowCleartextPassword: saved.allowCleartextPassword,
    statementTimeoutMs: text(saved.statementTimeoutMs),
    connectTimeoutMs: text(saved.connectTimeoutMs),
    keepAliveSeconds: text(saved.keepAliveSeconds),
    poolSize: text(saved.poolSize),
  };
}

/** The form of a copy: "<name> copy", no secrets, no recorded host key (asked again). */
export function formForCopy(saved: SavedConnection): ConnectionForm {
  return { ...formFromSaved(saved), name: `${saved.name} copy`, sshHostKey: null };
}

/** Fills the fields a pasted URL names; the others keep their values. */
export function applyUrl(form: ConnectionForm, url: UrlFields): ConnectionForm {
  const next = { ...form };
  if (url.host !== undefined) next.host = url.host;
  if (url.port !== undefined) next.port = url.port;
  if (url.database !== undefined) next.database = url.database;
  if (url.user !== undefined) next.user = url.user;
  if (url.password !== undefined) next.password = url.password;
  if (url.sslMode !== undefined) next.sslMode = url.sslMode;
  if (url.sslRootCert !== undefined) next.sslRootCert = url.sslRootCert;
  if (url.connectTimeoutMs !== undefined) next.connectTimeoutMs = url.connectTimeoutMs;
  return next;
}

/**
 * The form filled from `text` when it is a `postgres://` URL, with a note for the URL
 * field ("Filled 5 fields and the password from the URL", or what is wrong with it);
 * null when `text` is not a URL at all.
 */
export function formWithUrl(
  form: ConnectionForm,
  text: string,
): { form: ConnectionForm; note: { text: string; error: boolean } } | null {
  if (!isPostgresUrl(text)) return null;
  const parsed = parsePostgresUrl(text);
  if ('error' in parsed) return { form, note: { text: parsed.error, error: true } };
  const names = Object.keys(parsed.fields).filter((k) => k !== 'password');
  const plural = names.length === 1 ? '' : 's';
  const password = parsed.fields.password ? ' and the password' : '';
  return {
    form: applyUrl(form, parsed.fields),
    note: { text: `Filled ${names.length} field${plural}${password} from the URL.`, error: false },
  };
}

/** The name used when the Name field is left empty: `database@host`. */
export function defaultName(form: ConnectionForm): string {
  return form.host.trim() ? `${form.database.trim() || 'postgres'}@${form.host.trim()}` : '';
}

/** A number field: empty → null, else the number (NaN when it is not one; checks catch it). */
function num(value: string): number | null {
  return value.trim() === '' ? null : Number(value.trim());
}

/**
 * The `connections.save` params of the form. `saved`: the connection being edited (its id;
 * a recorded host key is dropped when the SSH server changes). `keychain`: whether secrets
 * can be kept in the OS keychain; when not, typed secrets still go to the session store.
 */
export function toSaveInput(
  form: ConnectionForm,
  saved: SavedConnection | undefined,
  keychain: boolean,
): ConnectionInput {
  const sshHost = form.sshHost.trim();
  const sshPort = num(form.sshPort) ?? CONNECTION_DEFAULTS.sshPort;
  const sameSshServer = saved?.sshTunnel?.host === sshHost && saved.sshTunnel.port === sshPort;
  const input: ConnectionInput = {
    ...(saved ? { id: saved.id } : {}),
    name: form.name.trim() || defaultName(form),
    host: form.host.trim(),
    port: num(form.port) ?? CONNECTION_DEFAULTS.port,
    database: form.database.trim(),
    username: form.user.trim(),
    sslMode: form.sslMode,
    sslRootCert:
      usesCaFile(form.sslMode) && form.sslRootCert.trim() ? form.sslRootCert.trim() : null,
    sshTunnel: form.ssh
      ? {
          host: sshHost,
          port: sshPort,
          username: form.sshUser.trim(),
          auth:
            form.sshAuth === 'key'
              ? { method: 'key', privateKeyPath: form.sshKeyPath.trim() }
              : { method: form.sshAuth },
          localPort: saved?.sshTunnel?.localPort ?? null,
          hostKey: sameSshServer || !saved ? form.sshHostKey : null,
        }
      : null,
    readOnly: form.readOnly,
    production: form.production,
    allowCleartextPassword: form.allowCleartextPassword,
    statementTimeoutMs: num(form.statementTimeoutMs),
    connectTimeoutMs: num(form.connectTimeoutMs),
    keepAliveSeconds: num(form.keepAliveSeconds),
    poolSize: num(form.poolSize),
    color: form.color,
    ...typedSecrets(form),
  } as ConnectionInput;
  const typed = Object.keys(typedSecrets(form)).length > 0;
  if (form.remember || (!keychain && typed)) input.rememberPasswords = true;
  else if (saved && saved.storedSecrets.length > 0) input.rememberPasswords = false;
  return input;
}

/** The secrets typed in the form that apply to its settings (empty fields are not sent). */
export function typedSecrets(form: ConnectionForm): {
  password?: string;
  sshPassword?: string;
  sshPassphrase?: string;
} {
  return {
    ...(form.password ? { password: form.password } : {}),
    ...(form.ssh && form.sshAuth === 'password' && form.sshPassword
      ? { sshPassword: form.sshPassword }
      : {}),
    ...(form.ssh && form.sshAuth === 'key' && form.sshPassphrase
      ? { sshPassphrase: form.sshPassphrase }
      : {}),
  };
}

/** `connections.test` params for the form's fields (no SSH tunnel: that needs a saved id). */
export function toTestParams(form: ConnectionForm): TestParams {
  const port = num(form.port);
  const timeout = num(form.connectTimeoutMs);
  return {
    host: form.host.trim(),
    ...(port === null ? {} : { port }),
    ...(form.user.trim() ? { username: form.user.trim() } : {}),
    ...(form.database.trim() ? { database: form.database.trim() } : {}),
    ...(form.password ? { password: form.password } : {}),
    sslMode: form.sslMode,
    ...(usesCaFile(form.sslMode) && form.sslRootCert.trim()
      ? { sslRootCert: form.sslRootCert.trim() }
      : {}),
    ...(timeout === null ? {} : { connectTimeoutMs: timeout }),
    allowCleartextPassword: form.allowCleartextPassword,
  };
}

/** The fields that decide where and how a test logs in (a change needs the password again). */
const ROUTE_FIELDS: FieldName[] = [
  'host',
  'port',
  'database',
  'user',
  'sslMode',
  'sslRootCert',
  'ssh',
  'sshHost',
  'sshPort',
  'sshUser',
  'sshAuth',
  'sshKeyPath',
  'connectTimeoutMs',
  'allowCleartextPassword',
];

/** True when `form` reaches the server the same way as `saved` (its stored secrets apply). */
export function sameRoute(form: ConnectionForm, saved: SavedConnection): boolean {
  const before = formFromSaved(saved);
  return ROUTE_FIELDS.every((f) => String(form[f]).trim() === String(before[f]).trim());
}

/** True when saving `form` would change `saved` (secrets typed count as a change). */
export function isChanged(form: ConnectionForm, saved: SavedConnection): boolean {
  const before = formFromSaved(saved);
  return (
    Object.keys(typedSecrets(form)).length > 0 ||
    (Object.keys(before) as FieldName[]).some(
      (f) => f !== 'remember' && String(form[f]).trim() !== String(before[f]).trim(),
    )
  );
}
