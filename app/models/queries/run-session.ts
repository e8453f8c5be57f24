import type { ConnectionPool } from '../connections/connection-pool';
import type { TabLease } from '../sessions/tab-sessions';
import { untilReady, type SessionLease } from './run-context';

/**
 * How a run gets its session: the tab's own (`tab`, leased when the run was asked for),
 * once the previous run's cancel has landed (`waited` is called then, so the views learn
 * that it starts), else a session leased from the connection's `pool`. A `signal` that
 * aborts first gives up the wait (the tab's turn left, the pool's queue left).
 */
export function sessionFor(
  pool: ConnectionPool,
  tab: TabLease | null,
  waited: () => void,
): (signal: AbortSignal) => Promise<SessionLease> {
  return async (signal) => {
    if (tab) {
      await untilReady(tab.ready, signal, () => tab.leave());
      // A run that waited for a cancel to land says when it starts.
      if (tab.waitingFor) waited();
      return {
        session: tab.session,
        keepsState: true,
        release: tab.release,
        discard: tab.discard,
        cancelling: tab.cancelling,
      };
    }
    const lease = await pool.lease(signal);
    return {
      session: lease.session,
      keepsState: false,
      release: lease.release,
      discard: lease.discard,
    };
  };
}
