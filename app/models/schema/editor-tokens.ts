import { scanTokens, type Token } from '../sql/pg-parser';
import { PsqlScript } from '../sql/psql-script';

/** A token of the statement under the cursor, comments left out. Offsets are UTF-16. */
export interface EditorToken {
  from: number;
  to: number;
  text: string;
  /**
   * `name`: an identifier (quoted or not) or a keyword that may be one (not reserved);
   * `keyword`: a reserved keyword; `punct`: `.` `,` `(` `)` `;` `*` `::`; else `other`.
   */
  type: 'name' | 'keyword' | 'punct' | 'other';
  /** Unquoted words upper-cased (`FROM`, `ORDERS`); '' for the rest. */
  word: string;
  /** A name as PostgreSQL reads it: folded to lower case unless quoted. */
  value: string;
  quoted: boolean;
}

/** The statement under the cursor, read into tokens, and the word being typed. */
export interface EditorStatement {
  tokens: EditorToken[];
  /** The word at the cursor (its start to the cursor: what has been typed of it). */
  word: { from: number; to: number; typed: string; quoted: boolean };
  /** Index in `tokens` of the first token after the word (what comes before: `tokens[< before]`). */
  before: number;
  /** The word's own token, when the cursor is in one. */
  wordToken: EditorToken | null;
  cursor: number;
  /** The text ends inside an open string or comment at the cursor: nothing to offer. */
  inLiteral: boolean;
}

const PUNCT = new Set(['.', ',', '(', ')', ';', '*', '::', '[', ']']);

/**
 * The statement of `sql` that holds the UTF-16 `offset` (psql's own split, as a run would
 * send it; only the text up to that statement is lexed), scanned by PostgreSQL's scanner.
 * An unterminated quote at the cursor (`"Mix`) is the word being typed. Null inside a
 * backslash command.
 */
export function statementAt(sql: string, offset: number): EditorStatement | null {
  const cursor = Math.max(0, Math.min(offset, sql.length));
  const range = statementRange(sql, cursor);
  if (!range) return null;
  const text = sql.slice(range.from, range.to);
  const at = cursor - range.from;
  let raw = tryScan(text);
  let open: { from: number; typed: string } | null = null;
  if (!raw) {
    // Something after the cursor, or the word typed, is left open: read what is before it.
    raw = tryScan(text.slice(0, at));
    if (!raw) {
      const quote = text.lastIndexOf('"', at - 1);
      raw = quote >= 0 ? tryScan(text.slice(0, quote)) : null;
      if (!raw) return { ...empty(cursor), inLiteral: true };
      open = { from: quote, typed: text.slice(quote, at) };
    }
  }
  const comments: [number, number][] = [];
  const tokens = toEditorTokens(text, raw, range.from, comments);
  if (comments.some(([from, to]) => from < cursor && (cursor < to || sql[to - 1] !== '/')))
    return { ...empty(cursor), inLiteral: true };
  if (open) {
    const from = range.from + open.from;
    return {
      tokens,
      word: { from, to: cursor, typed: open.typed, quoted: true },
      before: tokens.length,
      wordToken: null,
      cursor,
      inLiteral: false,
    };
  }
  let before = tokens.findIndex((t) => t.to >= cursor);
  if (before < 0) before = tokens.length;
  const at0 = tokens[before];
  const within = at0 !== undefined && at0.from < cursor;
  if (within && (at0.type === 'name' || at0.type === 'keyword')) {
    return {
      tokens,
      word: { from: at0.from, to: at0.to, typed: sql.slice(at0.from, cursor), quoted: at0.quoted },
      before,
      wordToken: at0,
      cursor,
      inLiteral: false,
    };
  }
  // Inside a string or a number: nothing is being named there.
  if (within && at0.to > cursor) return { ...empty(cursor), tokens, before, inLiteral: true };
  // Between tokens (or right after a `.` or `(`): an empty word at the cursor.
  const after = within ? before + 1 : before;
  return {
    tokens,
    word: { from: cursor, to: cursor, typed: '', quoted: false },
    before: after,
    wordToken: null,
    cursor,
    inLiteral: false,
  };
}

/** The token of `statement` at `offset` (a hover): the one it is in, else the one it ends. */
export function tokenIndexAt(tokens: EditorToken[], offset: number): number {
  const inside = tokens.findIndex((t) => t.from <= offset && offset < t.to);
  if (inside >= 0) return inside;
  return tokens.findIndex((t) => t.to === offset);
}

function empty(cursor: number): EditorStatement {
  return {
    tokens: [],
    word: { from: cursor, to: cursor, typed: '', quoted: false },
    before: 0,
    wordToken: null,
    cursor,
    inLiteral: false,
  };
}

/** The UTF-16 range of the statement holding `cursor` (psql's split); null in a `\` command. */
function statementRange(sql: string, cursor: number): { from: number; to: number } | null {
  let previousEnd = 0;
  for (const step of new PsqlScript(sql).steps()) {
    if (step.kind === 'meta') {
      if (cursor >= step.start && cursor <= step.end) return null;
    } else if (!step.terminated || cursor < step.end) {
      return { from: Math.min(previousEnd, cursor), to: step.terminated ? step.end : sql.length };
    }
    previousEnd = step.end;
    if (previousEnd > cursor) break;
  }
  return { from: Math.min(previousEnd, cursor), to: sql.length };
}

function tryScan(text: string): Token[] | null {
  if (text.trim() === '') return [];
  try {
    return scanTokens(text);
  } catch {
    return null;
  }
}

/** The scanner's tokens (UTF-8 byte offsets) as editor tokens (UTF-16, from `base`). */
function toEditorTokens(
  text: string,
  raw: Token[],
  base: number,
  comments: [number, number][],
): EditorToken[] {
  const out: EditorToken[] = [];
  let unit = 0;
  let byte = 0;
  const toUnit = (target: number): number => {
    while (byte < target && unit < text.length) {
      const code = text.codePointAt(unit)!;
      byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      unit += code >= 0x10000 ? 2 : 1;
    }
    return unit;
  };
  for (const t of raw) {
    const from = toUnit(t.start);
    const to = toUnit(t.end);
    if (t.name === 'SQL_COMMENT' || t.name === 'C_COMMENT') {
      comments.push([base + from, base + to]);
      continue;
    }
    const slice = text.slice(from, to);
    out.push(classify(slice, t, base + from, base + to));
  }
  return out;
}

function classify(text: string, t: Token, from: number, to: number): EditorToken {
  if (t.name === 'IDENT') {
    const quoted = text.startsWith('"') || /^u&"/i.test(text);
    const value = quoted
      ? text.slice(text.indexOf('"') + 1, -1).replaceAll('""', '"')
      : text.toLowerCase();
    return { from, to, text, type: 'name', word: quoted ? '' : text.toUpperCase(), value, quoted };
  }
  if (t.keyword > 0) {
    const word = text.toUpperCase();
    const type = t.keyword === 4 ? 'keyword' : 'name';
    return { from, to, text, type, word, value: text.toLowerCase(), quoted: false };
  }
  const type = PUNCT.has(text) ? 'punct' : 'other';
  return { from, to, text, type, word: '', value: '', quoted: false };
}
