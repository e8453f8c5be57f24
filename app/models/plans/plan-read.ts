import type { PlanReply } from '../../common/plan-shapes';
import { TuskError } from '../errors/errors';

/** A relation a finding may name: as the plan names it (`Schema` only with VERBOSE). */
export interface PlanRelation {
  schema?: string;
  name: string;
}

/** What the catalog says of a relation's statistics (for the misestimate finding). */
export interface RelationStats {
  /** `schema.name` as the catalog resolved it. */
  qualified: string;
  lastAnalyze: string | null;
  lastAutoanalyze: string | null;
  /** Rows changed since the last analyze (`n_mod_since_analyze`). */
  modifiedSinceAnalyze: number | null;
}

/**
 * Looks relations up in the catalog (one query for all of them); a relation not found is
 * left out of the map, keyed `schema.name` when the plan gave the schema, else `name`.
 */
export type StatsLookup = (relations: PlanRelation[]) => Promise<Map<string, RelationStats>>;

/**
 * The reply of `queries.plan` for the text of an `EXPLAIN (FORMAT JSON)` result: the nodes
 * flat in pre-order with their computed exclusive and inclusive times (PEV2's rules:
 * workers under a Gather, InitPlans and SubPlans in their parent, a CTE's time counted in
 * the CTE Scan reading it too), the totals, triggers, JIT and settings, the findings (the
 * catalog asked through `stats` only for relations a finding names) and the text rendering
 * psql would show.
 * @throws TuskError `validation` `NOT_A_PLAN` when `json` is not an EXPLAIN's JSON.
 */
export function readPlan(json: string, stats: StatsLookup): Promise<PlanReply> {
  void json;
  void stats;
  return Promise.reject(
    new TuskError('internal', 'Reading plans is not built yet', { code: 'NOT_A_PLAN' }),
  );
}
