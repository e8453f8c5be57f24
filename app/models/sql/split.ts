import {
  commits,
  endsTransaction,
  kindOf,
  leavesSessionState,
  metaCommandRefusal,
  outsideTransactionOnly,
  refusalOf,
  writes,
  type Refusal,
  type StatementKind,
} from './kinds';
import { ByteOffsets } from './offsets';
import { parseStatements, scanTokens, type Token } from './pg-parser';
import { turnsReadOnlyOff } from './read-only';
import { changesClientEncoding } from './encoding';

/** One statement of a script. Offsets are code points of the script, `end` exclusive. */
export interface SqlStatement {
  start: number;
  end: number;
  /** The statement's text, without its final `;`. */
  text: string;
  kind: StatementKind;
  /** Changes data or schema (see `writes`). */
  writes: boolean;
  /** PostgreSQL runs it only outside a transaction block (VACUUM, CREATE DATABASE…). */
  outsideTransaction?: true;
  /** COMMIT or END: ends a transaction keeping its work. */
  commits?: true;
  /** Ends the transaction: COMMIT, END, ROLLBACK, ABORT, PREPARE TRANSACTION. */
  ends?: true;
  /** Its effect outlives its transaction in the session (SET, a temp table, LISTEN…). */
  sessionState?: true;
  /** Set when Tusk will not send it (a psql command, COPY to or from the client). */
  refusal?: Refusal;
  /** Set when the parser rejects it: it is sent all the same, for the server's own error. */
  broken?: true;
  /** It would turn read-only off (refused on a read-only connection; see read-only.ts). */
  readWrite?: true;
  /** It would set a client encoding other than UTF-8 (refused; see encoding.ts). */
  encoding?: true;
}

const COMMENT = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * Splits a script into statements at the boundaries PostgreSQL's own parser finds (right
 * for `$$` and `$tag$` bodies, `E''` strings, quoted names, comments, `BEGIN ATOMIC`).
 * When one statement is broken the parser rejects the whole script, so the scanner's
 * tokens are split at `;` instead, with a depth count for `BEGIN ATOMIC … END` and
 * `CASE … END`; the broken statement is marked and the others keep their kinds. Lines that
 * start with `\` are psql commands (refused with what to use instead). The parser must be
 * loaded (`loadParser`). Never throws.
 */
export function splitSql(sql: string): SqlStatement[] {
  const offsets = new ByteOffsets(sql);
  const { masked, meta } = maskMetaCommands(sql);
  const maskedBytes = Buffer.from(masked);
  const statements: SqlStatement[] = meta.map(({ start, end, line }) => ({
    start,
    end,
    text: line,
    kind: 'psql',
    writes: false,
    refusal: metaCommandRefusal(line),
  }));
  let tokens: Token[];
  try {
    tokens = scanTokens(masked).filter((t) => !COMMENT.has(t.name));
  } catch {
    // Unterminated quote or comment: all of it is one statement, for the server to judge.
    const text = sql.trim();
    if (text) statements.push(statementAt(sql, offsets, 0, offsets.length, true));
    return sorted(statements);
  }
  let ranges: { from: number; to: number; node?: Record<string, unknown> }[];
  try {
    ranges = parseStatements(masked).map((s) => ({
      from: s.location,
      to: s.length > 0 ? s.location + s.length : offsets.length,
      node: s.stmt,
    }));
  } catch {
    ranges = splitTokens(tokens);
  }
  // Ranges come in order: one pass over the tokens for all of them (linear in the script).
  let next = 0;
  for (const range of ranges) {
    while (next < tokens.length && tokens[next]!.start < range.from) next += 1;
    const first = next;
    while (next < tokens.length && tokens[next]!.end <= range.to) next += 1;
    const inside = tokens.slice(first, next);
    const last = inside.at(-1)?.text === ';' ? inside.slice(0, -1) : inside;
    if (last.length === 0) continue;
    const from = last[0]!.start;
    const to = last.at(-1)!.end;
    let node = range.node;
    if (!node) {
      try {
        node = parseStatements(maskedBytes.subarray(from, to).toString('utf8'))[0]?.stmt;
      } catch {
        node = undefined;
      }
    }
    const statement = statementAt(sql, offsets, from, to, node === undefined);
    if (node) {
      statement.kind = kindOf(node);
      statement.writes = writes(node);
      if (outsideTransactionOnly(node)) statement.outsideTransaction = true;
      if (commits(node)) statement.commits = true;
      if (endsTransaction(node)) statement.ends = true;
      if (leavesSessionState(node)) statement.sessionState = true;
      if (turnsReadOnlyOff(node)) statement.readWrite = true;
      if (changesClientEncoding(node)) statement.encoding = true;
      const refusal = refusalOf(node);
      if (refusal) statement.refusal = refusal;
    }
    statements.push(statement);
  }
  return sorted(statements);
}

/** Splits tokens at `;` outside `BEGIN ATOMIC … END` and `CASE … END`. */
function splitTokens(tokens: Token[]): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  let depth = 0;
  let from: number | null = null;
  tokens.forEach((token, i) => {
    from ??= token.start;
    const word = token.text.toUpperCase();
    if (word === 'ATOMIC' && tokens[i - 1]?.text.toUpperCase() === 'BEGIN') depth += 1;
    else if (word === 'CASE') depth += 1;
    else if (word === 'END' && depth > 0) depth -= 1;
    else if (token.text === ';' && depth === 0) {
      ranges.push({ from, to: token.end });
      from = null;
    }
  });
  if (from !== null) ranges.push({ from, to: tokens.at(-1)!.end });
  return ranges;
}

/** Blanks psql command lines (same bytes, so offsets hold) and lists them. */
function maskMetaCommands(sql: string): {
  masked: string;
  meta: { start: number; end: number; line: string }[];
} {
  const meta: { start: number; end: number; line: string }[] = [];
  let point = 0;
  const masked = sql
    .split('\n')
    .map((line) => {
      const length = [...line].length;
      const start = point;
      point += length + 1;
      if (!/^\s*\\/.test(line)) return line;
      const lead = [...line].findIndex((c) => c === '\\');
      meta.push({ start: start + lead, end: start + length, line: line.trim() });
      return [...line].map((c) => ' '.repeat(Buffer.byteLength(c))).join('');
    })
    .join('\n');
  return { masked, meta };
}

function statementAt(
  sql: string,
  offsets: ByteOffsets,
  fromByte: number,
  toByte: number,
  broken: boolean,
): SqlStatement {
  const from = offsets.place(fromByte);
  const start = from.point;
  const fromIndex = from.index;
  const to = offsets.place(toByte);
  const end = to.point;
  const text = sql.slice(fromIndex, to.index).trim();
  return {
    start,
    end,
    text,
    kind: 'unknown',
    writes: false,
    ...(broken ? { broken: true as const } : {}),
  };
}

function sorted(statements: SqlStatement[]): SqlStatement[] {
  return statements.sort((a, b) => a.start - b.start);
}
