import type { SearchHit } from '../../controllers/api';
import type { AppServices } from '../data/app-context';

/** The most hits a search shows per connection. */
const SEARCH_LIMIT = 200;

/**
 * The tree's filter: the text, and per open connection the objects and columns whose name
 * holds it (`schema.search`; system schemas’ too where the user shows them), asked at each
 * keystroke. An answer overtaken by a newer search is left; the previous hits stay shown
 * until the new ones come (no flicker).
 */
export class TreeSearch {
  text = '';
  hits = new Map<string, SearchHit[] | null>();
  #asked = 0;
  readonly #changed: () => void;

  constructor(changed: () => void) {
    this.#changed = changed;
  }

  /** Searches for `text` (trimmed) in every open connection; '' ends the filter. */
  set(app: AppServices, text: string): void {
    this.text = text.trim();
    this.run(app);
  }

  /** Asks again (the catalog changed). */
  run(app: AppServices): void {
    const text = this.text;
    const asked = ++this.#asked;
    if (!text) this.hits = new Map();
    else
      for (const id of Object.keys(app.connections.value.live)) {
        if (!this.hits.has(id)) this.hits.set(id, null);
        void app.schema
          .search(id, text, SEARCH_LIMIT)
          .catch((): SearchHit[] => [])
          .then((hits) => {
            if (asked !== this.#asked) return;
            this.hits.set(id, hits);
            this.#changed();
          });
      }
    this.#changed();
  }

  /** True when a filter is on and the connection has (or may have) hits. */
  has(id: string): boolean {
    if (!this.text) return false;
    const hits = this.hits.get(id);
    return hits === null || (hits?.length ?? 0) > 0;
  }
}
