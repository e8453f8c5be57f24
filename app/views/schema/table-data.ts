import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ObjectDetails } from '../../controllers/api';
import { RequestError } from '../client';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import type { QueryTabState } from '../data/tabs-store';
import '../query-tab/results-panel';
import { describeRun } from '../query-tab/run-outcome';
import { GridFindEvent } from '../results/grid-events';
import type { ServerOrder, SortKey } from '../results/grid-source';
import { iconButton } from '../shared/icon-button';
import type { ObjectRef } from './object-kinds';
import { quoteName } from './sql-names';
import { countRows, type CountRun } from './table-count';
import {
  countSql,
  dataSql,
  MAX_CLAUSE_CHARS,
  orderOfSort,
  sortOfOrder,
  textsToCheck,
  type ClauseRefusal,
  type DataClauses,
} from './table-data-sql';
import { appliedClauses, checked, runTableData } from './table-data-run';
import { tableDataStyles } from './table-data.styles';

/** An exact count: under way, done for a WHERE, or failed. */
type CountState =
  | { state: 'counting'; run: CountRun }
  | { state: 'done'; where: string; rows: bigint }
  | { state: 'failed'; message: string };

/**
 * A table's data view (the Data part of its object view): a WHERE box and an ORDER BY box
 * (SQL text; Enter applies both, Escape puts back the applied text, Tab moves between
 * them) over the table's rows, run as `SELECT * FROM t WHERE (…) ORDER BY …` in the tab's
 * session and shown in the results panel. The grid's sort marks are that ORDER BY (a click
 * rewrites it and runs again; a typed ORDER BY that is not plain column names shows none),
 * and Ctrl+F in the grid comes to the WHERE box. The row count is PostgreSQL's estimate
 * until Count asks for the exact one (on the pool). Reload (F5) runs it again, Cancel
 * stops it. SQL that would not be one SELECT is refused, with why, and nothing runs.
 */
export class TuskTableData extends LitElement {
  static override styles = tableDataStyles;
  static override properties = {
    tab: { attribute: false },
    ref: { attribute: false },
    details: { attribute: false },
    where: { state: true },
    order: { state: true },
    refusal: { state: true },
    count: { state: true },
    tick: { state: true },
  };
  declare tab: QueryTabState;
  declare ref: ObjectRef;
  declare details: ObjectDetails;
  /** The boxes' texts, applied or not yet (null: the applied ones). */
  declare where: string | null;
  declare order: string | null;
  declare refusal: ClauseRefusal | null;
  declare count: CountState | null;
  declare tick: number;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  #timer: ReturnType<typeof setInterval> | undefined;
  #seam: { key: string; order: ServerOrder } | null = null;

  constructor() {
    super();
    this.where = null;
    this.order = null;
    this.refusal = null;
    this.count = null;
    this.tick = 0;
    new StoreController(this, () => {
      const app = this.#services.value;
      return app && [{ store: app.runs, keys: () => [this.tab?.id] }];
    });
    this.addEventListener(GridFindEvent.eventName, () => this.focusWhere());
    this.addEventListener('keydown', (event) => {
      if (event.key !== 'F5' || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      event.stopPropagation();
      void this.reload();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      if (this.#services.value?.runs.running(this.tab?.id ?? '')) this.tick += 1;
    }, 200);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    if (this.count?.state === 'counting') this.count.run.cancel();
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  get #applied(): DataClauses {
    return appliedClauses(this.tab);
  }

  /** The table's column names, in order (what `SELECT *` gives). */
  get #columns(): string[] {
    return (this.details.columns ?? []).map((c) => c.name);
  }

  /** Focuses the WHERE box, its text selected. */
  focusWhere(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name=where]');
    input?.focus();
    input?.select();
  }

  /** Focuses the results (the grid), else the WHERE box. */
  focusResults(): void {
    const panel = this.renderRoot.querySelector('tusk-results-panel');
    if (panel) panel.focus();
    else this.focusWhere();
  }

