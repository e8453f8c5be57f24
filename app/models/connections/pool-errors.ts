import { TuskError } from '../errors/errors';
import { fromNetworkError } from '../errors/network-errors';
import { fromPostgresError, isPostgresError } from '../errors/postgres-errors';

/** The error of any operation on a pool that was closed. */
export function closedError(): TuskError {
  return new TuskError('connection', 'This connection is closed', { hint: 'Connect again.' });
}

/**
 * What a pool's `run` throws for a failure of its work: a server error as a TuskError
 * (with line/column when `sqlText` is given), `closedError` when the pool closed while
 * the query was on its way, a lost connection with stage and hint.
 */
export function runError(
  error: unknown,
  sqlText: string | undefined,
  closed: boolean,
  target: { host: string; port: number },
): unknown {
  if (isPostgresError(error)) {
    // A 57014 once close() began is close()'s own cancel, not a statement timeout.
    return fromPostgresError(error, {
      ...(sqlText === undefined ? {} : { sql: sqlText }),
      cancelRequested: closed,
    });
  }
  // close() began while this query was on its way: it never ran.
  if (closed) return closedError();
  // A lost connection that could not be opened again (server down, network gone).
  return fromNetworkError(error, target) ?? error;
}
