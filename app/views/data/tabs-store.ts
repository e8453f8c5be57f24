import type { WorkspaceTab } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';

/** A tab as the views hold it: what is stored, plus whether its SQL awaits saving. */
export type QueryTabState = WorkspaceTab & { unsaved?: boolean };

/** The open editor tabs and the active one. */
export interface TabsState {
  loaded: boolean;
  tabs: QueryTabState[];
  activeId: string | null;
}

/** A tab's SQL is saved at most this long after the last keystroke. */
export const AUTOSAVE_MS = 1000;

/**
 * The editor tabs (the workspace's `tabs`): opened, renamed, reordered, closed, each
 * bound to a connection; a tab's SQL is saved one tab at a time (`workspace.saveTab`) at
 * most {@link AUTOSAVE_MS} after the last keystroke, so a crash or reload loses at most
 * that. Restoring tabs never runs anything.
 */
export class TabsStore extends Store<TabsState> {
  readonly #client: TuskClient;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(client: TuskClient) {
    super({ loaded: false, tabs: [], activeId: null });
    this.#client = client;
  }

  async load(): Promise<void> {
    const workspace = await this.#client.call('workspace.get', {});
    this.set({ loaded: true, tabs: workspace.tabs, activeId: workspace.activeTabId });
  }

  byId(id: string | null | undefined): QueryTabState | undefined {
    return id ? this.value.tabs.find((t) => t.id === id) : undefined;
  }

  get active(): QueryTabState | undefined {
    return this.byId(this.value.activeId) ?? this.value.tabs[0];
  }

  /** Opens a new tab on `connectionId` (or none) and makes it active. */
  async open(connectionId: string | null, init: { title?: string; sql?: string } = {}) {
    const id = crypto.randomUUID();
    const title = init.title ?? this.#nextTitle();
    const tab = await this.#client.call('workspace.saveTab', {
      tab: { id, title, sql: init.sql ?? '', connectionId },
    });
    this.set({ ...this.value, tabs: [...this.value.tabs, tab], activeId: id });
    await this.#client.call('workspace.setActive', { tabId: id });
    return tab;
  }

  async activate(id: string): Promise<void> {
    if (this.value.activeId === id) return;
    this.set({ ...this.value, activeId: id });
    await this.#client.call('workspace.setActive', { tabId: id });
  }

  /** The tab `step` places after (or before) the active one, cycling. */
  neighbour(step: number): QueryTabState | undefined {
    const { tabs } = this.value;
    const at = tabs.findIndex((t) => t.id === this.active?.id);
    return tabs.length ? tabs[(at + step + tabs.length) % tabs.length] : undefined;
  }

  /** Keeps the SQL now and saves it shortly (autosave). */
  setSql(id: string, sql: string, cursor: number): void {
    this.#patch(id, { sql, cursor, unsaved: true });
    clearTimeout(this.#timers.get(id));
    this.#timers.set(
      id,
      setTimeout(() => void this.flush(id), AUTOSAVE_MS),
    );
  }

  /** Saves a tab's pending SQL now (before a run, on close, when the page hides). */
  async flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...this.#timers.keys()];
    await Promise.all(
      ids.map(async (tabId) => {
        clearTimeout(this.#timers.get(tabId));
        this.#timers.delete(tabId);
        const tab = this.byId(tabId);
        if (!tab?.unsaved) return;
        await this.#client.call('workspace.saveTab', {
          tab: { id: tabId, sql: tab.sql, cursor: Math.min(tab.cursor, tab.sql.length) },
        });
        this.#patch(tabId, { unsaved: false });
      }),
    );
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim().slice(0, 200);
    if (!clean) return;
    this.#patch(id, { title: clean });
    await this.#client.call('workspace.saveTab', { tab: { id, title: clean } });
  }

  /** Records that the tab's SQL is saved as the query `savedQueryId` (named `title`). */
  async linkSaved(id: string, savedQueryId: string, title: string): Promise<void> {
    this.#patch(id, { savedQueryId, title, dirty: false });
    await this.#client.call('workspace.saveTab', {
      tab: { id, savedQueryId, title, dirty: false },
    });
  }

  async setConnection(id: string, connectionId: string | null): Promise<void> {
    this.#patch(id, { connectionId });
    await this.#client.call('workspace.saveTab', { tab: { id, connectionId } });
  }

  /** Moves a tab to `index` (0-based) among the tabs. */
  async move(id: string, index: number): Promise<void> {
    const tabs = this.value.tabs.filter((t) => t.id !== id);
    const tab = this.byId(id);
    if (!tab) return;
    tabs.splice(Math.max(0, Math.min(tabs.length, index)), 0, tab);
    this.set({ ...this.value, tabs });
    await this.#client.call('workspace.order', { ids: tabs.map((t) => t.id) });
  }

  /** Removes a tab (its session must have been closed by the caller). */
  async remove(id: string): Promise<void> {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    const at = this.value.tabs.findIndex((t) => t.id === id);
    const tabs = this.value.tabs.filter((t) => t.id !== id);
    const activeId =
      this.value.activeId === id
        ? (tabs[Math.min(at, tabs.length - 1)]?.id ?? null)
        : this.value.activeId;
    this.set({ ...this.value, tabs, activeId });
    await this.#client.call('workspace.deleteTab', { id });
    if (activeId) await this.#client.call('workspace.setActive', { tabId: activeId });
  }

  #patch(id: string, fields: Partial<QueryTabState>): void {
    this.set({
      ...this.value,
      tabs: this.value.tabs.map((t) => (t.id === id ? { ...t, ...fields } : t)),
    });
  }

  #nextTitle(): string {
    const used = new Set(this.value.tabs.map((t) => t.title));
    for (let n = 1; ; n += 1) if (!used.has(`Query ${n}`)) return `Query ${n}`;
  }
}
