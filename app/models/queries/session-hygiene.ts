import type { PoolSession } from '../connections/pool-session';
import { isPostgresError } from '../errors/postgres-errors';
import type { SqlStatement } from '../sql/split';

/**
 * After a cancel: one round trip that a late cancel signal would hit instead of the next
 * user's query. The server ignores a cancel that reaches an idle backend, and the steps of
 * a cancel have all landed before this runs; measured all the same, under load, once in
 * about a thousand cycles a signal still hit the next query. A 57014 here is that signal:
 * it is absorbed and the probe runs again.
 */
export async function absorbLateCancel(session: PoolSession): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await session.sql.unsafe('SELECT 1');
      return;
    } catch (error) {
      if (!isPostgresError(error) || error.code !== '57014') return;
    }
  }
}

/**
 * Leaves a pool's session as the next user expects it: an open or failed transaction is
 * rolled back, and after statements that can leave state behind (SET, SET ROLE, a
 * temporary table, LISTEN, PREPARE…: anything but plain queries and DML) `DISCARD ALL`
 * resets it. Settings sent at login are the session's defaults, so they survive it.
 */
export async function cleanUp(session: PoolSession, statements: SqlStatement[]): Promise<void> {
  try {
    if (session.transaction !== 'idle') await session.sql.unsafe('ROLLBACK');
    if (statements.some((s) => s.kind !== 'select' && s.kind !== 'dml')) {
      await session.sql.unsafe('DISCARD ALL');
    }
  } catch {
    // A session that cannot be cleaned is closed by its failure; it reconnects fresh.
  }
}
