import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { servicesContext } from '../data/app-context';
import type { StatementOutcome, TabRun } from '../data/runs-store';
import { GridExportEvent } from '../results/grid-events';
import type { TuskResultGrid } from '../results/result-grid';
import { exportResult } from '../transfer/open-transfer';
import '../results/result-grid';
import type { ServerOrder } from '../results/grid-source';
import { resultsPanelStyles } from './results-panel.styles';
import { describeOutcome, endingOf, formatMs } from './run-outcome';
import { planOrigin } from './plan-origin';
import './result-plan';

/**
 * The results of a tab's latest run: one entry per statement (its tag, rows and time),
 * the grid of the selected one that returned rows, and a Messages view with the notices,
 * the command tags and the error (SQLSTATE, detail, hint, and line:column as a link that
 * fires `tusk-goto` with `{line, column, sqlStart}` for the editor). A statement's own time
 * is shown when the run had several; the toolbar shows the whole run's. A grid's "Export…"
 * opens the export of its whole result. A plan — an explain run's result, or a user's own
 * EXPLAIN — shows as a plan (`<tusk-result-plan>`), its rows one click away (Plan / Rows).
 */
export class TuskResultsPanel extends LitElement {
  static override styles = resultsPanelStyles;
  static override properties = {
    run: { attribute: false },
    serverOrder: { attribute: false },
    selected: { state: true },
    asRows: { state: true },
  };
  declare run: TabRun | null;
  /** Given to its grids: the order the server applies (a table's data view), or null. */
  declare serverOrder: ServerOrder | null;
  /** The statement index shown, or -1 for Messages. */
  declare selected: number | null;
  /** Results of a plan (an explain's, a user's EXPLAIN) shown as rows rather than as the plan. */
  declare asRows: ReadonlySet<number>;

