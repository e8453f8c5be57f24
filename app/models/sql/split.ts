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
import { parseStatements } from './pg-parser';
import { PsqlScript, type ScriptSql } from './psql-script';
import { turnsReadOnlyOff } from './read-only';
import { changesClientEncoding } from './encoding';

/** One statement of a script. Offsets are code points of the script, `end` exclusive. */
export interface SqlStatement {
  start: number;
  end: number;
  /** The statement's text as psql would send it (with its `;` when it had one). */
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
  /** Several statements joined by `\;`: sent as one simple query. */
  grouped?: true;
  /** `COPY … FROM STDIN`: its data follows in the script ({@link copyData}). */
  copyIn?: true;
  /** The data lines of a `COPY … FROM STDIN`, each with its newline, up to `\.`. */
  copyData?: string;
  /** A psql command: its name (no backslash) and arguments. */
  meta?: { command: string; args: string[] };
}

/** psql commands Tusk carries out itself (`\g` and `\gx` send the statement before them). */
export const SUPPORTED_META = new Set(['set', 'unset', 'echo', 'qecho', 'warn', 'g', 'gx']);

/** Commands that only matter to psql's own session and are skipped (pg_dump writes them). */
const IGNORED_META = new Set(['restrict', 'unrestrict']);

/**
 * Splits a script into statements as psql does (see psql-script.ts: its lexer's rules,
 * line by line, `\;` groups, backslash commands, `:name` variables set by `\set`, COPY
 * data up to `\.`), then reads each statement with PostgreSQL's own parser for its kind,
 * whether it writes, and whether Tusk refuses it. A statement the parser rejects is sent
 * all the same (marked `broken`) for the server's own error. psql commands are statements
 * of kind `psql`: those Tusk carries out carry `meta`, the others a refusal. The parser
 * must be loaded (`loadParser`). Never throws.
 */
export function splitSql(sql: string): SqlStatement[] {
  const points = new CodePoints(sql);
  const vars = new Map<string, string>();
  let stdStrings = true;
  const script = new PsqlScript(sql, {
    stdStrings: () => stdStrings,
    variable: (name) => vars.get(name),
  });
  const statements: SqlStatement[] = [];
  const add = (step: ScriptSql) => {
    const statement = readStatement(step, points);
    statements.push(statement);
    if (statement.copyIn) {
      // COPY … FROM STDIN: its data lines follow (psql reads them); they are not SQL.
      const data = script.takeCopyData();
      statement.copyData = data.text;
      statement.end = points.at(data.end);
    }
    const std = standardStrings(statement.text);
    if (std !== undefined) stdStrings = std;
  };
  for (const step of script.steps()) {
    if (step.kind === 'sql') {
      add(step);
      continue;
    }
    if (step.command === 'set' && step.args[0]) vars.set(step.args[0], step.args.slice(1).join(''));
    if (step.command === 'unset' && step.args[0]) vars.delete(step.args[0]);
    if (step.command === 'g' || step.command === 'gx') {
      const sent = script.sendBuffer();
      if (sent) add(sent);
    }
    if (IGNORED_META.has(step.command)) continue;
    statements.push({
      start: points.at(step.start),
      end: points.at(step.end),
      text: step.text,
      kind: 'psql',
      writes: false,
      meta: { command: step.command, args: step.args },
      ...(SUPPORTED_META.has(step.command) ? {} : { refusal: metaCommandRefusal(step.text) }),
    });
  }
  return statements;
}

/** A statement psql would send, read with PostgreSQL's parser. */
function readStatement(step: ScriptSql, points: CodePoints): SqlStatement {
  const statement: SqlStatement = {
    start: points.at(step.start),
    end: points.at(step.end),
    text: step.text,
    kind: 'unknown',
    writes: false,
  };
  let nodes: Record<string, unknown>[];
  try {
    nodes = parseStatements(step.text).map((s) => s.stmt);
  } catch {
    statement.broken = true;
    return statement;
  }
  const node = nodes[0];
  if (!node) return statement;
  // `\;` joined several: sent together as one simple query (psql 15 does the same).
  if (nodes.length > 1) statement.grouped = true;
  statement.kind = kindOf(node);
  statement.writes = nodes.some(writes);
  if (nodes.some(outsideTransactionOnly)) statement.outsideTransaction = true;
  if (nodes.some(commits)) statement.commits = true;
  if (nodes.some(endsTransaction)) statement.ends = true;
  if (nodes.some(leavesSessionState)) statement.sessionState = true;
  if (nodes.some(turnsReadOnlyOff)) statement.readWrite = true;
  if (nodes.some(changesClientEncoding)) statement.encoding = true;
  const refusal = nodes.map(refusalOf).find((r) => r !== null);
  if (refusal) statement.refusal = refusal;
  if (nodes.some(copiesFromClient)) statement.copyIn = true;
  return statement;
}

/** `COPY … FROM STDIN`: the client sends the rows. */
function copiesFromClient(node: Record<string, unknown>): boolean {
  const copy = node['CopyStmt'] as
    { is_from?: boolean; filename?: string; is_program?: boolean } | undefined;
  return copy?.is_from === true && copy.filename === undefined && !copy.is_program;
}

/** The value a `SET standard_conforming_strings` gives, if `text` is one. */
function standardStrings(text: string): boolean | undefined {
  const set =
    /^\s*SET\s+(?:SESSION\s+|LOCAL\s+)?standard_conforming_strings\s*(?:=|TO)\s*'?(\w+)'?/i.exec(
      text,
    );
  if (!set) return undefined;
  return /^(on|true|yes|1)$/i.test(set[1]!);
}

/**
 * UTF-16 offsets of a text to code points (the backend's unit), asked in increasing
 * order (linear over the text); an offset asked out of order is counted again.
 */
class CodePoints {
  readonly #text: string;
  #unit = 0;
  #point = 0;

  constructor(text: string) {
    this.#text = text;
  }

  at(unit: number): number {
    if (unit < this.#unit) {
      this.#unit = 0;
      this.#point = 0;
    }
    while (this.#unit < unit && this.#unit < this.#text.length) {
      const code = this.#text.charCodeAt(this.#unit);
      this.#unit += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      this.#point += 1;
    }
    return this.#point;
  }
}
