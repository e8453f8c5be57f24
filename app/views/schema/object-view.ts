import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { ObjectDetails, ObjectKind } from '../../controllers/api';
import { RequestError } from '../client';
import { connectWithPrompts } from '../connections/connect-flow';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import type { QueryTabState } from '../data/tabs-store';
import { exportTable, importInto } from '../transfer/open-transfer';
import {
  KIND_ICONS,
  OBJECT_KINDS_SHOWN,
  ROW_KINDS,
  TABLE_KINDS,
  type ObjectRef,
} from './object-kinds';
import {
  columnsPart,
  detailsPart,
  facts,
  highlightSql,
  indexesPart,
  keysPart,
  PARTS,
  partsOf,
  triggersPart,
  type Part,
} from './object-parts';
import { objectViewStyles } from './object-view.styles';
import { qualifiedName } from './sql-names';
import './table-data';
import { runTableData } from './table-data-run';

/** The object an object tab shows, from its stored `extra` (null when it does not fit). */
export function objectOf(tab: QueryTabState): ObjectRef | null {
  const { oid, kind, schema, name } = tab.extra;
  if (!tab.connectionId || typeof oid !== 'number' || typeof schema !== 'string') return null;
  if (typeof name !== 'string' || !OBJECT_KINDS_SHOWN.includes(kind as ObjectKind)) return null;
  return { connectionId: tab.connectionId, oid, kind: kind as ObjectKind, schema, name };
}

/**
 * An object tab: one database object's view, kept in the workspace like a query tab (the
 * object and the part shown in the tab's `extra`). A header with its name and facts (kind,
 * rows, size, owner), then its parts as tabs: for a relation Columns, Keys and constraints,
 * Indexes, Triggers, DDL and Data (its rows with a WHERE and an ORDER BY run by the server,
 * in the tab's own session: `tusk-table-data`); for another object Details and DDL. The
 * details come from the schema store, which asks again after DDL. The Data part runs when
 * it is first opened (or asked by {@link showData}), never when the tab is restored.
 */
export class TuskObjectTab extends LitElement {
  static override styles = objectViewStyles;
  static override properties = { tab: { attribute: false }, error: { state: true } };
  declare tab: QueryTabState;
  declare error: string | null;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  /** The details last shown (kept while the store asks again after a change). */
  #shown: ObjectDetails | undefined;
  #asked = '';
  #copied = false;

  constructor() {
    super();
    this.error = null;
    new StoreController(this, () => {
      const app = this.#services.value;
      const ref = () => (this.tab ? objectOf(this.tab) : null);
      return (
        app && [
          { store: app.schema, keys: () => [`details:${ref()?.connectionId}:${ref()?.oid}`] },
          { store: app.connections, keys: () => ['saved', `live:${this.tab?.connectionId}`] },
          { store: app.runs, keys: () => [this.tab?.id] },
        ]
      );
    });
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  /** The tab's `extra` as the store holds it now (newer than `tab` between two renders). */
  get #extra() {
    return this.#app.tabs.byId(this.tab.id)?.extra ?? this.tab.extra;
  }

