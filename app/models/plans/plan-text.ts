import type { RawPlan } from './plan-json';

/** The plan as psql shows it (being built: empty yet). */
export function planText(plan: RawPlan): string {
  void plan;
  return '';
}
