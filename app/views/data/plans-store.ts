import type { ErrorInfo } from '../../controllers/api';
import type { KeptPlan } from '../plan/plan-types';
import { RequestError, type TuskClient } from '../client';
import { Store } from './store';

/** How many plans a tab keeps (the oldest is forgotten first). */
export const KEEP_PLANS = 20;

/** A plan asked for: reading, read (kept), or refused (its error). */
export type PlanState =
  | { status: 'reading' }
  | { status: 'read'; plan: KeptPlan }
  | { status: 'failed'; error: ErrorInfo };

/** What a plan is, for its label and for Compare. */
export interface PlanOrigin {
  tabId: string;
  queryId: string;
  /** The result of the query holding the EXPLAIN's output (0 for Tusk's own explain). */
  result: number;
  /** The statement explained (a user's own EXPLAIN: its text, when known). */
  sql: string;
  /** `Explain`, `Explain Analyze`, `EXPLAIN` (a user's own). */
  kind: string;
  analyze: boolean;
}

/** Per tab: its kept plans (newest last) and the state of each plan asked for, by key. */
interface TabPlans {
  kept: KeptPlan[];
  asked: Record<string, PlanState>;
  /** Plans kept so far (numbers the labels: `#3`). */
  count: number;
}

const NONE: TabPlans = { kept: [], asked: {}, count: 0 };

/**
 * The plans of each editor tab: a plan is read once with `queries.plan` after its run
 * completed (Tusk's explain, or a user's own EXPLAIN result) and kept with the tab — at
 * most {@link KEEP_PLANS}, newest last — since the run's result is freed by the next run.
 * A tab's plans are forgotten when it closes. Changes are named by tab id.
 */
export class PlansStore extends Store<Record<string, TabPlans>> {
  readonly #client: TuskClient;

  constructor(client: TuskClient) {
    super({});
    this.#client = client;
  }

  /** The tab's kept plans, newest last. */
  kept(tabId: string): KeptPlan[] {
    return this.value[tabId]?.kept ?? NONE.kept;
  }

  /** The state of the plan of `queryId`'s result `result` (undefined: never asked). */
  state(tabId: string, queryId: string, result: number): PlanState | undefined {
    return this.value[tabId]?.asked[keyOf(queryId, result)];
  }

  /**
   * Reads the plan of `origin` once (`queries.plan`) and keeps it; a second call for the
   * same result does nothing. A refusal (not an EXPLAIN's output, the result freed) is kept
   * as its state's error.
   */
  async read(origin: PlanOrigin): Promise<void> {
    const { tabId, queryId, result } = origin;
    const key = keyOf(queryId, result);
    if (this.state(tabId, queryId, result)) return;
    this.#setAsked(tabId, key, { status: 'reading' });
    try {
      const reply = await this.#client.call('queries.plan', { queryId, result });
      const tab = this.value[tabId];
      // The tab was closed meanwhile.
      if (tab?.asked[key]?.status !== 'reading') return;
      const count = tab.count + 1;
      const time = new Date().toLocaleTimeString('en-GB');
      const plan: KeptPlan = {
        id: key,
        label: `#${count} ${origin.kind} · ${time}`,
        sql: origin.sql,
        analyze: reply.analyze,
        at: Date.now(),
        reply,
      };
      const kept = [...tab.kept, plan].slice(-KEEP_PLANS);
      this.set({
        ...this.value,
        [tabId]: { kept, count, asked: { ...tab.asked, [key]: { status: 'read', plan } } },
      });
    } catch (error) {
      const info =
        error instanceof RequestError
          ? error.info
          : ({ kind: 'internal', message: String(error) } as ErrorInfo);
      if (this.value[tabId]?.asked[key]?.status === 'reading')
        this.#setAsked(tabId, key, { status: 'failed', error: info });
    }
  }

  /** Forgets a closed tab's plans. */
  forget(tabId: string): void {
    if (!this.value[tabId]) return;
    const next = { ...this.value };
    delete next[tabId];
    this.set(next, [tabId]);
  }

  #setAsked(tabId: string, key: string, state: PlanState): void {
    const tab = this.value[tabId] ?? NONE;
    this.set({ ...this.value, [tabId]: { ...tab, asked: { ...tab.asked, [key]: state } } });
  }
}

function keyOf(queryId: string, result: number): string {
  return `${queryId}:${result}`;
}
