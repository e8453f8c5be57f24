import type { Methods } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';

/** One history entry as `history.search` gives it. */
export type HistoryEntry = Methods['history.search']['result'][number];
/** A saved query as `saved.list` gives it. */
export type SavedQuery = Methods['saved.list']['result'][number];

/**
 * The query history and the saved queries: searched and listed on demand (the dialogs
 * ask when they open and as the user types), saved queries changed through `saved.*`.
 */
export class LibraryStore extends Store<{ history: HistoryEntry[]; saved: SavedQuery[] }> {
  readonly #client: TuskClient;
  #searchId = 0;

  constructor(client: TuskClient) {
    super({ history: [], saved: [] });
    this.#client = client;
  }

  /** Searches the history (every word a prefix); a newer search wins over a slower older one. */
  async searchHistory(text: string, limit = 200): Promise<void> {
    const id = ++this.#searchId;
    const history = await this.#client.call('history.search', {
      ...(text.trim() ? { text } : {}),
      limit,
    });
    if (id === this.#searchId) this.set({ ...this.value, history });
  }

  async listSaved(): Promise<void> {
    const saved = await this.#client.call('saved.list', {});
    this.set({ ...this.value, saved });
  }

  /** Saves (or, with `id`, changes) a query; rejects with the backend's validation error. */
  async save(input: Methods['saved.save']['params']): Promise<SavedQuery> {
    const saved = await this.#client.call('saved.save', input);
    await this.listSaved();
    return saved;
  }

  async deleteSaved(id: string): Promise<void> {
    await this.#client.call('saved.delete', { id });
    await this.listSaved();
  }
}
