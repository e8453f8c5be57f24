import type { Misestimate, PlanBuffers, PlanNode } from '../../common/plan-shapes';
import { childrenOf, num, str, type RawNode } from './plan-json';

/** A node flattened, with the JSON object it came from (its children still in `Plans`). */
export interface FlatNode {
  node: PlanNode;
  raw: RawNode;
}

/** Estimates off by more than this factor are misestimates. */
export const MISESTIMATE_FACTOR = 10;

/** The keys naming the condition a node applies, the first present wins. */
const CONDITION_KEYS = [
  'Hash Cond',
  'Merge Cond',
  'Index Cond',
  'Recheck Cond',
  'TID Cond',
  'Join Filter',
];

/**
 * The plan's nodes flat in pre-order (ids from 0, a parent before its children, children
 * in EXPLAIN's order: InitPlans, outer, inner, members, SubPlans), with what the JSON says
 * of each; times are left null here ({@link computeTimes} fills them).
 */
export function flattenPlan(root: RawNode, analyze: boolean): FlatNode[] {
  const flat: FlatNode[] = [];
  const walk = (raw: RawNode, parentId: number | null, depth: number) => {
    const node = readNode(raw, flat.length, parentId, depth, analyze);
    flat.push({ node, raw });
    for (const child of childrenOf(raw)) walk(child, node.id, depth + 1);
  };
  walk(root, null, 0);
  return flat;
}

function readNode(
  raw: RawNode,
  id: number,
  parentId: number | null,
  depth: number,
  analyze: boolean,
): PlanNode {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (key !== 'Plans') fields[key] = value;
  const loops = analyze ? (num(raw, 'Actual Loops') ?? null) : null;
  const rowsActual = analyze ? (num(raw, 'Actual Rows') ?? null) : null;
  const rowsPlanned = num(raw, 'Plan Rows') ?? 0;
  const neverExecuted = loops === 0;
  const condition = CONDITION_KEYS.map((k) => str(raw, k)).find((c) => c !== undefined);
  const relation =
    str(raw, 'Relation Name') ??
    str(raw, 'CTE Name') ??
    str(raw, 'Function Name') ??
    str(raw, 'Tuplestore Name') ??
    str(raw, 'Table Function Name');
  const planned = num(raw, 'Workers Planned');
  const node: PlanNode = {
    id,
    parentId,
    depth,
    nodeType: str(raw, 'Node Type') ?? '',
    rowsPlanned,
    rowsActual,
    loops,
    misestimate:
      rowsActual === null || neverExecuted ? null : misestimateOf(rowsPlanned, rowsActual),
    startupCost: num(raw, 'Startup Cost') ?? 0,
    totalCost: num(raw, 'Total Cost') ?? 0,
    inclusiveMs: null,
    exclusiveMs: null,
    share: null,
    costliest: false,
    neverExecuted,
    buffers: buffersOf(raw),
    fields,
  };
  const optional: [keyof PlanNode, string | number | undefined][] = [
    ['parentRelationship', str(raw, 'Parent Relationship')],
    ['subplanName', str(raw, 'Subplan Name')],
    ['strategy', str(raw, 'Strategy')],
    ['relation', relation],
    ['schema', str(raw, 'Schema')],
    ['alias', str(raw, 'Alias')],
    ['index', str(raw, 'Index Name')],
    ['joinType', str(raw, 'Join Type')],
    ['condition', condition],
    ['filter', str(raw, 'Filter')],
    ['rowsRemovedByFilter', num(raw, 'Rows Removed by Filter')],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) (node as unknown as Record<string, unknown>)[key] = value;
  }
  if (planned !== undefined) {
    node.workers = { planned, launched: num(raw, 'Workers Launched') ?? null };
  }
  return node;
}

/**
 * Planned against actual rows (both per loop) when off by more than
 * {@link MISESTIMATE_FACTOR}; a count under one row counts as one, so 0 against 1 is no
 * misestimate and 0 against 5000 is 5000× over.
 */
export function misestimateOf(planned: number, actual: number): Misestimate | null {
  const p = Math.max(planned, 1);
  const a = Math.max(actual, 1);
  const factor = Math.max(p, a) / Math.min(p, a);
  if (factor <= MISESTIMATE_FACTOR) return null;
  return { factor: Math.round(factor * 10) / 10, direction: a > p ? 'under' : 'over' };
}

function buffersOf(raw: RawNode): PlanBuffers {
  const blocks = (key: string) => num(raw, key) ?? 0;
  const time = (keys: string[]) => {
    const present = keys.map((k) => num(raw, k)).filter((v): v is number => v !== undefined);
    return present.length ? present.reduce((a, b) => a + b, 0) : null;
  };
  return {
    sharedHit: blocks('Shared Hit Blocks'),
    sharedRead: blocks('Shared Read Blocks'),
    sharedDirtied: blocks('Shared Dirtied Blocks'),
    sharedWritten: blocks('Shared Written Blocks'),
    localHit: blocks('Local Hit Blocks'),
    localRead: blocks('Local Read Blocks'),
    localDirtied: blocks('Local Dirtied Blocks'),
    localWritten: blocks('Local Written Blocks'),
    tempRead: blocks('Temp Read Blocks'),
    tempWritten: blocks('Temp Written Blocks'),
    // PostgreSQL ≤ 16 says "I/O Read Time" (shared and local); 17 splits it by kind.
    ioReadMs: time([
      'I/O Read Time',
      'Shared I/O Read Time',
      'Local I/O Read Time',
      'Temp I/O Read Time',
    ]),
    ioWriteMs: time([
      'I/O Write Time',
      'Shared I/O Write Time',
      'Local I/O Write Time',
      'Temp I/O Write Time',
    ]),
  };
}
