import type { ExplainOptions, PlanReply } from '../../common/plan-shapes';
import type { LiveConnections } from '../connections/live-connections';
import type { ErrorInfo } from '../errors/error-info';
import { TuskError } from '../errors/errors';
import type { QueryService } from '../queries/query-service';
import { loadParser } from '../sql/pg-parser';
import { explainSql } from './explain-sql';
import { rollbackWrap } from './explain-wrap';
import { planStats } from './plan-stats';
import { readPlan } from './plan-read';
import { otherFormat } from './plan-formats';

/** What `queries.explain` asks. */
export interface ExplainRequest {
  connectionId: string;
  /** One statement (the one under the editor's cursor). */
  sql: string;
  tabId?: string;
  params?: (string | null)[];
  analyze: boolean;
  options: ExplainOptions;
}

/** The type OID of `json`: EXPLAIN (FORMAT JSON) says its column is one. */
const JSON_OID = 114;

/**
 * `queries.explain` and `queries.plan`: Tusk's own EXPLAIN (FORMAT JSON) of one statement,
 * run as any query is (its events, its cancel, the tab's session or the pool, the history),
 * ANALYZE inside a transaction or savepoint that is rolled back ({@link rollbackWrap}); and
 * the plan of any EXPLAIN's result — Tusk's or one the user ran — read with its times
 * computed and its findings.
 */
export class ExplainService {
  readonly #live: LiveConnections;
  readonly #queries: QueryService;

  constructor(options: { live: LiveConnections; queries: QueryService }) {
    this.#live = options.live;
    this.#queries = options.queries;
  }

  /**
   * Starts the EXPLAIN of `request.sql` and returns its id at once (then the `query.*`
   * events). An error's position is told in `request.sql`, not in the EXPLAIN around it.
   * @throws TuskError `validation` `NOT_EXPLAINABLE` / `EXPLAIN_OPTION_REFUSED`; as
   *   `queries.execute` (connection not open, tab busy or lost).
   */
  async explain(request: ExplainRequest): Promise<{ queryId: string; waitingFor?: 'cancel' }> {
    await loadParser();
    const pool = this.#live.pool(request.connectionId);
    const serverVersion = pool ? versionNumber(pool.server.serverVersion) : 0;
    const text = explainSql(request.sql, { ...request, serverVersion });
    return this.#queries.execute({
      connectionId: request.connectionId,
      sql: text.sql,
      ...(request.params ? { params: request.params } : {}),
      ...(request.tabId ? { tabId: request.tabId } : {}),
      ...(request.analyze ? { wrap: rollbackWrap() } : {}),
      ending: (run) => {
        if (run.error) run.error = movedBack(run.error, text.prefix);
      },
    });
  }

  /**
   * The plan of result `index` (the first by default) of query `queryId`: an EXPLAIN's
   * output. FORMAT JSON gives nodes, times and findings; another format its text alone.
   * @throws TuskError `validation`: no such query or result, `RESULT_NOT_COMPLETE` while it
   *   runs, `NOT_A_PLAN` when the result is not an EXPLAIN's.
   */
  async plan(queryId: string, index?: number): Promise<PlanReply> {
    const held = this.#queries.rawResult(queryId, index);
    if (held.fetching) {
      throw new TuskError('validation', 'The EXPLAIN is still running', {
        code: 'RESULT_NOT_COMPLETE',
        hint: 'Ask for its plan once it completed (query.completed).',
      });
    }
    const { set } = held;
    const [column] = set.columns;
    if (set.columns.length !== 1 || column?.name !== 'QUERY PLAN' || set.rowCount === 0) {
      throw new TuskError('validation', 'This result is not the output of an EXPLAIN', {
        code: 'NOT_A_PLAN',
        hint: 'A plan comes from EXPLAIN: one column named QUERY PLAN.',
      });
    }
    if (column.type === JSON_OID) {
      return readPlan(set.text(0, 0) ?? '', planStats(this.#live, held.connectionId));
    }
    const lines: string[] = [];
    for (let row = 0; row < set.rowCount; row += 1) lines.push(set.text(row, 0) ?? '');
    return otherFormat(lines.join('\n'));
  }
}

/** `server_version` ("15.4", "18beta1", "16.2 (Debian …)") as `server_version_num`. */
export function versionNumber(version: string): number {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) return 0;
  const major = Number(match[1]);
  return major >= 10 ? major * 10000 + Number(match[2] ?? 0) : major * 10000;
}

/** `error` with its place moved back by the `prefix` characters put before the user's text. */
function movedBack(error: ErrorInfo, prefix: number): ErrorInfo {
  const moved = { ...error };
  if (moved.position !== undefined) moved.position = Math.max(1, moved.position - prefix);
  if (moved.line === 1 && moved.column !== undefined) {
    moved.column = Math.max(1, moved.column - prefix);
  }
  return moved;
}