  get #part(): Part {
    const ref = objectOf(this.tab);
    const parts = ref ? partsOf(ref.kind) : (['ddl'] as Part[]);
    const part = this.tab.extra['part'];
    return parts.includes(part as Part) ? (part as Part) : parts[0]!;
  }

  /** Focuses the part shown's tab (for keyboard users coming to the tab). */
  override focus(): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role=tab][aria-selected=true]')?.focus(),
    );
  }

  /** Focuses the Data part's results. */
  focusResults(): void {
    this.renderRoot.querySelector('tusk-table-data')?.focusResults();
  }

  /** Shows the Data part and runs it (unless it is running): the tree's "open the first rows". */
  async showData(): Promise<void> {
    await this.#app.tabs.setExtra(this.tab.id, { ...this.#extra, part: 'data' });
    if (!this.#app.runs.running(this.tab.id)) await this.#runData();
  }

  override willUpdate(): void {
    const ref = objectOf(this.tab);
    if (!ref || !this.#app.connections.value.live[ref.connectionId]) return;
    const key = `${ref.connectionId}:${ref.oid}`;
    const held = this.#app.schema.detailsOf(ref.connectionId, ref.oid);
    if (held) this.#shown = held;
    if (held || this.#asked === key) return;
    this.#asked = key;
    void this.#load(ref);
  }

  /** Asks for the details; an object made again (a new oid) is found by its name. */
  async #load(ref: ObjectRef): Promise<void> {
    const { schema, tabs } = this.#app;
    try {
      this.#shown = await schema.details(ref.connectionId, ref.oid, ref.kind);
      this.error = null;
    } catch (first) {
      try {
        const found = await schema.detailsByName(ref.connectionId, ref);
        this.#shown = found;
        this.error = null;
        await tabs.setExtra(this.tab.id, { ...this.#extra, oid: found.oid });
      } catch {
        this.error = first instanceof RequestError ? first.info.message : String(first);
      }
    }
    this.requestUpdate();
  }

  async #choose(part: Part): Promise<void> {
    await this.#app.tabs.setExtra(this.tab.id, { ...this.#extra, part });
    if (part === 'data' && !this.#app.runs.of(this.tab.id).run) await this.#runData();
  }

  /** Runs the Data part with the WHERE and ORDER BY it keeps; a refusal is the run's error. */
  async #runData(): Promise<void> {
    const ref = objectOf(this.tab);
    if (!ref) return;
    const refusal = await runTableData(this, this.#app, this.tab, ref);
    if (refusal) this.#app.runs.reject(this.tab.id, { kind: 'validation', ...refusal });
  }

  #onPartKey(event: KeyboardEvent, parts: Part[]): void {
    const at = parts.indexOf(this.#part);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: parts.length - 1 }[
      event.key
    ];
    if (next === undefined) return;
    event.preventDefault();
    const part = parts[(next + parts.length) % parts.length]!;
    void this.#choose(part).then(() => this.focus());
  }

  async #copyDdl(ddl: string): Promise<void> {
    await navigator.clipboard.writeText(ddl);
    this.#copied = true;
    this.requestUpdate();
    setTimeout(() => {
      this.#copied = false;
      this.requestUpdate();
    }, 1500);
  }

  #renderPart(part: Part, d: ObjectDetails) {
    switch (part) {
      case 'columns':
        return columnsPart(d);
      case 'keys':
        return keysPart(d);
      case 'indexes':
        return indexesPart(d);
      case 'triggers':
        return triggersPart(d);
      case 'details':
        return detailsPart(d);
      case 'ddl':
        return html`<div class="ddl-bar">
            <wa-button size="s" appearance="outlined" @click=${() => void this.#copyDdl(d.ddl)}
              ><wa-icon slot="start" name="copy"></wa-icon
              >${this.#copied ? 'Copied' : 'Copy'}</wa-button
            >
          </div>
          <pre class="ddl" tabindex="0" aria-label="Definition">${highlightSql(d.ddl)}</pre>`;
      case 'data':
        return this.#renderData(d);
    }
  }

  #renderData(d: ObjectDetails) {
    return html`<tusk-table-data
      .tab=${this.tab}
      .ref=${objectOf(this.tab)!}
      .details=${d}
    ></tusk-table-data>`;
  }

  #renderBody(ref: ObjectRef, parts: Part[]) {
    const { connections } = this.#app;
    if (!connections.value.live[ref.connectionId]) {
      const name = connections.byId(ref.connectionId)?.name ?? 'its connection';
      return html`<div class="message">
        <p>Not connected to ${name}.</p>
        <wa-button
          size="s"
          variant="brand"
          @click=${() => void connectWithPrompts(this, this.#app, ref.connectionId)}
          >Connect</wa-button
        >
      </div>`;
    }
    const d = this.#shown;
    if (!d) return html`<p class="message">${this.error ?? 'Loading…'}</p>`;
    const part = this.#part;
    return html`<div class="parts" role="tablist" aria-label="Parts">
        ${parts.map(
          (p) =>
            html`<button
              role="tab"
              id=${`part-${p}`}
              aria-selected=${p === part ? 'true' : 'false'}
              aria-controls="part-panel"
              tabindex=${p === part ? 0 : -1}
              @click=${() => void this.#choose(p)}
              @keydown=${(e: KeyboardEvent) => this.#onPartKey(e, parts)}
            >
              ${PARTS[p]}${count(p, d)}
            </button>`,
        )}
      </div>
      <div class="panel ${part}" id="part-panel" role="tabpanel" aria-labelledby=${`part-${part}`}>
        ${this.#renderPart(part, d)}
      </div>`;
  }

  /** Export… (a relation's rows) and Import CSV… (into a table), at the header's end. */
  #transfers(ref: ObjectRef) {
    if (!ROW_KINDS.includes(ref.kind)) return nothing;
    return html`<span class="transfers">
      <wa-button size="s" appearance="outlined" @click=${() => void exportTable(this, ref)}
        >Export…</wa-button
      >
      ${
        TABLE_KINDS.includes(ref.kind)
          ? html`<wa-button
              size="s"
              appearance="outlined"
              @click=${() => void importInto(this, ref)}
              >Import CSV…</wa-button
            >`
          : nothing
      }
    </span>`;
  }

  override render() {
    if (!this.#services.value || !this.tab) return nothing;
    const ref = objectOf(this.tab);
    if (!ref) return html`<p class="message">This tab does not name an object.</p>`;
    const d = this.#shown;
    return html`<header>
        <span class="icon i-${KIND_ICONS[ref.kind]}" aria-hidden="true"></span>
        <h2>${qualifiedName(ref.schema, ref.name)}</h2>
        <span class="facts">${d ? facts(d).join(' · ') : ''}</span>
        ${d?.comment ? html`<span class="comment" title=${d.comment}>${d.comment}</span>` : nothing}
        ${this.#transfers(ref)}
      </header>
      ${this.#renderBody(ref, partsOf(ref.kind))}`;
  }
}

/** The count beside a part's title (its rows), when it has some. */
function count(part: Part, d: ObjectDetails) {
  const n = {
    columns: d.columns?.length,
    keys: d.constraints?.length,
    indexes: d.indexes?.length,
    triggers: d.triggers?.length,
  }[part as string];
  return n ? html`<span class="n">${n}</span>` : nothing;
}

customElements.define('tusk-object-tab', TuskObjectTab);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-object-tab': TuskObjectTab;
  }
}
