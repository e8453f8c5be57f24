import type { Kysely } from 'kysely';
import type { LocalSchema } from './local-schema';
import { getState, putState } from './workspace-rows';

/** The `ui_state` key of the dismissed notices' ids. */
const KEY = 'notices.dismissed';
/** Ids kept at most; the oldest go first. */
const MAX_IDS = 500;

/**
 * The notices the user dismissed (their stable ids), kept in `tusk.db` so a dismissed
 * notice stays dismissed at the next start (the page's own storage cannot keep them: its
 * origin changes with the port each run).
 */
export class DismissedNotices {
  readonly #db: Kysely<LocalSchema>;
  readonly #ids: string[];

  private constructor(db: Kysely<LocalSchema>, ids: string[]) {
    this.#db = db;
    this.#ids = ids;
  }

  /** Reads the stored ids (none when the value is missing or unreadable). */
  static async load(db: Kysely<LocalSchema>): Promise<DismissedNotices> {
    const stored = await getState(db, KEY).catch(() => undefined);
    const ids = Array.isArray(stored) ? stored.filter((x) => typeof x === 'string') : [];
    return new DismissedNotices(db, ids.slice(-MAX_IDS));
  }

  /** True when the notice `id` was dismissed. */
  has(id: string): boolean {
    return this.#ids.includes(id);
  }

  /** Stores `id` as dismissed. */
  async add(id: string): Promise<void> {
    if (this.has(id)) return;
    this.#ids.push(id);
    if (this.#ids.length > MAX_IDS) this.#ids.splice(0, this.#ids.length - MAX_IDS);
    await putState(this.#db, KEY, this.#ids);
  }
}
