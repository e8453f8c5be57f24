import type { PlanReply, PlanTrigger } from '../../common/plan-shapes';
import { loadParser } from '../sql/pg-parser';
import { isObject, num, parsePlanJson, str } from './plan-json';
import { flattenPlan } from './plan-nodes';
import { computeTimes } from './plan-times';
import { planFindings } from './plan-findings';
import { planText } from './plan-text';
import type { StatsLookup } from './stats-lookup';

export type { PlanRelation, RelationStats, StatsLookup } from './stats-lookup';

/**
 * The reply of `queries.plan` for the text of an `EXPLAIN (FORMAT JSON)` result: the nodes
 * flat in pre-order with their computed exclusive and inclusive times (PEV2's rules:
 * workers under a Gather, InitPlans and SubPlans in their parent, a CTE's time counted in
 * the CTE Scan reading it too), the totals, triggers, JIT and settings, the findings (the
 * catalog asked through `stats` only for relations a finding names) and the text rendering
 * psql would show.
 * @throws TuskError `validation` `NOT_A_PLAN` when `json` is not an EXPLAIN's JSON.
 */
export async function readPlan(json: string, stats: StatsLookup): Promise<PlanReply> {
  const plan = parsePlanJson(json);
  await loadParser();
  const analyze = num(plan.Plan, 'Actual Loops') !== undefined;
  const executionMs = num(plan.top, 'Execution Time') ?? null;
  const flat = flattenPlan(plan.Plan, analyze);
  if (analyze) computeTimes(flat, executionMs);
  const triggers = triggersOf(plan.top);
  const reply: PlanReply = {
    format: 'json',
    analyze,
    nodes: flat.map((f) => f.node),
    planningMs: num(plan.top, 'Planning Time') ?? null,
    executionMs,
    triggers,
    jit: jitOf(plan.top),
    settings: settingsOf(plan.top),
    findings: [],
    text: planText(plan),
    // Without its line breaks and indentation (a raw line break cannot be inside a JSON
    // string): half the bytes on the socket; the view indents it again to show it.
    json: json.replace(/\n\s*/g, ''),
  };
  reply.findings = await planFindings(reply, flat, stats);
  return reply;
}

function triggersOf(top: Record<string, unknown>): PlanTrigger[] {
  const list = top['Triggers'];
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((t) => {
    const trigger: PlanTrigger = {
      name: str(t, 'Trigger Name') ?? str(t, 'Constraint Name') ?? '',
      timeMs: num(t, 'Time') ?? 0,
      calls: num(t, 'Calls') ?? 0,
    };
    const relation = str(t, 'Relation');
    if (relation !== undefined) trigger.relation = relation;
    return trigger;
  });
}

function jitOf(top: Record<string, unknown>): PlanReply['jit'] {
  const jit = top['JIT'];
  if (!isObject(jit)) return null;
  const timing = isObject(jit['Timing']) ? jit['Timing'] : {};
  // PostgreSQL 17 gives Generation as {Deform, Total}.
  const generation = isObject(timing['Generation'])
    ? (num(timing['Generation'], 'Total') ?? 0)
    : (num(timing, 'Generation') ?? 0);
  return {
    functions: num(jit, 'Functions') ?? 0,
    generationMs: generation,
    inliningMs: num(timing, 'Inlining') ?? 0,
    optimizationMs: num(timing, 'Optimization') ?? 0,
    emissionMs: num(timing, 'Emission') ?? 0,
    totalMs: num(timing, 'Total') ?? 0,
  };
}

function settingsOf(top: Record<string, unknown>): Record<string, string> | null {
  const settings = top['Settings'];
  if (!isObject(settings)) return null;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) out[key] = String(value);
  return out;
}
