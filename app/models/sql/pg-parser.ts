import * as pgQuery from 'libpg-query';

/**
 * PostgreSQL's own parser and scanner (libpg-query 18, compiled to WebAssembly), loaded
 * once per process (~40 ms) by {@link loadParser}; the sync functions below need it
 * loaded. Offsets it gives are UTF-8 byte offsets.
 */
let loaded: Promise<void> | null = null;

/** Loads the parser (idempotent); resolves when the sync functions can be called. */
export function loadParser(): Promise<void> {
  loaded ??= pgQuery.loadModule();
  return loaded;
}

/** One parsed statement: its node (`{SelectStmt: …}`) and byte range (len 0 = to the end). */
export interface RawStatement {
  stmt: Record<string, unknown>;
  location: number;
  length: number;
}

/** One token of the scanner (comments included), with byte offsets. */
export interface Token {
  start: number;
  end: number;
  text: string;
  name: string;
  /** A keyword's category: 0 none, 1 unreserved, 2 column name, 3 type or function name, 4 reserved. */
  keyword: number;
}

/** Parses a whole text; throws a SyntaxError-like error when any statement is broken. */
export function parseStatements(sql: string): RawStatement[] {
  const result = pgQuery.parseSync(sql) as unknown as {
    stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[];
  };
  return (result.stmts ?? []).map((s) => ({
    stmt: s.stmt,
    location: s.stmt_location ?? 0,
    length: s.stmt_len ?? 0,
  }));
}

/** Scans a text into tokens; throws on what the scanner cannot end (an unterminated quote). */
export function scanTokens(sql: string): Token[] {
  return pgQuery.scanSync(sql).tokens.map((t) => ({
    start: t.start,
    end: t.end,
    text: t.text,
    name: t.tokenName,
    keyword: t.keywordKind,
  }));
}
