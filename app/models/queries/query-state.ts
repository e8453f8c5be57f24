import type { TransactionState } from '../connections/pool-session';
import type { ErrorInfo } from '../errors/error-info';
import type { QueryRun, QueryStatus } from './query-run';
import type { StatementOutcome } from './statement-run';

/** Where a query stands, for `queries.status` (and after a reconnect). */
export interface QueryState {
  queryId: string;
  connectionId: string;
  status: QueryStatus;
  startedAt: string;
  elapsedMs: number;
  rowCount: number;
  truncated: boolean;
  command: string | null;
  /** Memory the results hold now, bytes. */
  memoryBytes: number;
  /** The session's transaction state after the run (or so far). */
  transaction: TransactionState;
  /** Outcomes of the statements run so far. */
  results: StatementOutcome[];
  error?: ErrorInfo;
}

/** Where `run` stands now (its elapsed time counted to this moment while it runs). */
export function stateOf(run: QueryRun): QueryState {
  return {
    queryId: run.id,
    connectionId: run.connectionId,
    status: run.status,
    startedAt: run.startedAt,
    elapsedMs: run.elapsedNow(),
    rowCount: run.rowCount,
    truncated: run.truncated,
    command: run.command,
    memoryBytes: run.bytes,
    transaction: run.transaction,
    results: run.outcomes,
    ...(run.error ? { error: run.error } : {}),
  };
}
