import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RequestError } from '../client';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import '../results/result-grid';
import type { TuskResultGrid } from '../results/result-grid';
import { registerGridFactory } from './results-panel';
import { askChoice } from '../shared/confirm-dialog';
import '../shell/empty-state';
import './history-dialog';
import { InsertSqlEvent, LibraryRequestEvent, OpenSqlEvent } from './library-events';
import './query-tab';
import { runInTab } from './run-flow';
import './save-query-dialog';
import './saved-queries-dialog';
import { CloseTabEvent, NewTabEvent } from './tab-strip';
import './tab-strip';

/**
 * The tab area: the tab strip and the active query tab, or the empty state when no tab is
 * open. Closing a tab whose session has an open transaction asks: commit, roll back, or
 * don't close. Tabs stay in the page while hidden, so their editors keep their state.
 */
export class TuskTabArea extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-height: 0;
      min-width: 0;
    }
    .panel {
      flex: 1;
      min-height: 0;
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    tusk-query-tab {
      flex: 1;
      min-height: 0;
    }
    tusk-query-tab[hidden] {
      display: none;
    }
  `;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    this.addEventListener(CloseTabEvent.eventName, (e) => void this.close(e.tabId));
    this.addEventListener(NewTabEvent.eventName, () => void this.openNew());
    this.addEventListener(OpenSqlEvent.eventName, (e) => void this.#openSql(e));
    this.addEventListener(LibraryRequestEvent.eventName, (e) => this.showLibrary(e.which));
    this.addEventListener(InsertSqlEvent.eventName, (e) => {
      const editor = this.#activeTab()?.renderRoot.querySelector('tusk-sql-editor') as
        (HTMLElement & { insertText?(text: string): void }) | null;
      editor?.insertText?.(e.sql);
      editor?.focus();
    });
  }

  #activeTab(): (HTMLElement & { renderRoot: ParentNode }) | null {
    const id = this.#app.tabs.active?.id;
    return this.renderRoot.querySelector(`tusk-query-tab[data-id="${id}"]`);
  }

  async #openSql(event: OpenSqlEvent): Promise<void> {
    const { tabs } = this.#app;
    const tab = await tabs.open(event.connectionId, {
      sql: event.sql,
      ...(event.title ? { title: event.title } : {}),
    });
    await this.updateComplete;
    this.focusActive();
    if (event.run)
      await runInTab(this, this.#app, tab, { sql: event.sql, start: 0, mode: 'script' });
  }

  /** Opens one of the library dialogs: history, save the active tab's query, saved queries. */
  showLibrary(which: 'history' | 'save' | 'saved'): void {
    if (which === 'history') this.renderRoot.querySelector('tusk-history-dialog')?.show();
    else if (which === 'saved') this.renderRoot.querySelector('tusk-saved-queries-dialog')?.show();
    else {
      const tab = this.#app.tabs.active;
      if (tab) void this.renderRoot.querySelector('tusk-save-query-dialog')?.show(tab);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const app = this.#services.value;
    if (!app) return;
    new StoreController(this, app.tabs);
    registerGridFactory((queryId, index) => {
      const grid = document.createElement('tusk-result-grid') as TuskResultGrid;
      grid.source = app.runs.source(queryId, index);
      grid.label = `Result ${index + 1}`;
      return grid;
    });
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  /** A new tab on the active tab's connection (or the selected one in the sidebar). */
  async openNew(connectionId?: string): Promise<void> {
    const { tabs, connections } = this.#app;
    const on = connectionId ?? tabs.active?.connectionId ?? connections.value.activeId ?? null;
    await tabs.open(on);
    await this.updateComplete;
    this.focusActive();
  }

  /** The connection's tab (the active one if it is on it), or a new one; then focused. */
  async openFor(connectionId: string): Promise<void> {
    const { tabs } = this.#app;
    const existing =
      tabs.active?.connectionId === connectionId
        ? tabs.active
        : tabs.value.tabs.find((t) => t.connectionId === connectionId);
    if (existing) {
      await tabs.activate(existing.id);
      await this.updateComplete;
      this.focusActive();
    } else {
      await this.openNew(connectionId);
    }
  }

  /** Activates the tab `step` places away (cycling). */
  async cycle(step: number): Promise<void> {
    const next = this.#app.tabs.neighbour(step);
    if (next) await this.#app.tabs.activate(next.id);
  }

  /** Focuses the active tab in the strip (Alt+2). */
  focusStrip(): void {
    this.renderRoot.querySelector('tusk-tab-strip')?.focusActive();
  }

  /** Focuses the active tab's results (its grid, or the results bar when it has none). */
  focusResults(): void {
    const id = this.#app.tabs.active?.id;
    const tab = this.renderRoot.querySelector(`tusk-query-tab[data-id="${id}"]`);
    (tab as (HTMLElement & { focusResults?(): void }) | null)?.focusResults?.();
  }

  /** Focuses the active tab's editor. */
  focusActive(): void {
    const id = this.#app.tabs.active?.id;
    const tab = this.renderRoot.querySelector(
      `tusk-query-tab[data-id="${id}"]`,
    ) as HTMLElement | null;
    tab?.focus();
  }

  /** Closes a tab, asking first when its session has an open transaction. */
  async close(tabId: string): Promise<void> {
    const { tabs, runs, connections } = this.#app;
    const tab = tabs.byId(tabId);
    if (!tab) return;
    await tabs.flush(tabId);
    const connectionId = tab.connectionId;
    if (connectionId && connections.value.live[connectionId]) {
      try {
        await runs.closeSession(tabId, connectionId);
      } catch (error) {
        if (!(error instanceof RequestError) || error.info.code !== 'TRANSACTION_OPEN') throw error;
        const answer = await askChoice(this, {
          title: 'Close a tab with an open transaction?',
          message: `“${tab.title}” has a transaction that is not committed. Commit it, roll it back, or keep the tab open.`,
          confirmLabel: 'Commit and close',
          alternative: 'Roll back and close',
          // Committing cannot be undone: Enter keeps the tab open.
          focused: 'cancel',
        });
        if (answer === 'cancel') return;
        await runs.closeSession(tabId, connectionId, answer === 'confirm');
      }
    }
    runs.forget(tabId);
    await tabs.remove(tabId);
    await this.updateComplete;
    this.focusActive();
  }

  override updated(): void {
    // Tabs restored at start: the active one's editor takes the focus (when nothing has it).
    if (this.#focusedOnce || !this.#app?.tabs.value.loaded || !this.#app.tabs.active) return;
    this.#focusedOnce = true;
    if (document.activeElement === document.body) this.focusActive();
  }

  #focusedOnce = false;

  override render() {
    const app = this.#services.value;
    if (!app?.tabs.value.loaded) return nothing;
    const { tabs } = app.tabs.value;
    const dialogs = html`<tusk-history-dialog></tusk-history-dialog>
      <tusk-save-query-dialog></tusk-save-query-dialog>
      <tusk-saved-queries-dialog></tusk-saved-queries-dialog>`;
    if (tabs.length === 0) return html`<tusk-empty-state></tusk-empty-state>${dialogs}`;
    const activeId = app.tabs.active?.id;
    return html`${dialogs}<tusk-tab-strip></tusk-tab-strip>
      <div class="panel" role="tabpanel" id="tab-panel" aria-labelledby=${`tab-${activeId}`}>
        ${repeat(
          tabs,
          (tab) => tab.id,
          (tab) =>
            html`<tusk-query-tab
              data-id=${tab.id}
              .tab=${tab}
              ?hidden=${tab.id !== activeId}
            ></tusk-query-tab>`,
        )}
      </div>`;
  }
}

customElements.define('tusk-tab-area', TuskTabArea);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-tab-area': TuskTabArea;
  }
}
