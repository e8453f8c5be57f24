import { css, html, LitElement, nothing } from 'lit';
import type { KeptPlan } from './plan-types';

/**
 * A plan drawn for people: CONTRACT PLACEHOLDER (the plan-view helper replaces it). Shows
 * `plan`'s text; `kept` are the tab's other plans (to compare with).
 */
export class TuskPlanView extends LitElement {
  static override styles = css`
    :host {
      display: block;
      overflow: auto;
      height: 100%;
    }
    pre {
      margin: 0;
      padding: 8px;
      font: var(--tusk-mono-font, 12px monospace);
    }
  `;
  static override properties = { plan: { attribute: false }, kept: { attribute: false } };
  declare plan: KeptPlan | null;
  declare kept: KeptPlan[];

  constructor() {
    super();
    this.plan = null;
    this.kept = [];
  }

  override render() {
    if (!this.plan) return nothing;
    return html`<pre>${this.plan.reply.text}</pre>`;
  }
}

customElements.define('tusk-plan-view', TuskPlanView);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-plan-view': TuskPlanView;
  }
}
