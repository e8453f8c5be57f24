import type { PoolSession } from '../connections/pool-session';
import { endTransaction } from '../connections/session-reset';

/**
 * Leaves a pool's session as the next user expects it, whatever the run did: an open or
 * failed transaction is rolled back, and `DISCARD ALL` resets everything a statement can
 * leave behind — settings (also a function's `set_config`), role and session
 * authorization, temporary tables, advisory locks, prepared statements, LISTEN. Settings
 * sent at login are the session's defaults, so they survive it. Behind a transaction
 * pooler `DISCARD ALL` would reach any server connection: there each statement's state
 * was reset before its transaction ended (pooler-statement.ts), and an open transaction
 * is reset as it is rolled back.
 */
export async function cleanUp(session: PoolSession): Promise<void> {
  try {
    await endTransaction(session, false);
    if (session.localSettings === null) await session.query('DISCARD ALL');
  } catch {
    // A session that cannot be cleaned is closed by its failure; it reconnects fresh.
  }
}
