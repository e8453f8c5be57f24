import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { servicesContext, type AppServices } from '../data/app-context';
import type { PlanOrigin } from '../data/plans-store';
import { StoreController } from '../data/store';
import '../plan/plan-view';

/**
 * The plan of one result in the results panel: read once through the plans store
 * (`queries.plan`) and drawn by `<tusk-plan-view>` with the tab's other kept plans (to
 * compare with); while it is read, a line saying so; a refusal, its error.
 */
export class TuskResultPlan extends LitElement {
  static override styles = css`
    :host {
      display: block;
      height: 100%;
      min-height: 0;
    }
    p {
      margin: 8px 10px;
      color: var(--tusk-text-muted);
      font-size: var(--tusk-font-size-small);
    }
    .error {
      color: var(--tusk-danger);
    }
  `;
  static override properties = { origin: { attribute: false } };
  /** The result whose plan is shown (set once it completed). */
  declare origin: PlanOrigin | null;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    this.origin = null;
    new StoreController(this, () => {
      const app = this.#services.value;
      return app && [{ store: app.runs.plans, keys: () => [this.origin?.tabId] }];
    });
  }

  get #app(): AppServices | undefined {
    return this.#services.value;
  }

  override updated(): void {
    if (this.origin) void this.#app?.runs.plans.read(this.origin);
  }

  override render() {
    const origin = this.origin;
    const plans = this.#app?.runs.plans;
    if (!origin || !plans) return nothing;
    const state = plans.state(origin.tabId, origin.queryId, origin.result);
    if (!state || state.status === 'reading') return html`<p role="status">Reading the plan…</p>`;
    if (state.status === 'failed') {
      const { error } = state;
      return html`<p class="error" role="alert" data-test="plan-error">
        The plan could not be read: ${error.message}${error.hint ? ` (${error.hint})` : ''}
      </p>`;
    }
    return html`<tusk-plan-view
      .plan=${state.plan}
      .kept=${plans.kept(origin.tabId)}
    ></tusk-plan-view>`;
  }
}

customElements.define('tusk-result-plan', TuskResultPlan);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-result-plan': TuskResultPlan;
  }
}