  /** Runs the applied WHERE and ORDER BY again. */
  reload(): Promise<void> {
    return this.#apply(this.#applied);
  }

  async #apply(clauses: DataClauses): Promise<void> {
    if (this.#app.runs.running(this.tab.id)) {
      this.#app.runs.refuses(this.tab.id);
      return;
    }
    const before = this.#applied.where;
    this.refusal = await runTableData(this, this.#app, this.tab, this.ref, clauses);
    if (this.refusal) return;
    this.where = null;
    this.order = null;
    if (before !== clauses.where && this.count?.state !== 'counting') this.count = null;
  }

  /** The boxes' texts applied (Enter in either). */
  #applyBoxes(): Promise<void> {
    const applied = this.#applied;
    return this.#apply({ where: this.where ?? applied.where, order: this.order ?? applied.order });
  }

  /** A click on a header's sort mark: the ORDER BY written from the marks, run again. */
  #sortBy(sort: SortKey[]): void {
    const order = orderOfSort(sort, this.#columns);
    void this.#apply({ where: this.#applied.where, order });
  }

  /** The grid's seam: the marks of the applied ORDER BY (none when it is not plain names). */
  #serverOrder(): ServerOrder {
    const columns = this.#columns;
    const key = `${this.#applied.order}\n${columns.join('\n')}`;
    if (this.#seam?.key !== key) {
      const sort = sortOfOrder(this.#applied.order, columns) ?? [];
      this.#seam = { key, order: { sort, change: (next) => this.#sortBy(next) } };
    }
    return this.#seam.order;
  }

  #onKey(event: KeyboardEvent, box: 'where' | 'order'): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      void this.#applyBoxes();
    } else if (event.key === 'Escape') {
      const typed = this[box];
      if (typed !== null && typed !== this.#applied[box]) {
        event.preventDefault();
        event.stopPropagation();
        this[box] = null;
        this.refusal = null;
      } else if (this.#app.runs.running(this.tab.id)) {
        event.preventDefault();
        event.stopPropagation();
        void this.#app.runs.cancel(this.tab.id);
      }
    }
  }

  async #count(): Promise<void> {
    const where = this.#applied.where;
    const sql = countSql(this.ref.schema, this.ref.name, where);
    const { schema, name } = this.ref;
    this.refusal = await checked(this.#app, textsToCheck(sql, schema, name, { where }));
    if (this.refusal) return;
    const run = countRows(this.#app.client, this.ref.connectionId, sql);
    this.count = { state: 'counting', run };
    try {
      this.count = { state: 'done', where, rows: await run.done };
    } catch (error) {
      const info = error instanceof RequestError ? error.info : null;
      this.count =
        info?.kind === 'query_cancelled'
          ? null
          : { state: 'failed', message: info?.message ?? String(error) };
    }
  }

  #renderCount() {
    const count = this.count;
    const applied = this.#applied;
    if (count?.state === 'counting') {
      return html`<span class="count" aria-live="polite">Counting…</span>
        <wa-button size="s" appearance="plain" @click=${() => count.run.cancel()}
          >Cancel count</wa-button
        >`;
    }
    let text = '';
    let title = '';
    if (count?.state === 'done' && count.where === applied.where) {
      text = `${count.rows.toLocaleString('en-US')} ${count.rows === 1n ? 'row' : 'rows'}`;
      title = 'The exact count (SELECT count(*)) with the WHERE applied';
    } else if (count?.state === 'failed') {
      text = `Count failed: ${count.message}`;
    } else if (typeof this.details.rowEstimate === 'number' && this.details.rowEstimate >= 0) {
      const n = Math.round(this.details.rowEstimate).toLocaleString('en-US');
      text = applied.where.trim() ? `≈ ${n} rows in the table` : `≈ ${n} rows`;
      title = 'PostgreSQL’s estimate for the whole table (reltuples): Count gives the exact one';
    }
    return html`<span
        class="count ${count?.state === 'failed' ? 'bad' : ''}"
        data-test="row-count"
        title=${title}
        aria-live="polite"
        >${text}</span
      >
      <wa-button
        size="s"
        appearance="outlined"
        title="Count the rows exactly (SELECT count(*) with the WHERE)"
        @click=${() => void this.#count()}
        >Count</wa-button
      >`;
  }

  #box(box: 'where' | 'order', label: string, placeholder: string) {
    const applied = this.#applied[box];
    const text = this[box] ?? applied;
    return html`<label class="box ${box} ${text !== applied ? 'edited' : ''}">
      <span class="kw">${label}</span>
      <input
        name=${box}
        aria-label=${label}
        title="SQL: Enter applies it, Escape puts back the applied text"
        spellcheck="false"
        autocomplete="off"
        maxlength=${MAX_CLAUSE_CHARS}
        placeholder=${placeholder}
        .value=${live(text)}
        @input=${(e: Event) => (this[box] = (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => this.#onKey(e, box)}
      />
    </label>`;
  }

  #renderNotice(run: NonNullable<ReturnType<AppServices['runs']['of']>['run']>) {
    if (run.status !== 'completed' || !run.truncated) return nothing;
    const rows = run.rowCount.toLocaleString('en-US');
    return html`<div class="notice" role="status">
      Only the first ${rows} rows fit the memory budget or the row cap: add a WHERE to narrow them,
      or an ORDER BY to choose which come first.
    </div>`;
  }

  override render() {
    if (!this.#services.value || !this.tab || !this.ref || !this.details) return nothing;
    const { runs, tabs } = this.#app;
    const session = runs.of(this.tab.id);
    const run = session.run;
    const running = runs.running(this.tab.id);
    const sql = dataSql(this.ref.schema, this.ref.name, this.#applied);
    const first = quoteName(this.#columns[0] ?? 'id');
    const elapsed = run && running ? Math.round(performance.now() - run.startedAt) : 0;
    const status = session.refused ?? (run && running ? describeRun(run, elapsed) : '');
    return html`<div class="bar" role="toolbar" aria-label="Table data">
        ${
          running
            ? html`<wa-button
                size="s"
                variant="danger"
                appearance="outlined"
                @click=${() => void runs.cancel(this.tab.id)}
                ><wa-icon slot="start" name="close"></wa-icon>Cancel</wa-button
              >`
            : iconButton('Reload (F5)', 'refresh', () => void this.reload())
        }
        <code class="sql" aria-label="Applied SQL" title=${sql}>${sql}</code>
        <span
          class="status"
          data-test="data-status"
          data-query=${run?.queryId ?? ''}
          aria-live="polite"
          >${status}</span
        >
        <span class="spacer"></span>
        ${this.#renderCount()}
        ${iconButton(
          'Open in a query tab',
          'go-to-file',
          () => void tabs.open(this.ref.connectionId, { title: this.ref.name, sql }),
        )}
      </div>
      <div class="filters">
        ${this.#box('where', 'WHERE', `a condition, e.g. ${first} IS NOT NULL`)}
        ${this.#box('order', 'ORDER BY', `columns, e.g. ${first} DESC`)}
      </div>
      ${
        this.refusal
          ? html`<div class="refused" role="alert">
              <strong>${this.refusal.message}</strong> ${this.refusal.hint}
            </div>`
          : nothing
      }
      ${run ? this.#renderNotice(run) : nothing}
      ${
        run && run.status !== 'starting'
          ? html`<tusk-results-panel
              .run=${run}
              .serverOrder=${this.#serverOrder()}
            ></tusk-results-panel>`
          : html`<p class="idle">
              ${run ? 'Loading…' : 'Not run yet: press Enter in a box, or Reload (F5).'}
            </p>`
      }`;
  }
}

customElements.define('tusk-table-data', TuskTableData);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-table-data': TuskTableData;
  }
}
