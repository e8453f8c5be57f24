/**
 * Keeps secrets out of text that leaves a model: log lines, error messages, details and
 * hints. Two layers: patterns that look like secrets (URL passwords, `password=…`,
 * `"passphrase": "…"`), and the exact secrets Tusk has handled in this run
 * ({@link rememberSecret}), wherever they appear.
 */

/** What a removed secret is replaced with. */
export const REDACTED = '[redacted]';

/** Shorter secrets are only caught by the patterns: replacing "ab" everywhere would garble logs. */
const MIN_REMEMBERED_LENGTH = 3;

const remembered = new Set<string>();

/** `scheme://user:secret@` → `scheme://user:[redacted]@` (postgres, postgresql, ssh, http …). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@?#'"]*):([^\s@/'"]*)@/gi;

/** `password=…`, `passphrase: …`, `"secret":"…"`, `PGPASSWORD=…`, `"sshPassphrase":…` and friends. */
const KEY_VALUE =
  /(["']?\b[a-z_]*(?:password|passwd|pwd|passphrase|secret|api[_-]?key|token)\b["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&)}\]]+)/gi;

/**
 * Remembers a secret (a password, a passphrase, a keychain value) so that {@link redact}
 * removes it from any text for the rest of the run. Kept in memory only.
 */
export function rememberSecret(secret: string | undefined | null): void {
  if (typeof secret === 'string' && secret.length >= MIN_REMEMBERED_LENGTH) {
    remembered.add(secret);
  }
}

/** Stops redacting a secret (for example after its connection was deleted). */
export function forgetSecret(secret: string): void {
  remembered.delete(secret);
}

/** `text` with every secret it contains replaced by {@link REDACTED}. Never throws. */
export function redact(text: string): string {
  let out = text
    .replace(URL_USERINFO, (_m, head: string) => `${head}:${REDACTED}@`)
    .replace(KEY_VALUE, (_m, key: string, value: string) =>
      value.startsWith('"') ? `${key}"${REDACTED}"` : `${key}${REDACTED}`,
    );
  for (const secret of remembered) {
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
    ])) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

/** Keys whose value is a secret, whatever it looks like. */
const SECRET_KEY = /password|passwd|^pwd$|passphrase|secret|token|api[_-]?key/i;

/** A string that starts like a URL with an authority (`scheme://`). */
const URL_START = /^\s*[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A copy of a parsed value (a request's params) safe to log, redacted by structure rather
 * than by pattern: every field whose key names a secret is replaced, and in every
 * `scheme://…@…` string everything between `://` and the last `@` (user and password,
 * whatever characters they hold: quotes, spaces, `/`, `#`) is replaced. The text is
 * then also passed through {@link redact}. Never throws.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const scheme = URL_START.exec(value);
    const at = value.lastIndexOf('@');
    if (scheme && at > scheme[0].length) {
      return redact(`${value.slice(0, scheme[0].length)}${REDACTED}${value.slice(at)}`);
    }
    return redact(value);
  }
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      SECRET_KEY.test(key) && item !== null && item !== undefined && item !== ''
        ? REDACTED
        : redactValue(item, depth + 1);
  }
  return copy;
}
