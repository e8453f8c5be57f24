import type { PoolSession } from '../connections/pool-session';
import type { ErrorInfo } from '../errors/error-info';
import { isTuskError, TuskError } from '../errors/errors';
import { fromPostgresError, isPostgresError } from '../errors/postgres-errors';
import type { EditSource } from '../queries/query-service';
import type { PlannedStatement } from './edit-statements';

/** The longest key value a conflict message quotes (characters). */
const KEY_TEXT_MAX = 60;

/**
 * The error of a statement that touched `count` rows instead of one: nothing was applied.
 * Names the row by its number and key values ("Row 12 (id = 5) was changed or deleted…").
 */
export function conflictError(
  source: EditSource,
  statement: PlannedStatement,
  count: number,
): TuskError {
  const edit = {
    change: statement.change,
    ...(statement.row === undefined ? {} : { row: statement.row }),
  };
  const hint =
    'Nothing was applied. Run the query again to read the rows as they are now, then edit again.';
  if (statement.row === undefined) {
    return new TuskError(
      'database',
      `The new row of change ${statement.change + 1} was not inserted (a trigger or rule skipped it); nothing was applied`,
      { code: 'EDIT_CONFLICT', detail: `The INSERT touched ${count} rows, not one.`, hint, edit },
    );
  }
  const key = source.target.editable?.key ?? [];
  const named = key
    .map(
      (column) =>
        `${source.columns[column]?.name ?? column} = ${shown(source.set.cell(statement.row!, column))}`,
    )
    .join(', ');
  const what = statement.op === 'delete' ? 'DELETE' : 'UPDATE';
  return new TuskError(
    'database',
    `Row ${statement.row + 1} (${named}) was changed or deleted by another session since it was read; nothing was applied`,
    {
      code: 'EDIT_CONFLICT',
      detail: `The ${what} of change ${statement.change + 1} matched ${count} rows: its key and the values read no longer match one row.`,
      hint,
      edit,
    },
  );
}

function shown(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  return value.length > KEY_TEXT_MAX ? `${value.slice(0, KEY_TEXT_MAX)}…` : value;
}

/**
 * The error a statement of an apply failed with, naming its change and row, and the result
 * column whose value the server refused when it can be told: the column a NOT NULL
 * violation names, else (a bad value: class 22, or a domain's CHECK) the first new value
 * of the change that its column's type refuses (`SELECT $1::type`, run on `session` after
 * the rollback, inside a savepoint when `inTransaction`). Anything else but a server
 * error passes as it is (a TuskError) or as the connection's loss.
 */
export async function statementError(
  error: unknown,
  statement: PlannedStatement,
  source: EditSource,
  check: { session: PoolSession; inTransaction: boolean } | null,
): Promise<TuskError> {
  const edit: NonNullable<ErrorInfo['edit']> = {
    change: statement.change,
    ...(statement.row === undefined ? {} : { row: statement.row }),
  };
  if (!isPostgresError(error)) {
    if (isTuskError(error)) return error;
    return new TuskError('connection', 'The edits could not be applied: the connection was lost', {
      detail: (error as Error).message,
      hint: 'Nothing was committed. Reconnect, run the query again, then edit again.',
      edit,
      cause: error,
    });
  }
  const mapped = fromPostgresError(error, { statement: true });
  let column: number | undefined;
  const code = error.code ?? '';
  if (code === '23502' && error.column_name) {
    column = statement.values.find((v) => v.facts.name === error.column_name)?.column;
    column ??= source.set.columns.findIndex(
      (c) => source.target.facts?.columns.get(c.number)?.name === error.column_name,
    );
    if (column < 0) column = undefined;
  } else if ((code.startsWith('22') || code === '23514') && check) {
    column = await refusedColumn(statement, code, check.session, check.inTransaction);
  }
  return new TuskError(mapped.kind, mapped.message, {
    ...(mapped.detail ? { detail: mapped.detail } : {}),
    ...(mapped.hint ? { hint: mapped.hint } : {}),
    ...(mapped.code ? { code: mapped.code } : {}),
    ...(mapped.sqlState ? { sqlState: mapped.sqlState } : {}),
    ...(mapped.server ? { server: mapped.server } : {}),
    edit: { ...edit, ...(column === undefined ? {} : { column }) },
    cause: error,
  });
}

/**
 * The first new value of `statement` its column's type refuses: `SELECT $1::type` fails,
 * or (a value too long, 22001/22026) the type's modifier would cut it. Undefined when
 * none does (the refusal was elsewhere: a table's CHECK, a trigger).
 */
async function refusedColumn(
  statement: PlannedStatement,
  code: string,
  session: PoolSession,
  inTransaction: boolean,
): Promise<number | undefined> {
  const cutCodes = code === '22001' || code === '22026';
  for (const { column, value, facts } of statement.values) {
    if (value === null) continue;
    const sql = `SELECT ($1::${facts.type})::text IS DISTINCT FROM ($2::${facts.fullType})::text AS cut`;
    try {
      if (inTransaction) await session.query('SAVEPOINT tusk_edits_check');
      const rows = await session
        .statement(sql, [value, value], { textParams: true })
        .rows<{ cut: boolean }>();
      if (inTransaction) await session.query('RELEASE SAVEPOINT tusk_edits_check');
      if (cutCodes && rows[0]?.cut === true) return column;
    } catch (error) {
      if (!isPostgresError(error)) return undefined;
      if (inTransaction) {
        await session
          .query('ROLLBACK TO SAVEPOINT tusk_edits_check; RELEASE SAVEPOINT tusk_edits_check')
          .catch(() => undefined);
      }
      return column;
    }
  }
  return undefined;
}

/**
 * The error of the apply's own `BEGIN`/`SAVEPOINT` (`begin`) or `COMMIT` (`commit`: a
 * deferred constraint): nothing was applied.
 */
export function unitError(error: unknown, at: 'begin' | 'commit'): TuskError {
  if (isTuskError(error)) return error;
  if (!isPostgresError(error)) {
    return new TuskError('connection', 'The edits could not be applied: the connection was lost', {
      detail: (error as Error).message,
      hint:
        at === 'commit'
          ? 'Whether they were committed is not known: run the query again to see the rows as they are.'
          : 'Nothing was applied. Reconnect, then apply again.',
      cause: error,
    });
  }
  const mapped = fromPostgresError(error, { statement: true });
  return new TuskError(mapped.kind, mapped.message, {
    ...(mapped.detail ? { detail: mapped.detail } : {}),
    hint:
      at === 'commit' ? 'Nothing was applied (the COMMIT was refused).' : 'Nothing was applied.',
    ...(mapped.code ? { code: mapped.code } : {}),
    ...(mapped.server ? { server: mapped.server } : {}),
    cause: error,
  });
}
