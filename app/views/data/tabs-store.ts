import type { WorkspaceChange, WorkspaceTab } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';

/** What a tab is: a query tab, or an object view. */
export type TabKind = WorkspaceTab['kind'];
/** A tab's view state as stored (`extra`). */
export type TabExtra = WorkspaceTab['extra'];

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
 * that. Restoring tabs never runs anything. What another page changes comes with
 * `workspace.changed` (this page's own changes are here already); SQL typed here and not
 * saved yet is kept over what comes.
 */
export class TabsStore extends Store<TabsState> {
  readonly #client: TuskClient;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(client: TuskClient) {
    super({ loaded: false, tabs: [], activeId: null });
    this.#client = client;
    client.on('workspace.changed', (change, own) => {
      if (!own) this.#take(change);
    });
  }

  /**
   * Takes the tabs and the active tab as `workspace.get` gave them (the workspace store
   * reads it, at start and after a reconnect).
   */
  restore(tabs: WorkspaceTab[], activeId: string | null): void {
    this.set({ loaded: true, tabs: tabs.map((tab) => this.#merged(tab)), activeId });
  }

  byId(id: string | null | undefined): QueryTabState | undefined {
    return id ? this.value.tabs.find((t) => t.id === id) : undefined;
  }

  get active(): QueryTabState | undefined {
    return this.byId(this.value.activeId) ?? this.value.tabs[0];
  }

  /**
   * Opens a new tab on `connectionId` (or none) and makes it active: a query tab, or
   * another `kind` with its view state in `extra` (an object view's object).
   */
  async open(
    connectionId: string | null,
    init: { title?: string; sql?: string; kind?: TabKind; extra?: TabExtra } = {},
  ) {
    const id = crypto.randomUUID();
    const title = init.title ?? this.#nextTitle();
    const tab = await this.#client.call('workspace.saveTab', {
      tab: {
        id,
        title,
        sql: init.sql ?? '',
        connectionId,
        ...(init.kind ? { kind: init.kind } : {}),
        ...(init.extra ? { extra: init.extra } : {}),
      },
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

  /** Replaces a tab's view state (`extra`: an object view's object and part shown). */
  async setExtra(id: string, extra: TabExtra): Promise<void> {
    this.#patch(id, { extra });
    await this.#client.call('workspace.saveTab', { tab: { id, extra } });
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
    const activeId = this.#drop(id);
    await this.#client.call('workspace.deleteTab', { id });
    if (activeId) await this.#client.call('workspace.setActive', { tabId: activeId });
  }

  /** A change another page made. */
  #take(change: WorkspaceChange): void {
    const { tabs } = this.value;
    switch (change.kind) {
      case 'tab': {
        const tab = this.#merged(change.tab);
        const known = tabs.some((t) => t.id === tab.id);
        const next = known ? tabs.map((t) => (t.id === tab.id ? tab : t)) : [...tabs, tab];
        return this.set({ ...this.value, tabs: next });
      }
      case 'tabDeleted':
        this.#drop(change.id);
        return;
      case 'order': {
        const at = new Map(change.ids.map((id, index) => [id, index]));
        const place = (t: QueryTabState) => at.get(t.id) ?? change.ids.length;
        // Stable: tabs the order does not name keep theirs, after the named ones.
        return this.set({ ...this.value, tabs: [...tabs].sort((a, b) => place(a) - place(b)) });
      }
      case 'active':
        if (change.activeTabId === null || this.byId(change.activeTabId))
          this.set({ ...this.value, activeId: change.activeTabId });
        return;
      case 'workspace':
        return this.restore(change.workspace.tabs, change.workspace.activeTabId);
      // The layout is the workspace store's.
    }
  }

  /** A tab as stored, with the SQL typed here kept while it awaits saving. */
  #merged(stored: WorkspaceTab): QueryTabState {
    const local = this.byId(stored.id);
    if (!local?.unsaved) return stored;
    return { ...stored, sql: local.sql, cursor: local.cursor, unsaved: true };
  }

  /** Takes a closed tab out; the active one passes to its neighbour. Returns the active id. */
  #drop(id: string): string | null {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    const at = this.value.tabs.findIndex((t) => t.id === id);
    const tabs = this.value.tabs.filter((t) => t.id !== id);
    const activeId =
      this.value.activeId === id
        ? (tabs[Math.min(at, tabs.length - 1)]?.id ?? null)
        : this.value.activeId;
    this.set({ ...this.value, tabs, activeId });
    return activeId;
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
