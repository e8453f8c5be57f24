import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import { TuskError } from '../errors/errors';
import { lineColumnAt } from '../errors/query-position';
import type { SqlStatement } from '../sql/split';

/** What a read-only connection guards against, and what it does not. */
const READ_ONLY_HINT =
  'Turn off "read-only" in the connection\'s settings to write. Read-only guards against accidents; a role without write privileges is what enforces it.';

/**
 * The refusal of a statement Tusk will not send on this connection, positioned in the
 * whole script `sql`, or null: a psql command or COPY to/from the client, and on a
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
 * After a statement on a read-only connection's session: when the server reported
 * `default_transaction_read_only` off (a function or DO block turned it off, which the
 * parse tree cannot show), it is turned back on at once — in a failed transaction the
 * ROLLBACK that must follow undoes it — and the error to stop the script with is
 * returned; else null. Never rejects.
 */
export async function keepReadOnly(session: PoolSession): Promise<TuskError | null> {
  if (!session.readOnlyTurnedOff) return null;
  if (session.up && session.transaction !== 'failed') {
    await session.sql.unsafe('SET default_transaction_read_only = on').catch(() => undefined);
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
