import type postgres from 'postgres';
import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import { isPostgresError } from '../errors/postgres-errors';
import { getLogger } from '../logging/logging';

const log = getLogger('cancel');

/** When the CancelRequest has not stopped the query: pg_cancel_backend from another session. */
export const CANCEL_BACKEND_AFTER_MS = 800;
/** When that has not stopped it either: pg_terminate_backend (the session is replaced). */
export const TERMINATE_AFTER_MS = 1500;
/** When even that has not ended it (a dead network): report it cancelled all the same. */
export const GIVE_UP_AFTER_MS = 1900;

/** What {@link escalateCancel} stops. */
export interface CancelTarget {
  pool: ConnectionPool;
  query: postgres.PendingQuery<postgres.Row[]>;
  /** The session the query runs on (probed after a cancel; see absorbLateCancel). */
  session: PoolSession;
  /** Called at {@link GIVE_UP_AFTER_MS} if the query has still not ended. */
  onGiveUp(): void;
}

/**
 * Stops a running query, every time: the protocol's CancelRequest at once (postgres.js
 * sends it on a new connection, through the SSH tunnel when there is one); if the query
 * still runs at 0.8 s (the request was lost, or the backend ignores signals while it
 * waits on the network), `pg_cancel_backend(pid)` from a fresh session; at 1.5 s
 * `pg_terminate_backend(pid)` — closing only our socket would leave the backend running
 * and holding its locks until its next write — after which postgres.js opens a new
 * session on next use. Resolves when every step it took has landed (the CancelRequest's
 * connection closed, the function returned), so the session can then safely run the next
 * query: a cancel that arrives while the backend waits for a command is ignored by it —
 * and one probe round trip absorbs a signal that still comes late ({@link absorbLateCancel}).
 * Never rejects. Servers behind PgBouncer skip the pid steps (its keys name no backend).
 */
export async function escalateCancel(target: CancelTarget): Promise<void> {
  const { pool, query } = target;
  let ended = false;
  // This statement's end (not its run's: a script goes on to its next statement).
  const done = Promise.resolve(query).then(
    () => undefined,
    () => undefined,
  );
  void done.then(() => (ended = true));
  // A CancelRequest whose connection is never closed (a proxy that swallows it) must not
  // hold the session forever: the later steps stop the query in that case.
  const request = Promise.race([
    Promise.resolve(query.cancel()).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, GIVE_UP_AFTER_MS).unref()),
  ]);
  const steps: Promise<unknown>[] = [request];
  const pid = (query as unknown as { state?: { pid?: number } }).state?.pid;
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
    return pool.admin((sql) => sql.unsafe(`SELECT ${fn}($1)`, [pid]));
  };
  await Promise.all([
    after(CANCEL_BACKEND_AFTER_MS, backendStep('pg_cancel_backend')),
    after(TERMINATE_AFTER_MS, backendStep('pg_terminate_backend')),
    after(GIVE_UP_AFTER_MS, () => target.onGiveUp()),
  ]);
  await Promise.allSettled(steps);
  await absorbLateCancel(target.session);
}

/**
 * After a cancel: one round trip that a late cancel signal would hit instead of the next
 * query. The server ignores a cancel that reaches an idle backend, and the steps of a
 * cancel have all landed before this runs; measured all the same, under load, once in
 * about a thousand cycles a signal still hit the next query. A 57014 here is that signal:
 * it is absorbed and the probe runs again.
 */
async function absorbLateCancel(session: PoolSession): Promise<void> {
  // A session that was terminated is not brought back here: a lost tab session is the
  // user's to acknowledge.
  if (!session.up) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await session.sql.unsafe('SELECT 1');
      return;
    } catch (error) {
      if (!isPostgresError(error) || error.code !== '57014') return;
    }
  }
}
