import type { PlanNode } from '../../common/plan-shapes';
import { num, str } from './plan-json';
import type { FlatNode } from './plan-nodes';

/** A node taking at least this share of the execution time is drawn as costly. */
export const COSTLY_SHARE = 0.25;

const GATHERS = new Set(['Gather', 'Gather Merge']);

/**
 * Fills each node's inclusive and exclusive times, share and `costliest` (ANALYZE with
 * timing only; otherwise they stay null). The rules:
 * - inclusive = Actual Total Time × Actual Loops, divided under a Gather by the number of
 *   processes that ran its plan (its child's loops per Gather loop: the workers launched
 *   and the leader when it took part), as they ran at the same time;
 * - where a node's children (its InitPlans aside) add up to more than its inclusive time, the
 *   excess is the server's rounding (a per-loop time is printed to 0.001 ms, then multiplied
 *   by the loops: 120,000 loops of 0.0012 ms read as 120 or 240 ms): it is taken from the
 *   children in proportion to their loops (the least precise), then their inclusive times;
 * - exclusive = inclusive minus the children's inclusive, where a CTE (an InitPlan named
 *   `CTE x`) is not taken from the node holding it but from the CTE Scans reading it (in
 *   proportion to their times: its time is inside theirs), and an InitPlan is taken from
 *   the node whose expressions use its value (it runs when first needed, inside that node)
 *   or, when none says so or none can hold it, from the node holding it;
 * - exclusive is never negative, share = exclusive / `executionMs` (the root's inclusive
 *   time without one); costliest = the largest exclusive time and any share ≥ 0.25.
 */
export function computeTimes(flat: FlatNode[], executionMs: number | null): void {
  if (!flat.every((f) => f.node.neverExecuted || num(f.raw, 'Actual Total Time') !== undefined)) {
    return;
  }
  const divisor: number[] = [];
  for (const { node, raw } of flat) {
    const parent = node.parentId === null ? null : flat[node.parentId]!;
    let d = parent ? divisor[parent.node.id]! : 1;
    if (parent && GATHERS.has(parent.node.nodeType) && !isSubplan(node)) {
      d = processes(parent, flat);
    }
    divisor.push(d);
    node.inclusiveMs = node.neverExecuted
      ? 0
      : ((num(raw, 'Actual Total Time') ?? 0) * (node.loops ?? 1)) / d;
  }
  const children = childrenLists(flat);
  for (const { node } of flat) fitChildren(node, children[node.id]!, divisor);
  const exclusive = flat.map(({ node }) => {
    let own = node.inclusiveMs!;
    for (const c of children[node.id]!) {
      if (c.parentRelationship !== 'InitPlan') own -= c.inclusiveMs!;
    }
    return own;
  });
  for (const { node } of flat) {
    if (node.parentRelationship !== 'InitPlan' || !node.inclusiveMs) continue;
    if (node.subplanName?.startsWith('CTE ')) takeCte(node, flat, exclusive);
    else takeInitPlan(node, flat, exclusive);
  }
  const total = executionMs ?? flat[0]!.node.inclusiveMs ?? 0;
  for (const { node } of flat) {
    const ms = Math.max(0, exclusive[node.id]!);
    node.exclusiveMs = round(ms);
    node.inclusiveMs = round(node.inclusiveMs!);
    node.share = total > 0 ? Math.min(1, ms / total) : 0;
  }
  const top = flat.reduce((a, b) => (b.node.exclusiveMs! > a.node.exclusiveMs! ? b : a));
  for (const { node } of flat) {
    node.costliest =
      node.exclusiveMs! > 0 && (node === top.node || (node.share ?? 0) >= COSTLY_SHARE);
  }
}

/**
 * Trims `kids`' inclusive times (InitPlans aside) to fit in `node`'s: the excess is taken
 * in proportion to each one's loops per process (a child's rounding error grows with them),
 * none below zero; what is left (a child with nothing to give) by their inclusive times.
 */
