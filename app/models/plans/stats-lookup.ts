/** What the findings ask the catalog (`planStats` answers, on a pool session). */

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