  #grids = new Map<string, TuskResultGrid>();
  /** The client the grids read their rows through (a {@link ResultSource} each). */
  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    this.run = null;
    this.serverOrder = null;
    this.selected = null;
    this.asRows = new Set();
    this.addEventListener(GridExportEvent.eventName, (event) => {
      event.stopPropagation();
      void this.exportShown();
    });
  }

  /** Opens the export of the result shown (the whole result, re-run when it only reads). */
  async exportShown(): Promise<void> {
    const run = this.run;
    const app = this.#services.value;
    if (!app || !run?.queryId || !run.connectionId) return;
    const index = this.#shown(run);
    if (!run.results.some((r) => r.index === index && r.hasRows)) return;
    const { queryId, connectionId, tabId } = run;
    await exportResult(this, app, { queryId, connectionId, tabId }, index);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('serverOrder')) {
      for (const grid of this.#grids.values())
        (grid as TuskResultGrid).serverOrder = this.serverOrder;
    }
    if (changed.has('run')) {
      const previous = changed.get('run') as TabRun | null | undefined;
      if (previous?.queryId !== this.run?.queryId) {
        this.selected = null;
        this.asRows = new Set();
        // The result is replaced: its edits go with it (a new run asked about them first).
        if (previous?.tabId && previous.queryId)
          this.#services.value?.edits.forgetQuery(previous.tabId, previous.queryId);
        for (const grid of this.#grids.values()) {
          (grid as HTMLElement & { source?: { dispose?(): void } }).source?.dispose?.();
        }
        this.#grids.clear();
      }
    }
  }

  /**
   * The statements to list: those that ended, and the one whose rows are arriving (its
   * grid shows them as they come; it keeps its grid when it ends).
   */
  #entries(run: TabRun): (StatementOutcome & { live?: boolean })[] {
    const index = run.rowsFrom;
    if (index === null || run.results.some((r) => r.index === index)) return run.results;
    const live: StatementOutcome & { live: boolean } = {
      index,
      command: null,
      rowCount: run.rowCount,
      elapsedMs: 0,
      notices: [],
      noticesDropped: 0,
      hasRows: true,
      truncated: false,
      live: true,
    };
    return [...run.results, live];
  }

  #shown(run: TabRun): number {
    if (this.selected !== null) return this.selected;
    if (run.rowsFrom !== null) return run.rowsFrom;
    // A failed or cancelled run opens on its messages: what went wrong comes first.
    if (run.error || run.status === 'cancelled') return -1;
    const withRows = run.results.filter((r) => r.hasRows);
    if (withRows.length > 0) return withRows.at(-1)!.index;
    if (run.error || run.results.length === 0) return -1;
    return run.results.at(-1)!.index;
  }

  /** The grid of one result, made once and kept while the run is shown. */
  #grid(queryId: string, index: number) {
    const key = `${queryId}:${index}`;
    const app = this.#services.value;
    let grid = this.#grids.get(key);
    if (!grid && app) {
      const made = document.createElement('tusk-result-grid');
      // The runs store's source starts from the rows the backend pushed (query.rows).
      const source = app.runs.source(queryId, index);
      const { tabId, connectionId } = this.run ?? {};
      if (tabId && connectionId) {
        // Shown with its edits: the grid edits through the tab's edit session.
        const place = { tabId, connectionId, queryId, result: index };
        made.edit = app.edits.session(place, source);
        made.source = made.edit.source;
      } else made.source = source;
      made.label = `Result ${index + 1}`;
      made.serverOrder = this.serverOrder;
      this.#grids.set(key, (grid = made));
    }
    return grid ?? nothing;
  }

  /** The label of statement `o` of `run`: how it ended when the run stopped at it. */
  /** Focuses the grid shown, else the selected entry of the results bar. */
  override focus(): void {
    const grid = this.renderRoot.querySelector<HTMLElement>('.body tusk-result-grid');
    if (grid) return grid.focus();
    this.renderRoot.querySelector<HTMLElement>('.bar [aria-selected="true"]')?.focus();
  }

  #label(run: TabRun, o: StatementOutcome) {
    const last = run.results.at(-1);
    // A statement the run stopped at has no command tag (a failed one is not listed).
    return describeOutcome(o, o === last && o.command === null ? endingOf(run) : undefined);
  }

  #messages(run: TabRun) {
    const lines = run.results.flatMap((o) => {
      const { tag, figures } = this.#label(run, o);
      return [
        ...o.notices.map(
          (n) =>
            html`<li class="notice">
              <span class="text">${`${n.severity}: ${n.message}`}</span>
              ${n.detail ? html`<span class="text more">${`DETAIL: ${n.detail}`}</span>` : nothing}
              ${n.hint ? html`<span class="text more">${`HINT: ${n.hint}`}</span>` : nothing}
              ${n.context ? html`<span class="text more">${`CONTEXT: ${n.context}`}</span>` : nothing}
            </li>`,
        ),
        o.noticesDropped > 0
          ? html`<li class="warning">
              ${o.noticesDropped.toLocaleString('en')} more
              ${o.noticesDropped === 1 ? 'notice was' : 'notices were'} not kept (at most 1,000 or 1
              MiB of notices per statement)
            </li>`
          : nothing,
        html`<li>
          <span class="tag">${tag}</span> ${figures}
          <span class="time" title="The time this statement took">${formatMs(o.elapsedMs)}</span>
        </li>`,
      ];
    });
    return html`<ul class="messages" aria-label="Messages">
      ${lines} ${run.error ? this.#error(run) : nothing}
      ${
        run.status === 'cancelled'
          ? html`<li class="warning">Cancelled after ${formatMs(run.elapsedMs)}.</li>`
          : nothing
      }
    </ul>`;
  }

  /** The run's error: its title, where (a link to the place), detail and hint. */
  #error(run: TabRun) {
    const error = run.error!;
    const goto = () =>
      this.dispatchEvent(
        new CustomEvent('tusk-goto', {
          bubbles: true,
          composed: true,
          detail: { line: error.line, column: error.column ?? 1, sqlStart: run.sqlStart },
        }),
      );
    return html`<li class="error" data-test="run-error">
      <div class="title">
        <strong class="text">${error.code ? `${error.code}: ` : ''}${error.message}</strong>
        ${
          error.line
            ? html`<button class="where" title="Put the cursor there" @click=${goto}>
                ${error.column === undefined ? `line ${error.line}` : `line ${error.line}, column ${error.column}`}
              </button>`
            : nothing
        }
      </div>
      ${error.detail ? html`<div class="text detail">${`Detail: ${error.detail}`}</div>` : nothing}
      ${error.hint ? html`<div class="text hint">${`Hint: ${error.hint}`}</div>` : nothing}
      ${
        error.internalQuery
          ? html`<div class="text detail">
              ${`Query: ${error.internalQuery}${
                error.internalPosition ? ` (at character ${error.internalPosition})` : ''
              }`}
            </div>`
          : nothing
      }
      ${error.context ? html`<div class="text detail">${`Context: ${error.context}`}</div>` : nothing}
    </li>`;
  }

  #quietOutcome(run: TabRun, o: StatementOutcome) {
    const { tag, figures } = this.#label(run, o);
    return html`<p class="quiet">${figures ? `${tag}: ${figures}` : tag}</p>`;
  }

  #liveLabel(o: StatementOutcome) {
    return html`<span class="tag">Fetching</span>
      <span class="figures">${describeOutcome(o).figures} so far</span>`;
  }

  /** A statement's tab: tag, figures, and its own time when the run had several statements. */
  #tabLabel(run: TabRun, o: StatementOutcome, several: boolean) {
    const kind = run.explain?.analyze ? 'Explain Analyze' : 'Explain';
    const explained = run.explain && o.command ? { tag: kind, figures: '' } : null;
    const { tag, figures } = explained ?? this.#label(run, o);
    const time = several ? formatMs(o.elapsedMs) : '';
    const shown = [figures, time].filter(Boolean).join(' · ');
    return html`<span class="tag">${tag}</span>
      ${shown ? html`<span class="figures" title="This statement's rows and time">${shown}</span>` : nothing}`;
  }

  /** Plan or Rows for a plan's result (not a tab of the bar: a choice of how it shows). */
  #planToggle(index: number) {
    const rows = this.asRows.has(index);
    const show = (asRows: boolean) => {
      const next = new Set(this.asRows);
      if (asRows) next.add(index);
      else next.delete(index);
      this.asRows = next;
    };
    return html`<span class="view-toggle" role="group" aria-label="Show as">
      <button aria-pressed=${rows ? 'false' : 'true'} @click=${() => show(false)}>Plan</button>
      <button aria-pressed=${rows ? 'true' : 'false'} @click=${() => show(true)}>Rows</button>
    </span>`;
  }

  override render() {
    const run = this.run;
    if (!run || run.status === 'starting') {
      return html`<p class="quiet">
        Run a statement with Ctrl+Enter, or the whole script with Ctrl+Shift+Enter.
      </p>`;
    }
    const entries = this.#entries(run);
    const shown = this.#shown(run);
    const outcome = entries.find((r) => r.index === shown);
    const origin = outcome && !outcome.live ? planOrigin(run, outcome) : null;
    return html`<div class="bar" role="tablist" aria-label="Results">
        ${entries.map(
          (o) =>
            html`<button
              role="tab"
              aria-selected=${o.index === shown ? 'true' : 'false'}
              class=${o.index === shown ? 'active' : ''}
              @click=${() => (this.selected = o.index)}
            >
              ${o.live ? this.#liveLabel(o) : this.#tabLabel(run, o, entries.length > 1)}
            </button>`,
        )}
        <button
          role="tab"
          aria-selected=${shown === -1 ? 'true' : 'false'}
          class="${shown === -1 ? 'active' : ''} ${run.error ? 'has-error' : ''}"
          @click=${() => (this.selected = -1)}
        >
          Messages${run.error ? ' (error)' : ''}
        </button>
        ${origin ? this.#planToggle(shown) : nothing}
      </div>
      <div class="body" role="tabpanel">
        ${
          shown === -1 || !outcome
            ? this.#messages(run)
            : origin && !this.asRows.has(shown)
              ? html`<tusk-result-plan .origin=${origin}></tusk-result-plan>`
              : outcome.hasRows && run.queryId
                ? this.#grid(run.queryId, outcome.index)
                : this.#quietOutcome(run, outcome)
        }
      </div>`;
  }
}

customElements.define('tusk-results-panel', TuskResultsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-results-panel': TuskResultsPanel;
  }
}
