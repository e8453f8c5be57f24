import type { ConnectionPool } from '../connections/connection-pool';
import { runError } from '../connections/pool-errors';
import { TuskError } from '../errors/errors';
import { isPostgresError } from '../errors/postgres-errors';
import { SAMPLE_TIMEOUT_MS } from './sampler';

/** A signal to a backend: its function and the words for it. */
const SIGNALS = {
  cancel: { fn: 'pg_cancel_backend', verb: 'cancel the query of' },
  terminate: { fn: 'pg_terminate_backend', verb: 'terminate' },
} as const;

/**
 * `pg_cancel_backend(pid)` or `pg_terminate_backend(pid)`, sent on a session of its own
 * (never a tab's; the pool's may all be busy), ended afterwards. Behind a transaction
 * pooler the pid is a server backend's, as the sampler showed it.
 * @throws TuskError `validation` `SIGNAL_REFUSED` when the role may not (42501), its hint
 *   naming what is needed from the server's own words: SUPERUSER for a superuser's
 *   backend, `pg_signal_autovacuum_worker` for an autovacuum worker (18), otherwise
 *   `pg_signal_backend` or membership in the backend's role;
 *   `NO_SUCH_BACKEND` when the server says no backend has that pid.
 */
export async function signalBackend(
  pool: ConnectionPool,
  pid: number,
  kind: keyof typeof SIGNALS,
): Promise<{ signalled: boolean }> {
  const { fn, verb } = SIGNALS[kind];
  const session = pool.ownSession(SAMPLE_TIMEOUT_MS);
  let signalled: boolean;
  try {
    const rows = await session.query<{ signalled: boolean }>(`SELECT ${fn}($1::int) AS signalled`, [
      pid,
    ]);
    signalled = rows[0]?.signalled === true;
  } catch (error) {
    if (isPostgresError(error) && error.code === '42501') throw refusal(error, pid, verb, pool);
    throw runError(error, undefined, pool.closed, pool.target);
  } finally {
    await session.end(1);
  }
  if (!signalled) {
    throw new TuskError('validation', `No backend has pid ${pid}: it has ended`, {
      code: 'NO_SUCH_BACKEND',
      hint: 'Refresh the activity: the session is gone (or the pid names no client backend).',
    });
  }
  return { signalled };
}

function refusal(
  error: { message: string; detail?: string },
  pid: number,
  verb: string,
  pool: ConnectionPool,
): TuskError {
  const said = `${error.message} ${error.detail ?? ''}`;
  const role = pool.server.user;
  const hint = /superuser/i.test(said)
    ? `pid ${pid} belongs to a superuser: only a role with the SUPERUSER attribute may ${verb} it (pg_signal_backend is not enough).`
    : /pg_signal_autovacuum_worker/.test(said)
      ? `pid ${pid} is an autovacuum worker: it needs a role with the privileges of pg_signal_autovacuum_worker (GRANT pg_signal_autovacuum_worker TO ${role}).`
      : `pid ${pid} belongs to another role: it needs the privileges of pg_signal_backend (GRANT pg_signal_backend TO ${role}) or of that role.`;
  return new TuskError('validation', `Role ${role} may not ${verb} pid ${pid}`, {
    code: 'SIGNAL_REFUSED',
    sqlState: '42501',
    ...(error.detail ? { detail: `${error.message}: ${error.detail}` } : { detail: error.message }),
    hint,
  });
}
