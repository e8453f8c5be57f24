import type { PoolSession } from './pool-session';

/**
 * What `DISCARD ALL` does, in the commands a transaction block allows: the session's state
 * — settings (also those set by functions: `set_config`), role and session
 * authorization, prepared statements, LISTEN, session advisory locks, temporary tables,
 * sequence state, cursors — reset on the server connection a transaction pooler lent,
 * before that connection goes back to the pooler's other clients.
 */
export const RESET_STATE =
  'CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; UNLISTEN *; ' +
  'SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES';

/**
 * Ends the session's open or failed transaction: COMMIT when `commit` and it is open, else
 * ROLLBACK. Behind a transaction pooler the session's state is reset in the same message
 * (one ReadyForQuery, so the pooler cannot lend the server connection in between): before
 * a COMMIT, after a ROLLBACK — session advisory locks and prepared statements outlive a
 * rollback. Nothing happens when the session is idle.
 * @throws the driver's error when the server refuses (a deferred constraint at COMMIT).
 */
export async function endTransaction(session: PoolSession, commit: boolean): Promise<void> {
  if (session.transaction === 'idle') return;
  const keep = commit && session.transaction === 'open';
  if (session.localSettings === null) {
    await session.query(keep ? 'COMMIT' : 'ROLLBACK');
    return;
  }
  // One simple-protocol message (no parameters): one ReadyForQuery for all of it.
  await session.query(keep ? `${RESET_STATE}; COMMIT` : `ROLLBACK; ${RESET_STATE}`);
}
