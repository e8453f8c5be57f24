/**
 * What `queries.explain` takes and `queries.plan` gives back: the shapes of a query plan
 * as the models compute it and the views draw it (the views compute no times).
 */

/** EXPLAIN's options Tusk offers besides ANALYZE (FORMAT JSON is always Tusk's own). */
export interface ExplainOptions {
  /** `BUFFERS`: on by default with ANALYZE. */
  buffers?: boolean;
  verbose?: boolean;
  settings?: boolean;
  /** `WAL`: only with ANALYZE. */
  wal?: boolean;
  /** `GENERIC_PLAN` (PostgreSQL 16+, never with ANALYZE): a plan for `$1…` left unknown. */
  genericPlan?: boolean;
}

/** The names of {@link ExplainOptions}, in the order EXPLAIN lists them. */
export const EXPLAIN_OPTION_NAMES = [
  'buffers',
  'verbose',
  'settings',
  'wal',
  'genericPlan',
] as const;

/** Buffers of a node (0 when the plan does not say: no BUFFERS, or none touched). */
export interface PlanBuffers {
  sharedHit: number;
  sharedRead: number;
  sharedDirtied: number;
  sharedWritten: number;
  localHit: number;
  localRead: number;
  localDirtied: number;
  localWritten: number;
  tempRead: number;
  tempWritten: number;
  /** Milliseconds spent reading / writing blocks (track_io_timing), null when not timed. */
  ioReadMs: number | null;
  ioWriteMs: number | null;
}

/** Estimated rows against actual rows, off by more than 10× (the factor ≥ 10). */
export interface Misestimate {
  factor: number;
  /** `under`: more rows came than planned; `over`: fewer. */
  direction: 'under' | 'over';
}

/**
 * One node of a plan, flat in pre-order (a parent before its children). Times are
 * milliseconds over all loops (and, under a Gather, as the leader waited for the workers):
 * `inclusiveMs` the node with its children, `exclusiveMs` its own (never negative), `share`
 * its exclusive time over the execution time (0…1). Without ANALYZE the actual figures and
 * times are null.
 */
export interface PlanNode {
  id: number;
  parentId: number | null;
  depth: number;
  /** `Seq Scan`, `Hash Join`, `Aggregate`… as EXPLAIN names it. */
  nodeType: string;
  /** `Outer`, `Inner`, `InitPlan`, `SubPlan`, `Member`… (EXPLAIN's "Parent Relationship"). */
  parentRelationship?: string;
  /** `InitPlan 1`, `SubPlan 2`, `CTE orders`. */
  subplanName?: string;
  /** `Hashed`, `Sorted`, `Plain`, `Mixed` (Aggregate, SetOp). */
  strategy?: string;
  relation?: string;
  schema?: string;
  alias?: string;
  index?: string;
  /** `Inner`, `Left`, `Full`, `Semi`, `Anti`… */
  joinType?: string;
  /** Hash Cond, Merge Cond, Join Filter, Index Cond, Recheck Cond: the one that applies. */
  condition?: string;
  filter?: string;
  rowsRemovedByFilter?: number;
  rowsPlanned: number;
  /** Rows per loop, as EXPLAIN says; null without ANALYZE. */
  rowsActual: number | null;
  loops: number | null;
  misestimate: Misestimate | null;
  startupCost: number;
  totalCost: number;
  inclusiveMs: number | null;
  exclusiveMs: number | null;
  share: number | null;
  /** The costliest node, or one taking at least a quarter of the time: drawn highlighted. */
  costliest: boolean;
  neverExecuted: boolean;
  buffers: PlanBuffers;
  workers?: { planned: number; launched: number | null };
  /** Every field EXPLAIN gave the node (its "Plans" left out), for the details pane. */
  fields: Record<string, unknown>;
}

/** What a finding says of a plan: a hypothesis with its numbers, pointing at a node. */
export const FINDING_KINDS = [
  'seq-scan-filter',
  'sort-spill',
  'hash-spill',
  'nested-loop-seq-scan',
  'misestimate',
  'heap-fetches',
  'function-time',
  'trigger-time',
] as const;

/** One of {@link FINDING_KINDS}. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Why a plan may be slow, pointing at a node (null: the whole plan, e.g. a trigger). */
export interface PlanFinding {
  nodeId: number | null;
  kind: FindingKind;
  /** In words, worded as a hypothesis with its numbers. */
  message: string;
  /** What to try, as SQL when it is one (`CREATE INDEX ON public.t (a)`, `ANALYZE public.t`). */
  suggestion?: string;
}

/** A trigger's time (ANALYZE of a statement that fired it). */
export interface PlanTrigger {
  name: string;
  relation?: string;
  timeMs: number;
  calls: number;
}

/** What `queries.plan` gives back. */
export interface PlanReply {
  /** The EXPLAIN's format: only `json` has nodes; the others are shown as `text`. */
  format: 'json' | 'text' | 'yaml' | 'xml';
  /** The plan was executed (ANALYZE): actual rows and times are known. */
  analyze: boolean;
  nodes: PlanNode[];
  planningMs: number | null;
  executionMs: number | null;
  triggers: PlanTrigger[];
  /** JIT's functions and times (ms), when it ran. */
  jit: {
    functions: number;
    generationMs: number;
    inliningMs: number;
    optimizationMs: number;
    emissionMs: number;
    totalMs: number;
  } | null;
  /** Settings changed from their defaults (the SETTINGS option). */
  settings: Record<string, string> | null;
  findings: PlanFinding[];
  /** The plan as psql shows it (rendered from the JSON: one execution, never two). */
  text: string;
  /** The JSON as the server sent it, without its line breaks and indentation; null for another format. */
  json: string | null;
}
