import { getLogger } from '../logging/logging';
import { redactSqlSecrets } from '../sql/secrets';
import type { HistoryRepository } from '../storage/history-repository';
import type { ColumnTypeCaches } from './column-types';
import type { QueryRun } from './query-run';

const log = getLogger('queries');

/** Where a run's report goes. */
export interface RunReportTargets {
  /** The connections' column-type caches (cleared after DDL). */
  columnTypes: ColumnTypeCaches;
  history: HistoryRepository;
  /** Pushes an event to every view. */
  emit(event: string, payload: unknown): void;
}

/**
 * The report of a run that reached its terminal status: the connection's column-type
 * cache cleared when DDL ran, one of `query.completed`, `query.cancelled` or `query.failed`
 * pushed to the views, and the run recorded in the history (its secrets cut; a failure to
 * record is logged, never thrown).
 */
export function reportFinished(run: QueryRun, targets: RunReportTargets): void {
  // DDL that ran makes what was learnt of the connection's catalog stale.
  const ran = new Set(run.outcomes.map((o) => o.index));
  if (run.statements.some((s, i) => s.kind === 'ddl' && ran.has(i))) {
    targets.columnTypes.clear(run.connectionId);
  }
  const base = {
    queryId: run.id,
    elapsedMs: run.elapsedMs,
    transaction: run.transaction,
    results: run.outcomes,
  };
  if (run.status === 'completed') {
    targets.emit('query.completed', {
      ...base,
      rowCount: run.rowCount,
      truncated: run.truncated,
      command: run.command,
    });
  } else if (run.status === 'cancelled') {
    targets.emit('query.cancelled', base);
  } else {
    targets.emit('query.failed', { ...base, error: run.error });
  }
  void targets.history
    .add({
      connectionId: run.connectionId,
      sql: redactSqlSecrets(run.sql).slice(0, 1_000_000),
      startedAt: run.startedAt,
      durationMs: run.elapsedMs,
      rowCount: run.status === 'completed' ? run.rowCount : null,
      outcome:
        run.status === 'completed'
          ? 'ok'
          : run.status === 'failed'
            ? 'error'
            : run.status === 'timeout'
              ? 'timeout'
              : 'cancelled',
      sqlstate: run.error?.code && /^[0-9A-Z]{5}$/.test(run.error.code) ? run.error.code : null,
    })
    .catch((error: unknown) => log.warn(`history not recorded: ${(error as Error).message}`));
}
