import type { PoolSession } from '../connections/pool-session';
import { endTransaction } from '../connections/session-reset';
import type { RunWrap } from '../queries/query-service';

/** The savepoint EXPLAIN ANALYZE runs under inside the user's own transaction. */
const SAVEPOINT = 'tusk_explain_analyze';

/**
 * What EXPLAIN ANALYZE runs in, so whatever the statement wrote is undone (a data-modifying
 * WITH, a function called by a SELECT, the DELETE itself): a transaction rolled back after
 * it — or, when the session already has the user's transaction open, a savepoint rolled
 * back to and released, so the user's earlier work stays and the transaction stays open.
 * A failed transaction gets nothing (the server refuses the EXPLAIN and says so).
 * Sequences advanced and effects outside the database (dblink, files, NOTIFY is undone)
 * are not undone: the views say so.
 */
export function rollbackWrap(): RunWrap {
  let opened: 'transaction' | 'savepoint' | null = null;
  return {
    async open(session: PoolSession) {
      if (session.transaction === 'idle') {
        await session.query('BEGIN');
        opened = 'transaction';
      } else if (session.transaction === 'open') {
        await session.query(`SAVEPOINT ${SAVEPOINT}`);
        opened = 'savepoint';
      }
    },
    async close(session: PoolSession) {
      try {
        if (!session.up) return;
        if (opened === 'transaction') await endTransaction(session, false);
        else if (opened === 'savepoint') {
          await session.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}`);
        }
      } catch {
        // A session that could not roll back is closed: its transaction ends uncommitted.
        await session.discard();
      } finally {
        opened = null;
      }
    },
  };
}
