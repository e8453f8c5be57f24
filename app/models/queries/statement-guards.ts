import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import { TuskError } from '../errors/errors';
import { lineColumnAt } from '../errors/query-position';
import { ScriptStatements, splitSql, type SqlStatement } from '../sql/split';
import type { ResultSet } from './result-set';

/** Parameters one statement may have (postgres.js refuses 65,534 and more). */
export const MAX_PARAMS = 65_533;

/**
 * The statements of `sql` to run with `params` (PostgreSQL's parser must be loaded): with
 * parameters, the one statement they go with (split at once, to check); without, the
 * script's statements as psql reads them, lexed as the run asks for them (`\set`, `\if`
 * and `\gset` then act on what comes after them; `'…'` strings are read as the session
 * that `session()` gives reads them, as psql asks it per line).
 * @throws TuskError `validation`: no statement, too many parameters, or parameters with
 *   more than one statement.
 */
export function planStatements(
  sql: string,
  params: readonly unknown[],
  session: () => PoolSession | null,
): StatementPlan {
  if (params.length > MAX_PARAMS) {
    throw new TuskError(
      'validation',
      `This statement has ${params.length} parameters; at most ${MAX_PARAMS} can be sent`,
      { hint: 'Send fewer values: insert in batches, or pass an array as one parameter.' },
    );
  }
  if (params.length === 0) {
    const stdStrings = () => session()?.parameter('standard_conforming_strings') !== 'off';
    return new ScriptStatements(sql, { stdStrings });
  }
  const statements = splitSql(sql);
  if (statements.length === 0) throw noStatement();
  if (statements.length > 1) {
    throw new TuskError(
      'validation',
      `Parameters ($1…) go with one statement; this text has ${statements.length}`,
      { hint: 'Run the statement that uses them on its own.' },
    );
  }
  return statements;
}

/** The statements a run goes through, and psql's variables when it is a script. */
export type StatementPlan = Iterable<SqlStatement> & { vars?: Map<string, string> };

/**
 * After a statement ran: the error to stop the script with, or null — read-only or the
 * client encoding turned off by it (both put back), or a `\gset` without exactly one row
 * (else its variables are set).
 */
export async function stopAfter(
  session: PoolSession,
  statement: SqlStatement,
  set: ResultSet | null,
  vars: Map<string, string> | undefined,
): Promise<TuskError | null> {
  return (
    (await keepReadOnly(session)) ??
    (await keepUtf8(session)) ??
    (statement.gset === undefined ? null : applyGset(set, statement.gset, vars))
  );
}

/** The error of a script with nothing to run. */
export function noStatement(): TuskError {
  return new TuskError('validation', 'There is no statement to run', {
    hint: 'The text holds only comments or white space.',
  });
}

/**
 * After a statement sent by `\gset prefix`: its one row's columns set as psql variables
 * (`prefix` + column name; a NULL unsets the variable); null, or the error to stop the
 * script with when it did not return exactly one row (psql's words).
 */
export function applyGset(
  set: ResultSet | null,
  prefix: string,
  vars: Map<string, string> | undefined,
): TuskError | null {
  const rows = set?.rowCount ?? 0;
  if (rows !== 1) {
    return new TuskError(
      'validation',
      rows === 0 ? 'no rows returned for \\gset' : 'more than one row returned for \\gset',
      { hint: '\\gset sets variables from exactly one row.' },
    );
  }
  set!.columns.forEach((column, c) => {
    const value = set!.text(0, c);
    if (value === null) vars?.delete(`${prefix}${column.name}`);
    else vars?.set(`${prefix}${column.name}`, value);
  });
  return null;
}

/** Why Tusk refuses another client encoding, and that nothing is lost by it. */
const ENCODING_HINT =
  "Leave client_encoding as it is: the server converts your data from the database's encoding to UTF-8 and back for you, whatever the database uses.";

/** What a read-only connection guards against, and what it does not. */
const READ_ONLY_HINT =
  'Turn off "read-only" in the connection\'s settings to write. Read-only guards against accidents; a role without write privileges is what enforces it.';

/**
 * The refusal of a statement Tusk will not send on this connection, positioned in the
 * whole script `sql`, or null: a psql command or COPY to/from the client, a change of
 * client_encoding away from UTF-8, and on a
 * read-only connection a statement that would turn read-only off (`BEGIN READ WRITE`,
 * `SET TRANSACTION READ WRITE`, `set_config('default_transaction_read_only', 'off', …)`…).
 */
export function refusalOf(
  statement: SqlStatement,
  sql: string,
  pool: ConnectionPool,
): TuskError | null {
  const position = statement.start + 1;
  const where = { position, ...lineColumnAt(sql, position) };
  if (statement.refusal) {
    return new TuskError('validation', statement.refusal.message, {
      hint: statement.refusal.hint,
      ...where,
    });
  }
  if (statement.encoding) {
    return new TuskError(
      'validation',
      'Tusk keeps every session in UTF-8: this statement would change client_encoding',
      { code: 'CLIENT_ENCODING', hint: ENCODING_HINT, ...where },
    );
  }
  if (statement.readWrite && pool.server.readOnlySetting) {
    return new TuskError(
      'validation',
      'This connection is read-only: this statement would make the session read-write',
      { code: 'READ_ONLY', hint: READ_ONLY_HINT, ...where },
    );
  }
  return null;
}

/**
 * After a statement: when the server reported a client_encoding other than UTF-8 (a
 * function or computed `set_config` changed it), it is set back to UTF-8 at once (in a
 * failed transaction the ROLLBACK that must follow undoes it) and the error to stop the
 * script with is returned; else null. Never rejects.
 */
export async function keepUtf8(session: PoolSession): Promise<TuskError | null> {
  if (!session.encodingChanged) return null;
  if (session.up && session.transaction !== 'failed') {
    await session.query("SET client_encoding = 'UTF8'").catch(() => undefined);
  }
  return new TuskError(
    'validation',
    'Tusk keeps every session in UTF-8: a statement changed client_encoding, and Tusk set it back',
    {
      code: 'CLIENT_ENCODING',
      detail: 'The statements after it were not run.',
      hint: ENCODING_HINT,
    },
  );
}

/**
 * After a statement on a read-only connection's session: when the server reported
 * `default_transaction_read_only` off (a function or DO block turned it off, which the
 * parse tree cannot show), it is turned back on at once — in a failed transaction the
 * ROLLBACK that must follow undoes it — and the error to stop the script with is
 * returned; else null. Never rejects.
 */
export async function keepReadOnly(session: PoolSession): Promise<TuskError | null> {
  if (!session.readOnlyTurnedOff) return null;
  if (session.up && session.transaction !== 'failed') {
    await session.query('SET default_transaction_read_only = on').catch(() => undefined);
  }
  return new TuskError(
    'validation',
    'This connection is read-only: a statement turned read-only off, and Tusk turned it back on',
    {
      code: 'READ_ONLY',
      detail:
        'The server reported default_transaction_read_only off after it ran; the statements after it were not run.',
      hint: READ_ONLY_HINT,
    },
  );
}
