import type { Methods } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';

/** The workspace's layout as stored (`workspace.get`'s `layout`). */
export type Layout = Methods['workspace.get']['result']['layout'];

/** Sidebar widths a user can drag to, px. */
export const SIDEBAR_MIN = 160;
export const SIDEBAR_MAX = 640;
const SAVE_AFTER_MS = 400;

/**
 * The workspace domain of the views: the layout (sidebar width, whether it is shown, panel
 * sizes), restored at start and saved a moment after the last change, one small write
 * (`workspace.saveLayout`) rather than the whole workspace.
 */
export class WorkspaceStore extends Store<{ loaded: boolean; layout: Layout }> {
  readonly #client: TuskClient;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: TuskClient) {
    super({
      loaded: false,
      layout: { sidebarWidth: 260, resultsHeight: 320, resultsShare: null } as Layout,
    });
    this.#client = client;
  }

  async load(): Promise<void> {
    const workspace = await this.#client.call('workspace.get', {});
    this.set({ loaded: true, layout: workspace.layout });
  }

  /** Changes some layout fields now and saves them shortly after. */
  change(fields: Partial<Layout>): void {
    this.set({ ...this.value, layout: { ...this.value.layout, ...fields } });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_AFTER_MS);
  }

  /** Saves the layout now (before the page unloads). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#client.call('workspace.saveLayout', { layout: this.value.layout });
  }
}
