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
import { parameterCount } from './params';
import { parseStatements } from './pg-parser';
import { PsqlScript, type ScriptSql } from './psql-script';
import { badCondition, CodePoints, parseBool, standardStrings } from './script-text';
import { turnsReadOnlyOff } from './read-only';
import { dangerOf, type Danger } from './danger';
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
  /** The parameters it needs: its highest `$n` (see params.ts); absent when none. */
  params?: number;
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
  /** It changes every row of a table: an UPDATE or DELETE without WHERE, or TRUNCATE. */
  danger?: Danger;
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
  /** Sent by `\gset` (this prefix): its one row's columns become variables. */
  gset?: string;
  /** A psql command in a `\if` branch not taken (listed for the editor only). */
  inactive?: true;
}

/** psql commands Tusk carries out itself (`\g`, `\gx` and `\gset` send the statement before them). */
export const SUPPORTED_META = new Set([
  'set',
  'unset',
  'echo',
  'qecho',
  'warn',
  'g',
  'gx',
  'gset',
  'if',
  'elif',
  'else',
  'endif',
]);

/** Commands that only matter to psql's own session and are skipped (pg_dump writes them). */
const IGNORED_META = new Set(['restrict', 'unrestrict']);

/**
 * A psql command Tusk does not carry out, as a comparison with psql handles it: send the
 * statement before it, discard it, stop the script, or nothing (it may set `vars`).
 */
export type OtherMeta = (
  command: string,
  args: string[],
  vars: Map<string, string>,
) => 'send' | 'discard' | 'stop' | undefined;

/** A `\if` branch's state (psql's ifState). */
type Branch = 'true' | 'false' | 'ignored' | 'else-true' | 'else-false';

/**
 * Splits a script into statements as psql does (see psql-script.ts: its lexer's rules,
 * line by line, `\;` groups, backslash commands, `:name` variables set by `\set`, COPY
 * data up to `\.`), then reads each statement with PostgreSQL's own parser for its kind,
 * whether it writes, and whether Tusk refuses it. A statement the parser rejects is sent
 * all the same (marked `broken`) for the server's own error. psql commands are statements
 * of kind `psql`: those Tusk carries out carry `meta`, the others a refusal. Statements in
 * a `\if` branch not taken are left out (psql never sends them); the commands there are
 * listed, marked `inactive`. The parser must be loaded (`loadParser`). Never throws.
 */
export function splitSql(sql: string): SqlStatement[] {
  return [...new ScriptStatements(sql, { includeInactive: true })];
}

/**
 * The statements of a script, lexed as they are asked for, as psql's main loop reads it:
 * `\set`/`\unset` change {@link vars} for the lines after them, `\if`/`\elif`/`\else`/
 * `\endif` choose the branches run (statements of a branch not taken are skipped; with
 * `includeInactive` its commands are listed, marked `inactive`), `\gset` marks the statement it sends (the
 * runner sets the variables from its row), `standard_conforming_strings` is read per line.
 */
export class ScriptStatements implements Iterable<SqlStatement> {
  /** psql's variables, as set so far (`\set`, `\gset`). */
  readonly vars: Map<string, string>;
  readonly #sql: string;
  readonly #includeInactive: boolean;
  readonly #stdStrings: (() => boolean) | undefined;
  readonly #copyAsked: boolean;
  readonly #otherMeta: OtherMeta | undefined;
  readonly #branches: { state: Branch; saved: { length: number; parenDepth: number } }[] = [];
  #script: PsqlScript | null = null;
  /** The last `SET standard_conforming_strings` seen, for a split without a session. */
  #stdSeen = true;

  constructor(
    sql: string,
    options: {
      includeInactive?: boolean;
      stdStrings?: () => boolean;
      vars?: Map<string, string>;
      /** COPY data left for the consumer to take ({@link takeCopyData}) once the server asks. */
      copyAsked?: boolean;
      /** What to do with a psql command Tusk does not carry out (else: refused). */
      otherMeta?: OtherMeta;
    } = {},
  ) {
    this.#sql = sql;
    this.#includeInactive = options.includeInactive ?? false;
    this.#stdStrings = options.stdStrings;
    this.vars = options.vars ?? new Map();
    this.#copyAsked = options.copyAsked ?? false;
    this.#otherMeta = options.otherMeta;
  }

  /**
   * With `copyAsked`: the data lines after the COPY statement just yielded, taken now (as
   * psql takes them once the server asked for them; left for SQL otherwise).
   */
  takeCopyData(): string {
    return this.#script?.takeCopyData().text ?? '';
  }

  /** True outside `\if` branches not taken. */
  get active(): boolean {
    const top = this.#branches.at(-1)?.state;
    return top === undefined || top === 'true' || top === 'else-true';
  }

