import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import type { ResultBudget } from './result-budget';

/** A session to run on: a pool's (cleaned after the run) or a tab's own (kept as it is). */
export interface SessionLease {
  session: PoolSession;
  /** True for a tab's session: its transaction and settings carry over to its next run. */
  keepsState: boolean;
  release(): void;
  /** Gives it back closed: a cancel sent to it may still arrive (a tab's is then lost). */
  discard(): void;
  /** A cancel was sent for the run holding it (a tab may queue its next run meanwhile). */
  cancelling?(): void;
}

/** What a run (`R`) reports while it goes and when it ends. */
export interface RunEventsOf<R> {
  progress(run: R): void;
  /** Called once, when the run reached its terminal status. */
  finished(run: R): void;
}

/** What a run needs: where its session comes from, the budget, the row cap, its events. */
export interface RunContextOf<R> {
  pool: ConnectionPool;
  acquire(signal: AbortSignal): Promise<SessionLease>;
  budget: ResultBudget;
  /** Stop after this many rows of one result (0: no cap). */
  rowCap: number;
  events: RunEventsOf<R>;
}
