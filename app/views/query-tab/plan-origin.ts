import type { PlanOrigin } from '../data/plans-store';
import type { StatementOutcome, TabRun } from '../data/runs-store';

/**
 * The plan a result of `run` holds, when it holds one: the result of Tusk's own explain,
 * or a user's own `EXPLAIN` (its command tag; the backend checks its one column is
 * "QUERY PLAN"), once it ended. Null for any other result.
 */
export function planOrigin(run: TabRun, outcome: StatementOutcome): PlanOrigin | null {
  const { queryId, tabId } = run;
  if (!queryId || !tabId || !outcome.hasRows) return null;
  if (!run.results.some((r) => r.index === outcome.index)) return null;
  const result = outcome.index;
  if (run.explain) {
    if (result !== 0 || run.status !== 'completed') return null;
    const { sql, analyze } = run.explain;
    return { tabId, queryId, result, sql, analyze, kind: analyze ? 'Explain Analyze' : 'Explain' };
  }
  if (outcome.command !== 'EXPLAIN') return null;
  const sql = run.results.length === 1 ? (run.sql ?? '') : '';
  return { tabId, queryId, result, sql, analyze: false, kind: 'EXPLAIN' };
}
