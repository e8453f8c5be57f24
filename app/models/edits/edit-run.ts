import type { PoolSession } from '../connections/pool-session';
import { endTransaction } from '../connections/session-reset';
import { TuskError } from '../errors/errors';
import type { EditSource } from '../queries/query-service';
import { ResultSet } from '../queries/result-set';
import { conflictError, statementError, unitError } from './edit-errors';
import type { PlannedStatement } from './edit-statements';
import type { EditApplied, StoredRow } from './edit-types';

/** The savepoint an apply inside the user's own transaction works in. */
const SAVEPOINT = 'tusk_edits';

/**
 * Runs `planned` on `session` (the tab's own, leased) as one unit: inside the user's open
 * transaction in a savepoint (`SAVEPOINT` … `RELEASE`, rolled back to it on failure, so
 * the transaction stays usable and nothing is committed), otherwise in `BEGIN` …
 * `COMMIT` (behind a transaction pooler with the connection's settings as `SET LOCAL`,
 * and its session state reset before the end). Each statement must touch exactly one
 * row, else everything is rolled back and `EDIT_CONFLICT` names the row. The rows that
 * updates and inserts return are read as DataRow bytes and decoded as `queries.page`
 * decodes them (the server's text output, in the result's column order).
 * @throws TuskError `EDIT_CONFLICT`; a server error with `edit` naming the change (and
 *   the column whose value was refused, when it can be told); `validation` when the
 *   tab's transaction failed before (roll it back first).
 */
export async function runEdits(
  session: PoolSession,
  source: EditSource,
  planned: PlannedStatement[],
): Promise<EditApplied> {
  if (session.transaction === 'failed') {
    throw new TuskError('validation', "This tab's transaction failed: the edits cannot run in it", {
      hint: 'Roll it back (run ROLLBACK in the tab), then apply again.',
    });
  }
  const inTransaction = session.transaction === 'open';
  try {
    await begin(session, inTransaction);
  } catch (error) {
    if (!inTransaction) await endTransaction(session, false).catch(() => undefined);
    throw unitError(error, 'begin');
  }
  const returned = new ResultSet(source.set.columns);
  const owners: number[] = [];
  try {
    for (const [index, statement] of planned.entries()) {
      const before = returned.rowCount;
      let result;
      try {
        result = await session
          .statement(statement.sql, statement.params, { textParams: true })
          .run((buffer, start, end) => returned.append(buffer, start, end));
      } catch (error) {
        await rollBack(session, inTransaction).catch(() => undefined);
        throw await statementError(error, statement, source, { session, inTransaction });
      }
      const count = result.count ?? returned.rowCount - before;
      if (count !== 1) {
        await rollBack(session, inTransaction).catch(() => undefined);
        throw conflictError(source, statement, count);
      }
      for (let i = before; i < returned.rowCount; i++) owners.push(index);
    }
    await commit(session, inTransaction);
    return { rows: storedRows(returned, owners, planned), inTransaction };
  } finally {
    returned.free();
    session.settle();
  }
}

function storedRows(set: ResultSet, owners: number[], planned: PlannedStatement[]): StoredRow[] {
  const rows: StoredRow[] = [];
  for (let i = 0; i < set.rowCount; i++) {
    const statement = planned[owners[i]!]!;
    rows.push({
      change: statement.change,
      row: statement.row ?? null,
      values: set.readRow(i, Number.MAX_SAFE_INTEGER, [], i),
    });
  }
  return rows;
}

async function begin(session: PoolSession, inTransaction: boolean): Promise<void> {
  if (inTransaction) {
    if (session.localSettings && !session.localSettingsSent) {
      await session.sendLocalSettings({ begin: false });
    }
    await session.query(`SAVEPOINT ${SAVEPOINT}`);
  } else if (session.localSettings) {
    await session.sendLocalSettings({ begin: true });
  } else {
    await session.query('BEGIN');
  }
}

async function commit(session: PoolSession, inTransaction: boolean): Promise<void> {
  if (inTransaction) {
    await session.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    return;
  }
  try {
    await endTransaction(session, true);
  } catch (error) {
    // A deferred constraint refused at COMMIT: the transaction is gone, nothing applied.
    await endTransaction(session, false).catch(() => undefined);
    throw unitError(error, 'commit');
  }
}

/** Undoes the apply: back to the savepoint (and out of it), or the whole transaction. */
async function rollBack(session: PoolSession, inTransaction: boolean): Promise<void> {
  if (!session.up) return;
  if (inTransaction) {
    await session.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}`);
  } else {
    await endTransaction(session, false);
  }
}
