import type { Methods } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';
import type { TabsStore } from './tabs-store';

/** The workspace's layout as stored (`workspace.get`'s `layout`). */
export type Layout = Methods['workspace.get']['result']['layout'];

/** Sidebar widths a user can drag to, px. */
export const SIDEBAR_MIN = 160;
export const SIDEBAR_MAX = 640;
const SAVE_AFTER_MS = 400;

/**
 * The workspace domain of the views: reads the workspace once (`workspace.get`: the layout
 * here, the tabs handed to the {@link TabsStore}), saves the layout (sidebar width, whether
 * it is shown, panel sizes) a moment after the last change, one small write
 * (`workspace.saveLayout`), and takes the layout another page saved (`workspace.changed`).
 * A change names the layout's fields it concerns: `layout:sidebarWidth`, …
 */
export class WorkspaceStore extends Store<{ loaded: boolean; layout: Layout }> {
  readonly #client: TuskClient;
  readonly #tabs: TabsStore;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: TuskClient, tabs: TabsStore) {
    super({
      loaded: false,
      layout: { sidebarWidth: 260, resultsHeight: 320, resultsShare: null } as Layout,
    });
    this.#client = client;
    this.#tabs = tabs;
    client.on('workspace.changed', (change, own) => {
      // This page's own layout is here already, maybe newer than what it saved.
      if (own) return;
      if (change.kind === 'layout') this.#setLayout(change.layout);
      if (change.kind === 'workspace') this.#setLayout(change.workspace.layout);
    });
  }

  /**
   * Reads the workspace (at start and after a reconnect): the layout, and the tabs. The tabs
   * are restored once `after` has settled too (at start, the connections' list, read at the
   * same time: the tabs then come with their connections' names, never without them first).
   */
  async load(after?: Promise<unknown>): Promise<void> {
    const [workspace] = await Promise.all([
      this.#client.call('workspace.get', {}),
      after?.catch(() => undefined),
    ]);
    this.#tabs.restore(workspace.tabs, workspace.activeTabId);
    this.set({ loaded: true, layout: workspace.layout }, ['loaded', 'layout']);
  }

  /** Changes some layout fields now and saves them shortly after. */
  change(fields: Partial<Layout>): void {
    this.#setLayout({ ...this.value.layout, ...fields });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_AFTER_MS);
  }

  /** Saves the layout now (before the page unloads). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#client.call('workspace.saveLayout', { layout: this.value.layout });
  }

  /** Replaces the layout, naming the fields that changed. */
  #setLayout(layout: Layout): void {
    const before = this.value.layout as Record<string, unknown>;
    const after = layout as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    );
    if (fields.length === 0) return;
    this.set(
      { ...this.value, layout },
      fields.map((field) => `layout:${field}`),
    );
  }
}
