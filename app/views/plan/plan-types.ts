import type { PlanReply } from '../../common/plan-shapes';

/**
 * A plan kept in a tab (the plans explained there, newest last, for Compare): its reply
 * as `queries.plan` gave it — held by the view, since the run's result is freed by the next
 * run — with what was explained and when.
 */
export interface KeptPlan {
  /** Unique within the tab (the query id it came from, plus the result index). */
  id: string;
  /** Short label: `#3 Explain Analyze · 12:04:31`. */
  label: string;
  /** The statement explained (for a user's own EXPLAIN: its text). */
  sql: string;
  analyze: boolean;
  /** `Date.now()` when it was kept. */
  at: number;
  reply: PlanReply;
}
