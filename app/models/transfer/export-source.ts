/**
 * What an export reads, decided when it is asked for (so a bad source is refused in
 * `export.start`'s reply): a statement to re-run (only one that reads), or a held result's
 * rows (a statement that writes is never re-run).
 */
import { qualifiedName } from '../../common/identifiers';
import { TuskError } from '../errors/errors';
import type { ResultColumn } from '../queries/column-types';
import type { QueryService } from '../queries/query-service';
import type { ResultSet } from '../queries/result-set';
import { loadParser } from '../sql/pg-parser';
import { splitSql, type SqlStatement } from '../sql/split';
import type { ExportSource } from './transfer-types';

/** A statement re-run for the export, or rows a result holds. */
export type ExportPlan =
  | {
      kind: 'statement';
      sql: string;
      params: readonly unknown[];
      /** A SELECT (VALUES, TABLE, WITH … SELECT): read through a cursor. */
      cursor: boolean;
      tabId?: string;
      /** The table of a `{table}` source. */
      table?: { schema: string; name: string };
    }
  | { kind: 'held'; set: ResultSet; columns: ResultColumn[]; warning?: string };

/** The warning of a writing statement's truncated result. */
export const TRUNCATED_WARNING =
  'Only the rows the result held were exported: its statement writes, so it was not run again, and the memory budget had cut its result.';

/**
 * The plan of `source`. A `{queryId}` result that holds every row exports those rows;
 * one that was truncated is re-run when its statement only reads, else its rows are
 * exported with {@link TRUNCATED_WARNING}.
 * @throws TuskError `validation` for a script of several statements, one Tusk does not
 *   send, one that writes, one that returns no rows; the no-such-query and freed errors
 *   of a held result; `RESULT_NOT_COMPLETE` while it still fetches.
 */
export async function planSource(
  source: ExportSource,
  queries: Pick<QueryService, 'heldResult'>,
): Promise<ExportPlan> {
  if ('table' in source) {
    const { schema, name } = source.table;
    return {
      kind: 'statement',
      sql: `SELECT * FROM ${qualifiedName(schema, name)}`,
      params: [],
      cursor: true,
      table: { schema, name },
    };
  }
  if ('sql' in source) {
    const statement = await oneStatement(source.sql);
    refuseWriting(statement);
    return {
      kind: 'statement',
      sql: statement.text,
      params: source.params ?? [],
      cursor: statement.kind === 'select',
      ...(source.tabId ? { tabId: source.tabId } : {}),
    };
  }
  const held = await queries.heldResult(source.queryId, source.result);
  if (!held.truncated && !held.fetching) {
    return { kind: 'held', set: held.set, columns: held.columns };
  }
  const statement = held.statement;
  const reads = statement && !statement.writes && !statement.refusal && !statement.grouped;
  if (reads && statement.kind !== 'transaction') {
    return {
      kind: 'statement',
      sql: statement.text,
      params: held.params,
      cursor: statement.kind === 'select',
    };
  }
  if (held.fetching) {
    throw new TuskError('validation', 'The result is still fetching', {
      code: 'RESULT_NOT_COMPLETE',
      hint: 'Wait for the query to finish, then export its result.',
    });
  }
  return { kind: 'held', set: held.set, columns: held.columns, warning: TRUNCATED_WARNING };
}

async function oneStatement(sql: string): Promise<SqlStatement> {
  await loadParser();
  const statements = splitSql(sql).filter((s) => !s.meta && !s.inactive);
  if (statements.length !== 1) {
    throw new TuskError(
      'validation',
      statements.length === 0
        ? 'There is no statement to export'
        : `An export runs one statement; this text holds ${statements.length}`,
      { hint: 'Put the cursor on the statement whose rows to export, or select it alone.' },
    );
  }
  const statement = statements[0]!;
  if (statement.refusal) {
    throw new TuskError('validation', statement.refusal.message, {
      hint: statement.refusal.hint,
    });
  }
  return statement;
}

function refuseWriting(statement: SqlStatement): void {
  if (statement.writes || statement.kind === 'dml' || statement.kind === 'ddl') {
    throw new TuskError('validation', 'This statement writes: an export does not run it', {
      hint: 'Run it in the editor, then export its result (the rows it returned), or export a SELECT.',
    });
  }
  if (statement.kind === 'transaction') {
    throw new TuskError('validation', 'This statement returns no rows to export', {
      hint: 'Export a SELECT, a table, or a result.',
    });
  }
}
