import type { PoolSession } from '../connections/pool-session';
import type { SqlStatement } from '../sql/split';

/**
 * Leaves a pool's session as the next user expects it: an open or failed transaction is
 * rolled back, and after statements that can leave state behind (SET, SET ROLE, a
 * temporary table, LISTEN, PREPARE…: anything but plain queries and DML) `DISCARD ALL`
 * resets it. Settings sent at login are the session's defaults, so they survive it.
 * Behind a transaction pooler, `DISCARD ALL` would reach any server connection: there
 * each statement's state was reset before its transaction ended (pooler-statement.ts).
 */
export async function cleanUp(session: PoolSession, statements: SqlStatement[]): Promise<void> {
  try {
    if (session.transaction !== 'idle') await session.sql.unsafe('ROLLBACK');
    const leftState = statements.some((s) => s.kind !== 'select' && s.kind !== 'dml');
    if (leftState && session.localSettings === null) {
      await session.sql.unsafe('DISCARD ALL');
    }
  } catch {
    // A session that cannot be cleaned is closed by its failure; it reconnects fresh.
  }
}
