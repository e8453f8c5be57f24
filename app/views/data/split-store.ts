import type { Methods } from '../../controllers/api';
import type { TuskClient } from '../client';

/** One statement as `queries.split` answers it: range (code points), kind, writes, `$n`. */
export type SplitStatement = Methods['queries.split']['result'][number];

/** Texts whose answers are kept (a tab's text, a selection, the other tabs'). */
const KEEP = 8;
/** At most this many characters of text among them (a long script's answer is large). */
const KEEP_CHARS = 2_000_000;
/** How long typing must pause before a text is split ahead of a run. */
const WARM_AFTER_MS = 300;

/**
 * The backend's split of SQL texts (`queries.split`: statements, kinds, whether each writes,
 * the parameters each needs), asked once per text and kept for the last few texts (at most
 * 8 of them and 2M characters), so finding the statement under the cursor, the read-only
 * check and the parameters of a run share one answer. A call in flight is shared; a failed
 * one is forgotten (the next call asks again). The views never split SQL themselves.
 */
export class SplitStore {
  readonly #client: TuskClient;
  /** By text, the least recently used first. */
  readonly #answers = new Map<string, Promise<SplitStatement[]>>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(client: TuskClient) {
    this.#client = client;
  }

  /** The statements of `sql`; rejects with the backend's error (a RequestError). */
  split(sql: string): Promise<SplitStatement[]> {
    const kept = this.#answers.get(sql);
    if (kept) {
      this.#answers.delete(sql);
      this.#answers.set(sql, kept);
      return kept;
    }
    const asked = this.#client.call('queries.split', { sql });
    this.#answers.set(sql, asked);
    asked.catch(() => {
      if (this.#answers.get(sql) === asked) this.#answers.delete(sql);
    });
    let chars = 0;
    for (const text of this.#answers.keys()) chars += text.length;
    for (const oldest of this.#answers.keys()) {
      if (this.#answers.size <= 1 || (this.#answers.size <= KEEP && chars <= KEEP_CHARS)) break;
      this.#answers.delete(oldest);
      chars -= oldest.length;
    }
    return asked;
  }

  /**
   * Splits `sql` once typing in `key` (a tab) has paused, so a run finds the answer ready;
   * each key's latest text only.
   */
  warm(key: string, sql: string): void {
    clearTimeout(this.#timers.get(key));
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        void this.split(sql).catch(() => undefined);
      }, WARM_AFTER_MS),
    );
  }
}
