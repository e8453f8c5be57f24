import type { PlanNode } from '../../common/plan-shapes';

/**
 * The keys that pair the nodes of two plans: a node reading a relation by the relation and
 * its alias (so a Seq Scan and the Index Scan that replaced it pair up), any other node by
 * its path (its parent's key and its node type); the n-th repeat of a key gets `#n`.
 */
export function pairKeys(nodes: readonly PlanNode[]): Map<number, string> {
  const keys = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const n of nodes) {
    const parent = n.parentId === null ? '' : (keys.get(n.parentId) ?? '');
    const base = n.relation
      ? `rel:${n.schema ?? ''}.${n.relation} ${n.alias ?? ''}`
      : `${parent}/${n.nodeType}${n.subplanName ? ` ${n.subplanName}` : ''}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    keys.set(n.id, count ? `${base}#${count}` : base);
  }
  return keys;
}

/** A row of a comparison: a node of the newer plan with its match in the older, or either alone. */
export interface PlanPair {
  before: PlanNode | null;
  after: PlanNode | null;
}

/**
 * Pairs `before`'s nodes with `after`'s: `after`'s nodes in their order (with their match
 * or alone: added), then `before`'s unmatched nodes (removed).
 */
export function pairPlans(before: readonly PlanNode[], after: readonly PlanNode[]): PlanPair[] {
  const beforeKeys = pairKeys(before);
  const byKey = new Map<string, PlanNode>();
  for (const n of before) byKey.set(beforeKeys.get(n.id)!, n);
  const afterKeys = pairKeys(after);
  const used = new Set<number>();
  const pairs: PlanPair[] = after.map((n) => {
    const match = byKey.get(afterKeys.get(n.id)!) ?? null;
    if (match) used.add(match.id);
    return { before: match, after: n };
  });
  for (const n of before) if (!used.has(n.id)) pairs.push({ before: n, after: null });
  return pairs;
}
