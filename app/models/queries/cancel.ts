import type { ConnectionPool } from '../connections/connection-pool';
import type { DriverStatement } from '../driver/driver-statement';
import { getLogger } from '../logging/logging';

const log = getLogger('cancel');

/** When the CancelRequest has not stopped the query: pg_cancel_backend from another session. */
export const CANCEL_BACKEND_AFTER_MS = 800;
/** When that has not stopped it either: pg_terminate_backend (the session is replaced). */
export const TERMINATE_AFTER_MS = 1500;
/**
 * When even that has not ended it (a dead network), it is reported cancelled all the same;
 * and a CancelRequest whose connection has not closed by then may still land later.
 */
export const GIVE_UP_AFTER_MS = 1900;

/** What {@link escalateCancel} stops. */
export interface CancelTarget {
  pool: ConnectionPool;
  statement: DriverStatement;
  /** Called at {@link GIVE_UP_AFTER_MS} if the query has still not ended. */
  onGiveUp(): void;
}

/** How a cancel ended, for the session it was sent to. */
export interface CancelOutcome {
  /**
   * True when nothing sent for this cancel can reach the session's backend any more: the
   * CancelRequest's connection closed (the server has signalled the backend, or never
   * will), or the backend was terminated. False when a request is still on its way: the
   * session must not run anything else (it would be cancelled instead).
   */
  safe: boolean;
}

/**
 * Stops a running query, every time: the protocol's CancelRequest at once (postgres.js
 * sends it on a new connection, through the SSH tunnel when there is one: see
 * DriverStatement.cancel); if the query
 * still runs at 0.8 s (the request was lost, or the backend ignores signals while it
 * waits on the network), `pg_cancel_backend(pid)` from a fresh session; at 1.5 s
 * `pg_terminate_backend(pid)` — closing only our socket would leave the backend running
 * and holding its locks until its next write — after which postgres.js opens a new
 * session on next use. Resolves when every step it took has landed: the CancelRequest's
 * connection closed (`DriverStatement.cancel()` resolves then; the server closes it
 * once it has signalled the backend, and a backend that waits for its next command
 * ignores the signal), the functions returned. A request still on its way after
 * {@link GIVE_UP_AFTER_MS} gives `safe: false`. Never rejects. Servers behind PgBouncer
 * skip the pid steps (its keys name no backend).
 */
export async function escalateCancel(target: CancelTarget): Promise<CancelOutcome> {
  const { pool, statement } = target;
  let ended = false;
  let landed = false;
  let terminated = false;
  // This statement's end (not its run's: a script goes on to its next statement).
  const done = statement.ended();
  void done.then(() => (ended = true));
  // A request that could not be sent (refused, reset) can never land later either.
  const request = Promise.race([
    statement.cancel().then(
      () => (landed = true),
      () => (landed = true),
    ),
    new Promise((resolve) => setTimeout(resolve, GIVE_UP_AFTER_MS).unref()),
  ]);
  const steps: Promise<unknown>[] = [request];
  const pid = statement.pid;
  const after = (ms: number, step: () => Promise<unknown> | void) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (!ended) steps.push(Promise.resolve(step()).catch(() => undefined));
        resolve();
      }, ms).unref();
      void done.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const backendStep = (fn: 'pg_cancel_backend' | 'pg_terminate_backend') => () => {
    if (!pid || pool.transactionPooler) return;
    log.info(`query on backend ${pid} still running: ${fn}`);
    return pool
      .admin((session) => session.query(`SELECT ${fn}($1)`, [pid]))
      .then(() => {
        if (fn === 'pg_terminate_backend') terminated = true;
      });
  };
  await Promise.all([
    after(CANCEL_BACKEND_AFTER_MS, backendStep('pg_cancel_backend')),
    after(TERMINATE_AFTER_MS, backendStep('pg_terminate_backend')),
    after(GIVE_UP_AFTER_MS, () => target.onGiveUp()),
  ]);
  await Promise.allSettled(steps);
  if (!landed && !terminated) log.warn('a CancelRequest did not land in time: session discarded');
  return { safe: landed || terminated };
}

/** `statement_timeout` as SHOW gives it ('0', '300ms', '30s', '5min', '1h', '1d'), in ms. */
export function timeoutMs(shown: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$/.exec(shown);
  if (!match) return 0;
  const unit = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms']!;
  return Number(match[1]) * unit;
}