function fitChildren(node: PlanNode, kids: PlanNode[], divisor: number[]): void {
  const fitted = kids.filter((k) => k.parentRelationship !== 'InitPlan' && k.inclusiveMs! > 0);
  let excess = fitted.reduce((a, k) => a + k.inclusiveMs!, 0) - node.inclusiveMs!;
  if (excess <= 1e-9) return;
  const weight = (k: PlanNode) => (k.loops ?? 1) / divisor[k.id]!;
  const weights = fitted.reduce((a, k) => a + weight(k), 0);
  let taken = 0;
  for (const k of fitted) {
    const share = Math.min(k.inclusiveMs!, (excess * weight(k)) / weights);
    k.inclusiveMs! -= share;
    taken += share;
  }
  excess -= taken;
  const left = fitted.reduce((a, k) => a + k.inclusiveMs!, 0);
  if (excess <= 1e-9 || left <= 0) return;
  for (const k of fitted) k.inclusiveMs! -= (excess * k.inclusiveMs!) / left;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function isSubplan(node: PlanNode): boolean {
  return node.parentRelationship === 'InitPlan' || node.parentRelationship === 'SubPlan';
}

/** The processes that ran a Gather's plan: its child's loops per loop of the Gather. */
function processes(gather: FlatNode, flat: FlatNode[]): number {
  const child = flat.find((f) => f.node.parentId === gather.node.id && !isSubplan(f.node));
  const loops = gather.node.loops ?? 0;
  if (!child || loops === 0) return 1;
  return Math.max(1, (child.node.loops ?? 0) / loops);
}

function childrenLists(flat: FlatNode[]): PlanNode[][] {
  const lists: PlanNode[][] = flat.map(() => []);
  for (const { node } of flat) if (node.parentId !== null) lists[node.parentId]!.push(node);
  return lists;
}

/** The ids of `node`'s subtree (itself included): pre-order makes it a range. */
function subtreeEnd(node: PlanNode, flat: FlatNode[]): number {
  let end = node.id + 1;
  while (end < flat.length && flat[end]!.node.depth > node.depth) end += 1;
  return end;
}

/** A CTE's time, inside the CTE Scans reading it: taken from them, in proportion. */
function takeCte(cte: PlanNode, flat: FlatNode[], exclusive: number[]): void {
  const name = cte.subplanName!.slice('CTE '.length);
  const holder = flat[cte.parentId!]!.node;
  const ownEnd = subtreeEnd(cte, flat);
  const scans = flat
    .slice(holder.id, subtreeEnd(holder, flat))
    .filter(
      ({ node, raw }) =>
        (node.id < cte.id || node.id >= ownEnd) &&
        node.nodeType === 'CTE Scan' &&
        str(raw, 'CTE Name') === name &&
        (node.inclusiveMs ?? 0) > 0,
    )
    .map((f) => f.node);
  const sum = scans.reduce((a, s) => a + s.inclusiveMs!, 0);
  // Read by no scan (a data-modifying WITH): it ran at the end, outside every node.
  if (sum <= 0) return;
  for (const scan of scans) {
    exclusive[scan.id]! -= (cte.inclusiveMs! * scan.inclusiveMs!) / sum;
  }
}

/**
 * The names an InitPlan's value goes by in the other nodes' text: `$0` (PostgreSQL ≤ 16,
 * "InitPlan 1 (returns $0,$1)") or `(InitPlan 1)` ("(InitPlan 1).col1", 17+).
 */
function initPlanRefs(name: string): RegExp[] {
  const match = /^InitPlan (\d+)(?: \(returns ([^)]*)\))?/.exec(name);
  if (!match) return [];
  if (match[2]) {
    return match[2]
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.startsWith('$'))
      .map((p) => new RegExp(`\\${p}(?!\\d)`));
  }
  return [new RegExp(`\\(InitPlan ${match[1]}\\)`)];
}

function mentions(value: unknown, refs: RegExp[]): boolean {
  if (typeof value === 'string') return refs.some((r) => r.test(value));
  if (Array.isArray(value)) return value.some((v) => mentions(v, refs));
  return false;
}

/** An InitPlan's time, inside the node that first needed its value: taken from it. */
function takeInitPlan(init: PlanNode, flat: FlatNode[], exclusive: number[]): void {
  const holder = flat[init.parentId!]!.node;
  const refs = initPlanRefs(init.subplanName ?? '');
  const ownEnd = subtreeEnd(init, flat);
  const users = refs.length
    ? flat
        .slice(holder.id, subtreeEnd(holder, flat))
        .filter(
          ({ node, raw }) =>
            (node.id < init.id || node.id >= ownEnd) &&
            !node.neverExecuted &&
            Object.entries(raw).some(
              ([k, v]) => k !== 'Plans' && k !== 'Subplan Name' && mentions(v, refs),
            ),
        )
        .map((f) => f.node)
        .sort((a, b) => b.depth - a.depth)
    : [];
  const time = init.inclusiveMs!;
  const path: PlanNode[] = [];
  for (const user of users) {
    for (let n: PlanNode | null = user; n; n = n === holder ? null : flat[n.parentId!]!.node) {
      if (exclusive[n.id]! >= time * 0.98) {
        exclusive[n.id]! -= time;
        return;
      }
      path.push(n);
      if (n.parentId === null) break;
    }
  }
  // No node can hold it all: the one with the most time left gives it up.
  const candidates = path.length ? [...path, holder] : [holder];
  const most = candidates.reduce((a, b) => (exclusive[b.id]! > exclusive[a.id]! ? b : a));
  exclusive[most.id]! -= time;
}
