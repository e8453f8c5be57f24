import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { PlanReply } from '../../common/plan-shapes';
import { compareView } from './plan-compare';
import { detailsPane } from './plan-details';
import { formatCost, formatDuration } from './plan-figures';
import { findingsList } from './plan-findings';
import { flameGraph } from './plan-flame';
import { PlanSelectEvent, type TuskPlanTree } from './plan-tree';
import type { KeptPlan } from './plan-types';
import { planViewStyles } from './plan-view.styles';
import './plan-tree';

/** What the plan view shows: the tree, the icicle, the raw text or JSON, or a comparison. */
export type PlanMode = 'plan' | 'flame' | 'text' | 'json' | 'compare';

const MODES: { mode: PlanMode; label: string }[] = [
  { mode: 'plan', label: 'Plan' },
  { mode: 'flame', label: 'Flame' },
  { mode: 'text', label: 'Text' },
  { mode: 'json', label: 'JSON' },
  { mode: 'compare', label: 'Compare' },
];

/** How long a Copy button says "Copied", ms. */
const COPIED_MS = 1500;

/**
 * A plan drawn for people (PEV2 and pgAdmin are its anchors): the planning, execution,
 * trigger and JIT times and the settings on top; the plan as a keyboard-navigable tree
 * (exclusive and inclusive times, share bars, estimates, buffers; the costliest nodes
 * tinted), an icicle of the same tree, the raw text (as psql shows it) and the JSON with
 * Copy, and a comparison with another plan of the tab (`kept`). Findings list why it may be
 * slow, each pointing at its node; a selected node shows all its fields. A reply in another
 * format than JSON shows its text only. The view computes no times: `queries.plan` did.
 */
export class TuskPlanView extends LitElement {
  static override styles = planViewStyles;
  static override properties = {
    plan: { attribute: false },
    kept: { attribute: false },
    mode: { state: true },
    selectedId: { state: true },
    compareId: { state: true },
    copied: { state: true },
    side: { state: true },
  };
  /** The plan shown, or null (nothing drawn). */
  declare plan: KeptPlan | null;
  /** The plans kept in the tab, newest last (Compare chooses among them). */
  declare kept: KeptPlan[];
  declare mode: PlanMode;
  declare selectedId: number | null;
  declare compareId: string | null;
  /** The key of the last copy made (its button says "Copied" for a moment). */
  declare copied: string | null;
  /** The findings and details are shown beside the tree (the Details button hides them). */
  declare side: boolean;

  #copiedTimer: ReturnType<typeof setTimeout> | undefined;
  #json: { source: string; pretty: string } | null = null;
  /** Reveal this node in the tree once it is drawn (a finding was picked). */
  #reveal: number | null = null;

