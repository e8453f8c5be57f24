import type { ConnectionPool } from '../connections/connection-pool';
import type { PoolSession } from '../connections/pool-session';
import type { ErrorInfo } from '../errors/error-info';
import { isTuskError, TuskError } from '../errors/errors';
import { fromNetworkError } from '../errors/network-errors';
import { fromPostgresError, isPostgresError } from '../errors/postgres-errors';
import { withoutSecrets } from '../sql/secrets';
import type { SqlStatement } from '../sql/split';
import { timeoutMs } from './cancel';

/** Where a statement failed: what a user needs to see the error in place. */
export interface FailedStatement {
  statement: SqlStatement;
  /** The whole script (the position is given in it). */
  sql: string;
  session: PoolSession;
  pool: ConnectionPool;
  /** How long the statement ran, ms. */
  statementMs: number;
}

/**
 * The error a statement failed with, for the views: a server error positioned in the
 * whole script when the server gave a position (else it names the statement's start and
 * line, never a made-up column), with everything else the server said; a 57014 Tusk did
 * not ask for told as a timeout only when the statement ran as long as the statement
 * timeout in force, else as a cancel nobody here sent; a network error with its stage.
 * Never rejects.
 */
export async function statementError(error: unknown, at: FailedStatement): Promise<TuskError> {
  const { statement, pool, statementMs } = at;
  if (isPostgresError(error)) {
    // The server counts from the statement's start; the views want the whole script's.
    if (error.position) error.position = String(statement.start + Number(error.position));
    const timeout = error.code === '57014' ? await statementTimeout(at.session) : 0;
    return fromPostgresError(error, {
      sql: at.sql,
      statement: true,
      statementStart: statement.start + 1,
      elapsedMs: statementMs,
      standby: pool.server.standby,
      ...(error.code === '57014'
        ? { notOurCancel: !(timeout > 0 && statementMs >= timeout * 0.98) }
        : {}),
    });
  }
  if (isTuskError(error)) return error;
  return (
    fromNetworkError(error, pool.target) ??
    new TuskError('connection', `The query could not finish: ${(error as Error).message}`, {
      hint: 'Check the connection, then run it again.',
      cause: error,
    })
  );
}

/**
 * `error` as the views get it (anything not a TuskError is an internal error), with
 * `secrets` (the failing statement's: a syntax error quotes them) cut from its message,
 * detail and hint.
 */
export function errorInfoOf(error: unknown, secrets: readonly string[]): ErrorInfo {
  const info = (
    isTuskError(error)
      ? error
      : new TuskError(
          'internal',
          `The query could not run: ${(error as Error)?.message ?? String(error)}`,
          { hint: 'Run it again; if it keeps happening, report it with the log.', cause: error },
        )
  ).toErrorInfo();
  if (secrets.length === 0) return info;
  for (const key of ['message', 'detail', 'hint'] as const) {
    const text = info[key];
    if (text !== undefined) info[key] = withoutSecrets(text, secrets);
  }
  return info;
}

/** The run stopped because a cancel could not be shown to have landed. */
export function cancelNotLanded(): TuskError {
  return new TuskError('connection', 'A cancel did not reach the server in time', {
    hint: 'The session was closed so that the cancel cannot stop another statement. Run the rest again.',
  });
}

/**
 * The statement timeout in force on `session`, ms (0: none): as the server shows it when
 * the session can answer (idle, not behind a pooler, where SET LOCAL holds it), else the
 * one it was opened with. Never rejects.
 */
async function statementTimeout(session: PoolSession): Promise<number> {
  if (session.transaction !== 'idle' || session.localSettings || !session.up) {
    return session.statementTimeoutMs;
  }
  try {
    const [row] = await session.query<{ statement_timeout: string }>('SHOW statement_timeout');
    return timeoutMs(row?.statement_timeout ?? '0');
  } catch {
    return session.statementTimeoutMs;
  }
}
