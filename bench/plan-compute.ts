// Helpers for the plan benchmark (issue 28: a 500-node plan computed and drawn ≤ 200 ms
// after its JSON arrives): the statement whose plan has that many nodes, and the time
// readPlan takes on a plan's JSON (the model's share of the 200 ms; the catalog lookup
// answers at once, so only the computing is timed).
import { readPlan } from '../app/models/plans/plan-read';

/**
 * A `UNION ALL` of `members` SELECTs, each a filtered scan of `generate_series` under a
 * Subquery Scan: its plan has about `members` + 1 nodes (Append and Function Scans),
 * `members * 2` with ANALYZE's Result nodes on some versions.
 */
export function unionAllSql(members = 500): string {
  const parts: string[] = [];
  for (let i = 0; i < members; i += 1) {
    parts.push(`SELECT g + ${i} AS n FROM generate_series(1, 20) g WHERE g % ${(i % 7) + 2} = 0`);
  }
  return parts.join('\nUNION ALL\n');
}

/** What {@link timeReadPlan} measured. */
export interface PlanComputeTiming {
  nodes: number;
  textLines: number;
  findings: number;
  /** The first run (the parser loaded before it). */
  firstMs: number;
  medianMs: number;
  maxMs: number;
}

/** Times `readPlan` on `json` (an EXPLAIN (FORMAT JSON) result's text) `runs` times. */
export async function timeReadPlan(json: string, runs = 20): Promise<PlanComputeTiming> {
  const noStats = () => Promise.resolve(new Map());
  await readPlan(json, noStats); // loads PostgreSQL's parser once, as the backend has
  const times: number[] = [];
  let last = await readPlan(json, noStats);
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    last = await readPlan(json, noStats);
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    nodes: last.nodes.length,
    textLines: last.text.split('\n').length,
    findings: last.findings.length,
    firstMs: times[0]!,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    maxMs: sorted[sorted.length - 1]!,
  };
}
