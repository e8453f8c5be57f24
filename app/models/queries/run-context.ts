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
  discard(): Promise<void>;
  /** A cancel was sent for the run holding it (a tab may queue its next run meanwhile). */
  cancelling?(): void;
}

/**
 * Statements Tusk runs around a run's own on the same session (EXPLAIN ANALYZE: a
 * transaction or savepoint opened before, rolled back after). A wrapped run reports its end
 * only once {@link close} has run, so its transaction state is the one the user is left with.
 */
export interface RunWrap {
  /** Before the first statement; a failure fails the run (nothing of it was sent). */
  open(session: PoolSession): Promise<void>;
  /** After the last statement, whatever happened, once every cancel landed (never throws). */
  close(session: PoolSession): Promise<void>;
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
  /** Statements around the run's own (see {@link RunWrap}). */
  wrap?: RunWrap;
}

/** Waits for `ready`; when `signal` aborts first, calls `leave` and rejects with its reason. */
export function untilReady(
  ready: Promise<void>,
  signal: AbortSignal,
  leave: () => void,
): Promise<void> {
  if (signal.aborted) {
    leave();
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<void>((resolve, reject) => {
    const abort = () => {
      leave();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', abort, { once: true });
    ready.then(
      () => {
        signal.removeEventListener('abort', abort);
        if (signal.aborted) return;
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error as Error);
      },
    );
  });
}