  constructor() {
    super();
    this.plan = null;
    this.kept = [];
    this.mode = 'plan';
    this.selectedId = null;
    this.compareId = null;
    this.copied = null;
    this.side = true;
    this.addEventListener(PlanSelectEvent.eventName, (event) => {
      this.selectedId = (event as PlanSelectEvent).detail;
    });
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('plan')) {
      const previous = changed.get('plan') as KeptPlan | null | undefined;
      if (previous?.id !== this.plan?.id) this.selectedId = null;
    }
  }

  override updated(): void {
    if (this.#reveal === null) return;
    const tree = this.renderRoot.querySelector<TuskPlanTree>('tusk-plan-tree');
    tree?.reveal(this.#reveal);
    this.#reveal = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#copiedTimer);
  }

  /** Shows `mode` (Plan, Flame, Text, JSON or Compare). */
  show(mode: PlanMode): void {
    this.mode = mode;
  }

  /** Selects node `id` and shows it in the tree (its ancestors expanded, focused). */
  reveal(id: number): void {
    this.selectedId = id;
    if (this.mode !== 'flame') this.mode = 'plan';
    this.#reveal = this.mode === 'plan' ? id : null;
    this.requestUpdate();
  }

  async #copy(text: string, key: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = key;
    } catch {
      this.copied = `failed:${key}`;
    }
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => (this.copied = null), COPIED_MS);
  }

  #copyLabel(key: string): string {
    if (this.copied === key) return 'Copied';
    if (this.copied === `failed:${key}`) return 'Copy failed';
    return 'Copy';
  }

  override render() {
    const plan = this.plan;
    if (!plan) return nothing;
    const reply = plan.reply;
    if (reply.format !== 'json' || reply.nodes.length === 0)
      return html`<div class="top">
          <span class="figure">EXPLAIN in ${reply.format.toUpperCase()}: shown as text</span>
        </div>
        ${this.#rawPanel('text', reply.text)}`;
    const mode = this.mode;
    return html`${this.#top(reply)}
      <div class="body" role="tabpanel" aria-label=${MODES.find((m) => m.mode === mode)!.label}>
        ${
          mode === 'plan' || mode === 'flame'
            ? this.#main(reply, mode)
            : mode === 'text'
              ? this.#rawPanel('text', reply.text)
              : mode === 'json'
                ? this.#rawPanel('json', this.#prettyJson(reply.json ?? ''))
                : compareView(plan, this.kept, this.compareId, (id) => (this.compareId = id))
        }
      </div>`;
  }

  /** The top line: the plan's times and settings, and the modes. */
  #top(reply: PlanReply): TemplateResult {
    const triggersMs = reply.triggers.reduce((sum, t) => sum + t.timeMs, 0);
    const jit = reply.jit;
    const settings = reply.settings ? Object.entries(reply.settings) : [];
    const settingsText = settings.map(([k, v]) => `${k} = ${v}`).join(', ');
    const others = this.kept.filter((k) => k.id !== this.plan?.id && k.reply.format === 'json');
    return html`<div class="top">
      <div class="figures">
        ${
          reply.analyze
            ? html`<span class="figure" data-figure="execution"
                >Execution <b>${formatDuration(reply.executionMs)}</b></span
              >`
            : html`<span class="figure" data-figure="cost"
                >Estimated cost <b>${formatCost(reply.nodes[0]!.totalCost)}</b></span
              >`
        }
        ${
          reply.planningMs !== null
            ? html`<span class="figure" data-figure="planning"
                >Planning <b>${formatDuration(reply.planningMs)}</b></span
              >`
            : nothing
        }
        ${
          reply.triggers.length
            ? html`<span
                class="figure"
                data-figure="triggers"
                title=${reply.triggers.map((t) => `${t.name}${t.relation ? ` on ${t.relation}` : ''}: ${formatDuration(t.timeMs)}, ${t.calls} calls`).join('\n')}
                >Triggers <b>${formatDuration(triggersMs)}</b></span
              >`
            : nothing
        }
        ${
          jit
            ? html`<span
                class="figure"
                data-figure="jit"
                title=${`Generation ${formatDuration(jit.generationMs)}, inlining ${formatDuration(jit.inliningMs)}, optimization ${formatDuration(jit.optimizationMs)}, emission ${formatDuration(jit.emissionMs)}`}
                >JIT <b>${jit.functions}</b> functions, <b>${formatDuration(jit.totalMs)}</b></span
              >`
            : nothing
        }
        ${
          settings.length
            ? html`<span class="figure settings" data-figure="settings" title=${settingsText}
                >Settings <span class="code">${settingsText}</span></span
              >`
            : nothing
        }
        ${reply.analyze ? nothing : html`<span class="figure note">Not analyzed: costs and estimated rows</span>`}
      </div>
      ${
        this.mode === 'plan' || this.mode === 'flame'
          ? html`<button
              class="side-toggle"
              aria-pressed=${String(this.side)}
              title="Show or hide the findings and the selected node's details"
              @click=${() => (this.side = !this.side)}
            >
              Details
            </button>`
          : nothing
      }
      <div class="modes" role="tablist" aria-label="Plan views" @keydown=${this.#onModesKey}>
        ${MODES.map(
          ({ mode, label }) =>
            html`<button
              role="tab"
              aria-selected=${String(this.mode === mode)}
              tabindex=${this.mode === mode ? 0 : -1}
              data-mode=${mode}
              @click=${() => this.show(mode)}
            >
              ${label}${mode === 'compare' && others.length ? html` <span class="count">${others.length}</span>` : nothing}
            </button>`,
        )}
      </div>
    </div>`;
  }

  #onModesKey = (event: KeyboardEvent) => {
    const at = MODES.findIndex((m) => m.mode === this.mode);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    this.mode = MODES[(at + step + MODES.length) % MODES.length]!.mode;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role=tab][aria-selected="true"]')?.focus(),
    );
  };

  /** The tree or the icicle, with the findings and the selected node's details beside. */
  #main(reply: PlanReply, mode: 'plan' | 'flame'): TemplateResult {
    const selected = reply.nodes.find((n) => n.id === this.selectedId) ?? null;
    const pick = (id: number) => this.reveal(id);
    return html`<div class="main ${this.side ? '' : 'hide-side'}">
      <div class="picture">
        ${
          mode === 'plan'
            ? html`<tusk-plan-tree
                .nodes=${reply.nodes}
                .findings=${reply.findings}
                .analyze=${reply.analyze}
                .selectedId=${this.selectedId}
              ></tusk-plan-tree>`
            : flameGraph(
                reply.nodes,
                reply.analyze,
                this.selectedId,
                (id) => (this.selectedId = id),
              )
        }
      </div>
      <div class="side">
        ${findingsList(
          reply.findings,
          reply.nodes,
          this.selectedId,
          {
            pick,
            copy: (text, key) => void this.#copy(text, key),
            copied: this.copied,
          },
          reply.analyze,
        )}
        ${detailsPane(selected, reply.analyze)}
      </div>
    </div>`;
  }

  /** The raw text (as psql shows it) or the JSON, monospace, with Copy. */
  #rawPanel(kind: 'text' | 'json', text: string): TemplateResult {
    return html`<div class="raw">
      <div class="raw-bar">
        <span
          >${kind === 'text' ? 'The plan as psql shows it' : 'The plan as the server sent it (JSON)'}</span
        >
        <button
          class="copy"
          data-copy=${kind}
          @click=${() => void this.#copy(kind === 'json' ? (this.plan?.reply.json ?? text) : text, kind)}
        >
          ${this.#copyLabel(kind)}
        </button>
      </div>
      <pre class="raw-text" tabindex="0" aria-label=${kind === 'text' ? 'Plan text' : 'Plan JSON'}>
${text}</pre>
    </div>`;
  }

  /** The JSON indented for reading (kept while the same JSON is shown). */
  #prettyJson(json: string): string {
    if (this.#json?.source === json) return this.#json.pretty;
    let pretty = json;
    try {
      pretty = JSON.stringify(JSON.parse(json), null, 2);
    } catch {
      // Not JSON after all: shown as it came.
    }
    this.#json = { source: json, pretty };
    return pretty;
  }
}

customElements.define('tusk-plan-view', TuskPlanView);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-plan-view': TuskPlanView;
  }
}
