import { REDACTED, rememberSecret } from '../errors/redact';
import { scanTokens } from './pg-parser';

/**
 * `sql` with every password literal of a role or user mapping replaced —
 * `CREATE/ALTER ROLE … [ENCRYPTED] PASSWORD '…'`, `CREATE/ALTER USER MAPPING … OPTIONS
 * (password '…')` — found by PostgreSQL's own scanner: a string constant right after the
 * word PASSWORD, whatever its quoting (`E'…'`, `$$…$$`). Each password found is also
 * remembered, so the log redaction removes it wherever else it appears. A text the scanner
 * cannot read is returned whole only when it holds no "password" at all, else with
 * everything after that word replaced. Needs the parser loaded. Never throws.
 */
export function redactSqlSecrets(sql: string): string {
  if (!/password/i.test(sql)) return sql;
  let tokens;
  try {
    tokens = scanTokens(sql).filter((t) => t.name !== 'SQL_COMMENT' && t.name !== 'C_COMMENT');
  } catch {
    const at = sql.search(/password/i);
    return `${sql.slice(0, at + 'password'.length)} ${REDACTED}`;
  }
  const bytes = Buffer.from(sql);
  const cuts: { start: number; end: number }[] = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.text.toLowerCase() === 'password' && next?.name === 'SCONST') {
      cuts.push({ start: next.start, end: next.end });
      rememberSecret(unquote(next.text));
    }
  });
  if (cuts.length === 0) return sql;
  const parts: Buffer[] = [];
  let at = 0;
  for (const cut of cuts) {
    parts.push(bytes.subarray(at, cut.start), Buffer.from(`'${REDACTED}'`));
    at = cut.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts).toString('utf8');
}

/** The value of a string constant token: 'a''b', E'…', $tag$…$tag$. */
function unquote(text: string): string {
  const dollar = /^(\$[^$]*\$)([\s\S]*)\1$/.exec(text);
  if (dollar) return dollar[2]!;
  const body = text.replace(/^[eE]?'/, '').replace(/'$/, '');
  return body.replace(/''/g, "'");
}
