import { REDACTED } from '../errors/redact';
import { scanTokens, type Token } from './pg-parser';

/** A text with its secrets cut out, and the secrets found (to cut from its error too). */
export interface SqlSecrets {
  text: string;
  secrets: string[];
}

/** Token names the scanner gives string constants (U&'…' has none: it is told by its text). */
const STRING = new Set(['SCONST', 'USCONST']);
/** What may follow PASSWORD as its value when the statement is broken (`PASSWORD secret`). */
const BARE_VALUE = new Set(['IDENT', 'ICONST', 'FCONST']);
/** `password=…` in a connection string (dblink, CREATE SUBSCRIPTION … CONNECTION). */
const CONNINFO = /\b(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s']+)/gi;
/** `scheme://user:secret@` in a URL. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@?#'"]*):([^\s@/'"]+)@/gi;
/** Strings scanned again for secrets inside them (DO bodies, EXECUTE texts), at most this deep. */
const MAX_DEPTH = 3;

/**
 * `sql` with its secrets replaced, found by PostgreSQL's own scanner, and the secrets:
 * the value after PASSWORD (`CREATE/ALTER ROLE`, user mappings: `'…'`, `E'…'`, `U&'…'`,
 * `$$…$$`, and a bare word or number when the statement is broken); inside string
 * constants — a DO body, an EXECUTE text, a `format('… PASSWORD %L', …)` argument (best
 * effort: a password built at run time cannot be seen) — the same, and `password=…` of a
 * connection string and the password of a `postgres://user:pw@` URL. Nothing is
 * remembered beyond the call: later messages are not touched. A text the scanner cannot
 * read is returned whole only when it holds no "password", else cut after that word. Needs
 * the parser loaded. Never throws.
 */
export function findSqlSecrets(sql: string, depth = 0): SqlSecrets {
  if (!/password|:\/\//i.test(sql)) return { text: sql, secrets: [] };
  let tokens: Token[];
  try {
    tokens = scanTokens(sql).filter((t) => t.name !== 'SQL_COMMENT' && t.name !== 'C_COMMENT');
  } catch {
    const at = sql.search(/password/i);
    if (at < 0) return patternSecrets(sql);
    return { text: `${sql.slice(0, at + 'password'.length)} ${REDACTED}`, secrets: [] };
  }
  const bytes = Buffer.from(sql);
  const secrets: string[] = [];
  const cuts = new Map<number, { end: number; text: string }>();
  const cutWhole = (token: Token, secret: string) => {
    cuts.set(token.start, { end: token.end, text: `'${REDACTED}'` });
    secrets.push(secret);
  };
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.text.toLowerCase() === 'password' && next && !cuts.has(next.start)) {
      if (isString(next)) return cutWhole(next, unquote(next.text));
      if (BARE_VALUE.has(next.name)) return cutWhole(next, next.text);
    }
    if (token.text.toLowerCase() === 'format' && tokens[i + 1]?.text === '(') {
      formatArguments(tokens, i + 2).forEach((arg) => cutWhole(arg, unquote(arg.text)));
    }
    if (isString(token) && !cuts.has(token.start)) {
      // Its content read as SQL again (a DO body, an EXECUTE text), then as a connection
      // string or URL; what is found is cut there and the string quoted back.
      const body = unquote(token.text);
      const inner =
        depth < MAX_DEPTH ? findSqlSecrets(body, depth + 1) : { text: body, secrets: [] };
      const plain = patternSecrets(inner.text);
      const found = [...inner.secrets, ...plain.secrets];
      if (found.length > 0) {
        cuts.set(token.start, { end: token.end, text: requote(token.text, plain.text) });
        secrets.push(...found);
      }
    }
  });
  if (cuts.size === 0) return { text: sql, secrets: [] };
  const parts: Buffer[] = [];
  let at = 0;
  for (const [start, cut] of [...cuts.entries()].sort((a, b) => a[0] - b[0])) {
    parts.push(bytes.subarray(at, start), Buffer.from(cut.text));
    at = cut.end;
  }
  parts.push(bytes.subarray(at));
  return { text: Buffer.concat(parts).toString('utf8'), secrets: [...new Set(secrets)] };
}

/** `sql` with its secrets replaced (see {@link findSqlSecrets}). Never throws. */
export function redactSqlSecrets(sql: string): string {
  return findSqlSecrets(sql).text;
}

/**
 * `text` with each of `secrets` replaced, as written or with its quotes doubled (how it
 * appears inside a quoted string). Secrets of fewer than 3 characters are left (they
 * would garble the text). Never throws.
 */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 3) continue;
    for (const form of new Set([secret, secret.replaceAll("'", "''")])) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

/** Connection-string passwords and URL passwords in a plain text. */
function patternSecrets(text: string): SqlSecrets {
  const secrets: string[] = [];
  const out = text
    .replace(CONNINFO, (_m, key: string, value: string) => {
      secrets.push(value.replace(/^'|'$/g, ''));
      return `${key}${REDACTED}`;
    })
    .replace(URL_USERINFO, (_m, head: string, value: string) => {
      secrets.push(value);
      return `${head}:${REDACTED}@`;
    });
  return { text: out, secrets };
}

function isString(token: Token): boolean {
  return STRING.has(token.name) || /^[uU]&'/.test(token.text);
}

/**
 * In a `format(` call whose format string sets a password (`… PASSWORD %L`), the argument
 * that fills that place when it is a string constant; none otherwise.
 */
function formatArguments(tokens: Token[], first: number): Token[] {
  const pattern = tokens[first];
  if (!pattern || !isString(pattern)) return [];
  const text = unquote(pattern.text);
  const place = /password\s+%(?:(\d+)\$)?-?\d*[sIL]/i.exec(text);
  if (!place) return [];
  // Which argument: its explicit number, or the count of placeholders up to it.
  const before = text.slice(0, place.index).match(/%(?:\d+\$)?-?\d*[sIL]/g) ?? [];
  const wanted = place[1] ? Number(place[1]) - 1 : before.length;
  const args: Token[][] = [];
  let depth = 1;
  for (let i = first + 1; i < tokens.length && depth > 0; i++) {
    const token = tokens[i]!;
    if (token.text === '(') depth += 1;
    else if (token.text === ')') depth -= 1;
    if (depth === 1 && token.text === ',') args.push([]);
    else if (depth >= 1) args.at(-1)?.push(token);
  }
  const arg = args[wanted];
  return arg?.length === 1 && isString(arg[0]!) ? [arg[0]!] : [];
}

/** `body` quoted as `original` was: the same dollar tag, or the same prefix with quotes doubled. */
function requote(original: string, body: string): string {
  const dollar = /^(\$[^$]*\$)/.exec(original);
  if (dollar) return `${dollar[1]}${body}${dollar[1]}`;
  const prefix = /^(?:[eE]|[uU]&)?/.exec(original)![0];
  return `${prefix}'${body.replaceAll("'", "''")}'`;
}

/** The value of a string constant token: 'a''b', E'…', U&'…', $tag$…$tag$. */
function unquote(text: string): string {
  const dollar = /^(\$[^$]*\$)([\s\S]*)\1$/.exec(text);
  if (dollar) return dollar[2]!;
  const body = text.replace(/^(?:[eE]|[uU]&)?'/, '').replace(/'$/, '');
  return body.replace(/''/g, "'");
}
