import type { PlanFinding, PlanReply } from '../../common/plan-shapes';
import type { FlatNode } from './plan-nodes';
import type { StatsLookup } from './plan-read';

/** Why the plan may be slow (being built: none yet). */
export function planFindings(
  reply: PlanReply,
  flat: FlatNode[],
  stats: StatsLookup,
): Promise<PlanFinding[]> {
  void reply;
  void flat;
  void stats;
  return Promise.resolve([]);
}
