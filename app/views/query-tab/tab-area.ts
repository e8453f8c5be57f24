import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import { showDialog } from '../shared/dialog-host';
import { endSessions } from '../shared/open-transactions';
import '../shell/empty-state';
import './history-dialog';
import { LibraryRequestEvent, type LibraryChoice } from './library-events';
import type { QueryTabState } from '../data/tabs-store';
import type { OpenObjectRequest } from '../schema/open-object';
import { objectOf, type TuskObjectTab } from '../schema/object-view';
import '../activity/activity-tab';
import type { TuskActivityTab } from '../activity/activity-tab';
import { activityTitle } from '../activity/open-activity';
import './query-tab';
import type { TuskQueryTab } from './query-tab';
import { runInTab } from './run-flow';
import { exportStatement, exportTable } from '../transfer/open-transfer';
import './save-query-dialog';
import './saved-queries-dialog';
import { CloseTabEvent, NewTabEvent } from './tab-strip';
import './tab-strip';

/**
 * The tab area: the tab strip and the active tab (a query tab, or an object view), or the
 * empty state when no tab is open. Closing a tab whose session has an open transaction asks: commit, roll back, or
 * don't close (`endSessions`). Tabs stay in the page while hidden, so their editors keep their state.
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
    tusk-query-tab,
    tusk-object-tab,
    tusk-activity-tab {
      flex: 1;
      min-height: 0;
    }
    tusk-query-tab[hidden],
    tusk-object-tab[hidden],
    tusk-activity-tab[hidden] {
      display: none;
    }
  `;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    new StoreController(this, () => this.#services.value && [this.#services.value.tabs]);
    this.addEventListener(CloseTabEvent.eventName, (e) => void this.close(e.tabId));
    this.addEventListener(NewTabEvent.eventName, () => void this.openNew());
    this.addEventListener(LibraryRequestEvent.eventName, (e) => void this.showLibrary(e.which));
  }

  /** The active tab's element (a query tab, an object view or an activity view). */
  #activeTab(): (TuskQueryTab | TuskObjectTab | TuskActivityTab) | null {
    const id = this.#app.tabs.active?.id;
    return this.renderRoot.querySelector<TuskQueryTab | TuskObjectTab | TuskActivityTab>(
      `[data-id="${id}"]`,
    );
  }

  /** Acts on a choice made in the history or the saved queries. */
  async #take(choice: LibraryChoice): Promise<void> {
    const active = this.#activeTab();
    if (choice.action === 'insert' && active && 'insertText' in active)
      return active.insertText(choice.sql);
    const tab = await this.#app.tabs.open(choice.connectionId, {
      sql: choice.sql,
      ...(choice.title ? { title: choice.title } : {}),
    });
    await this.updateComplete;
    this.focusActive();
    if (choice.action === 'run')
      await runInTab(this, this.#app, tab, { sql: choice.sql, start: 0, mode: 'script' });
  }

  /** Opens one of the library dialogs: history, save the active tab's query, saved queries. */
  async showLibrary(which: 'history' | 'save' | 'saved'): Promise<void> {
    const tab = this.#app.tabs.active;
    if (which === 'save') {
      if (tab?.kind === 'query') await showDialog(this, 'tusk-save-query-dialog', tab);
      return;
    }
    const dialog = which === 'history' ? 'tusk-history-dialog' : 'tusk-saved-queries-dialog';
    const choice = await showDialog(this, dialog, undefined);
    if (choice) await this.#take(choice);
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
    const query = (t: QueryTabState | undefined) =>
      t?.kind === 'query' && t.connectionId === connectionId;
    const existing = query(tabs.active) ? tabs.active : tabs.value.tabs.find(query);
    if (existing) {
      await tabs.activate(existing.id);
      await this.updateComplete;
      this.focusActive();
    } else {
      await this.openNew(connectionId);
    }
  }

  /**
   * The object's view: its tab when one is open (the same connection and oid, or schema,
   * name and kind), else a new object tab; then focused. With `showData`, on its Data part,
   * run (unless it is running).
   */
  async openObject(object: OpenObjectRequest): Promise<void> {
    const { tabs } = this.#app;
    const same = (t: QueryTabState) => {
      const shown = t.kind === 'object' ? objectOf(t) : null;
      return (
        shown?.connectionId === object.connectionId &&
        (shown.oid === object.oid ||
          (shown.schema === object.schema &&
            shown.name === object.name &&
            shown.kind === object.kind))
      );
    };
    const existing = tabs.value.tabs.find(same);
    if (existing) await tabs.activate(existing.id);
    else
      await tabs.open(object.connectionId, {
        kind: 'object',
        title: object.name,
        extra: {
          oid: object.oid,
          kind: object.kind,
          schema: object.schema,
          name: object.name,
          ...(object.showData ? { part: 'data' } : {}),
        },
      });
    await this.updateComplete;
    this.focusActive();
    const view = this.#activeTab();
    if (object.showData && view && 'showData' in view) await view.showData();
  }

  /**
   * The connection's activity tab (one per connection): focused when open, else opened on
   * its Sessions at the default rate.
   */
  async openActivity(connectionId: string): Promise<void> {
    const { tabs, connections } = this.#app;
    const existing = tabs.value.tabs.find(
      (t) => t.kind === 'activity' && t.connectionId === connectionId,
    );
    if (existing) await tabs.activate(existing.id);
    else
      await tabs.open(connectionId, {
        kind: 'activity',
        title: activityTitle(connections.byId(connectionId)?.name ?? 'server'),
        extra: { section: 'sessions', rateMs: 1000 },
      });
    await this.updateComplete;
    this.focusActive();
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
    this.#activeTab()?.focusResults();
  }

  /**
   * Opens the export for the active tab: an object view's table; in a query tab the result
   * shown when the focus is in the results, else the statement at the cursor (or the
   * selection), re-run for the export on the tab's session.
   */
  async exportActive(): Promise<void> {
    const active = this.#activeTab();
    const tab = this.#app.tabs.active;
    if (!active || !tab?.connectionId) return;
    if (tab.kind !== 'query') {
      const ref = objectOf(tab);
      return ref ? exportTable(this, ref) : undefined;
    }
    const results = active.renderRoot.querySelector('tusk-results-panel');
    if (results?.matches(':focus-within')) return results.exportShown();
    const sql = (await active.renderRoot.querySelector('tusk-sql-editor')?.statement())?.sql;
    if (sql) await exportStatement(this, tab.connectionId, sql, tab.id, tab.title);
  }

  /** Focuses the active tab's editor. */
  focusActive(): void {
    this.#activeTab()?.focus();
  }

  /** Closes a tab, asking first when its session has an open transaction. */
  async close(tabId: string): Promise<void> {
    const { tabs, runs } = this.#app;
    const tab = tabs.byId(tabId);
    if (!tab) return;
    await tabs.flush(tabId);
    if (!(await endSessions(this, this.#app, { kind: 'close', tab }))) return;
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
    if (tabs.length === 0) return html`<tusk-empty-state></tusk-empty-state>`;
    const activeId = app.tabs.active?.id;
    return html`<tusk-tab-strip></tusk-tab-strip>
      <div class="panel" role="tabpanel" id="tab-panel" aria-labelledby=${`tab-${activeId}`}>
        ${repeat(
          tabs,
          (tab) => tab.id,
          (tab) =>
            tab.kind === 'activity'
              ? html`<tusk-activity-tab
                  data-id=${tab.id}
                  .tab=${tab}
                  .active=${tab.id === activeId}
                  ?hidden=${tab.id !== activeId}
                ></tusk-activity-tab>`
              : tab.kind === 'object'
                ? html`<tusk-object-tab
                    data-id=${tab.id}
                    .tab=${tab}
                    ?hidden=${tab.id !== activeId}
                  ></tusk-object-tab>`
                : html`<tusk-query-tab
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
