import type { ExplainOptions } from '../../common/plan-shapes';
import { TuskError } from '../errors/errors';
import { parseStatements } from '../sql/pg-parser';
import { splitSql } from '../sql/split';

/** Statements EXPLAIN takes (by their parse tree's node). */
const EXPLAINABLE = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'ExecuteStmt',
  'DeclareCursorStmt',
  'CreateTableAsStmt',
]);

/** What {@link explainSql} makes: the EXPLAIN to run and what it runs. */
export interface ExplainText {
  /** `EXPLAIN (…, FORMAT JSON) <statement>` on one line before the statement's own. */
  sql: string;
  /**
   * Characters (all on the first line) put before the text asked for: an error's position,
   * and its column on the first line, are moved back by it.
   */
  prefix: number;
  /** The statement, trimmed of its `;`. */
  statement: string;
  /** The parse tree says it writes (DML, `SELECT … INTO`, a data-modifying WITH). */
  writes: boolean;
}

/**
 * The EXPLAIN Tusk runs for `sql` (one statement; PostgreSQL's parser loaded): ANALYZE
 * when asked, BUFFERS with it unless turned off, the other options as asked, FORMAT JSON.
 * `serverVersion` is `server_version_num` (GENERIC_PLAN needs 160000).
 * @throws TuskError `validation` `NOT_EXPLAINABLE` (no statement, several, a kind EXPLAIN
 *   does not take, already an EXPLAIN) or `EXPLAIN_OPTION_REFUSED`.
 */
export function explainSql(
  sql: string,
  request: { analyze: boolean; options: ExplainOptions; serverVersion: number },
): ExplainText {
  const all = splitSql(sql);
  const statements = all.filter((s) => !s.meta);
  if (statements.length !== 1) {
    throw notExplainable(
      statements.length === 0
        ? 'There is no statement to explain'
        : `EXPLAIN takes one statement; this text has ${statements.length}`,
      'Put the cursor in the statement to explain, or select it alone.',
    );
  }
  const [one] = statements as [(typeof statements)[number]];
  // What comes before it (white space, comments) is kept, so an error's line is the text's.
  const text = (all.length === 1 ? Array.from(sql).slice(0, one.start).join('') : '') + one.text;
  // A broken one is sent all the same: the server's syntax error says where.
  if (one.broken) return build(text, request, one.writes);
  const node = Object.keys(parseStatements(one.text)[0]?.stmt ?? {})[0] ?? '';
  if (node === 'ExplainStmt') {
    throw notExplainable(
      'This statement is already an EXPLAIN',
      'Run it (Ctrl+Enter): its plan is shown as a plan when it was FORMAT JSON, else as text.',
    );
  }
  if (!EXPLAINABLE.has(node)) {
    throw notExplainable(
      `EXPLAIN shows no plan for ${one.kind === 'ddl' ? 'DDL' : 'this kind of statement'}`,
      'EXPLAIN takes SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE and CREATE TABLE AS.',
    );
  }
  return build(text, request, one.writes);
}

function build(
  text: string,
  request: { analyze: boolean; options: ExplainOptions; serverVersion: number },
  writes: boolean,
): ExplainText {
  const { analyze, options, serverVersion } = request;
  if (options.genericPlan && analyze) {
    throw optionRefused(
      'GENERIC_PLAN cannot be combined with ANALYZE',
      'Explain without ANALYZE, or give the parameters values.',
    );
  }
  if (options.genericPlan && serverVersion < 160000) {
    throw optionRefused(
      'GENERIC_PLAN needs PostgreSQL 16 or later',
      'Give the parameters ($1…) values instead: Tusk asks for them.',
    );
  }
  if (options.wal && !analyze) {
    throw optionRefused('WAL needs ANALYZE', 'Use Explain Analyze, or turn WAL off.');
  }
  const list: string[] = [];
  if (analyze) list.push('ANALYZE');
  if (options.verbose) list.push('VERBOSE');
  if (options.buffers ?? analyze) list.push('BUFFERS');
  else if (serverVersion >= 180000 && analyze) list.push('BUFFERS OFF');
  if (options.settings) list.push('SETTINGS');
  if (options.wal) list.push('WAL');
  if (options.genericPlan) list.push('GENERIC_PLAN');
  list.push('FORMAT JSON');
  const statement = text.replace(/;\s*$/, '');
  const head = `EXPLAIN (${list.join(', ')}) `;
  return { sql: head + statement, prefix: head.length, statement, writes };
}

function notExplainable(message: string, hint: string): TuskError {
  return new TuskError('validation', message, { hint, code: 'NOT_EXPLAINABLE' });
}

function optionRefused(message: string, hint: string): TuskError {
  return new TuskError('validation', message, { hint, code: 'EXPLAIN_OPTION_REFUSED' });
}