  *[Symbol.iterator](): Iterator<SqlStatement> {
    const points = new CodePoints(this.#sql);
    const script = new PsqlScript(this.#sql, {
      stdStrings: () => this.#stdStrings?.() ?? this.#stdSeen,
      // Variables are not expanded in a branch not taken, nor statements sent (as psql).
      variable: (name) => (this.active ? this.vars.get(name) : undefined),
      active: () => this.active,
    });
    this.#script = script;
    const read = (step: ScriptSql, gset?: string): SqlStatement => {
      const statement = readStatement(step, points);
      if (gset !== undefined) statement.gset = gset;
      if (statement.copyIn && !this.#copyAsked) {
        // COPY … FROM STDIN: its data lines follow (psql reads them); they are not SQL.
        const data = script.takeCopyData();
        statement.copyData = data.text;
        statement.end = points.at(data.end);
      }
      const std = standardStrings(statement.text);
      if (std !== undefined) this.#stdSeen = std;
      return statement;
    };
    for (const step of script.steps()) {
      if (step.kind === 'sql') {
        yield read(step);
        continue;
      }
      if (IGNORED_META.has(step.command)) continue;
      const other = SUPPORTED_META.has(step.command) || !this.active ? undefined : this.#otherMeta;
      if (other) {
        const action = other(step.command, step.args, this.vars);
        if (action === 'stop') return;
        if (action === 'discard') script.sendBuffer();
        const sent = action === 'send' ? script.sendBuffer() : null;
        const statement = sent && read(sent);
        if (statement) yield statement;
        continue;
      }
      const wasActive = this.active;
      const problem = this.#meta(step.command, step.args, script);
      const meta: SqlStatement = {
        start: points.at(step.start),
        end: points.at(step.end),
        text: step.text,
        kind: 'psql',
        writes: false,
        meta: { command: step.command, args: step.args },
      };
      if (!SUPPORTED_META.has(step.command)) meta.refusal = metaCommandRefusal(step.text);
      else if (problem)
        meta.refusal = { message: problem, hint: 'Fix the \\if block, then run again.' };
      const sends = ['g', 'gx', 'gset'].includes(step.command);
      if (!wasActive && !['if', 'elif', 'else', 'endif'].includes(step.command)) {
        if (this.#includeInactive) yield { ...meta, inactive: true };
        continue;
      }
      if (sends) {
        const sent = script.sendBuffer();
        const statement =
          sent && read(sent, step.command === 'gset' ? (step.args[0] ?? '') : undefined);
        if (statement) yield statement;
      }
      yield meta;
    }
    if (this.#branches.length > 0) {
      const end = points.at(this.#sql.length);
      yield {
        start: end,
        end,
        text: '',
        kind: 'psql',
        writes: false,
        refusal: {
          message: 'The script ended inside a \\if block',
          hint: 'Close it with \\endif.',
        },
      };
    }
  }

  /** Carries out `\set`, `\unset` and the `\if` family; returns a problem in words, if any. */
  #meta(command: string, args: string[], script: PsqlScript): string | undefined {
    const active = this.active;
    const top = this.#branches.at(-1)?.state;
    const set = (state: Branch) => (this.#branches.at(-1)!.state = state);
    // What a branch not taken added to the query buffer is dropped (psql's discard_query_text).
    const discard = () => script.restoreBuffer(this.#branches.at(-1)!.saved);
    const save = () => (this.#branches.at(-1)!.saved = script.saveBuffer());
    switch (command) {
      case 'set':
        if (active && args[0]) this.vars.set(args[0], args.slice(1).join(''));
        return undefined;
      case 'unset':
        if (active && args[0]) this.vars.delete(args[0]);
        return undefined;
      case 'if': {
        const value = active ? parseBool(args.join(' ')) : undefined;
        this.#branches.push({
          state: !active ? 'ignored' : value === true ? 'true' : 'false',
          saved: script.saveBuffer(),
        });
        return active && value === undefined ? badCondition(args, 'if') : undefined;
      }
      case 'elif': {
        if (top === undefined) return '\\elif has no matching \\if';
        if (top === 'else-true' || top === 'else-false') return '\\elif after \\else';
        if (top === 'true') {
          save();
          set('ignored');
          return undefined;
        }
        discard();
        if (top === 'ignored') return undefined;
        const value = parseBool(args.join(' '));
        set(value === true ? 'true' : 'false');
        return value === undefined ? badCondition(args, 'elif') : undefined;
      }
      case 'else':
        if (top === undefined) return '\\else has no matching \\if';
        if (top === 'else-true' || top === 'else-false') return '\\else after \\else';
        if (top === 'true') save();
        else discard();
        set(top === 'false' ? 'else-true' : 'else-false');
        return undefined;
      case 'endif':
        if (top === undefined) return '\\endif has no matching \\if';
        if (top !== 'true' && top !== 'else-true') discard();
        this.#branches.pop();
        return undefined;
      default:
        return undefined;
    }
  }
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
    const params = parameterCount(step.text, null);
    if (params > 0) statement.params = params;
    return statement;
  }
  const params = parameterCount(step.text, nodes);
  if (params > 0) statement.params = params;
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
  const danger = nodes.map(dangerOf).find((d) => d !== null);
  if (danger) statement.danger = danger;
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
