import type { ServerEvents } from '../../controllers/api';

/** The first rows of one result, as the backend pushes them. */
export type PushedRows = ServerEvents['query.rows'];

/**
 * The first rows the backend pushed (`query.rows`) for the runs under way: per query, only
 * those of its latest result (the one whose rows arrive: a script of many results holds one
 * page, not one per result), until the run ends or is dropped; and which results wait for
 * theirs.
 */
export class FirstRows {
  readonly #latest = new Map<string, PushedRows>();
  readonly #waiting = new Map<string, Set<number>>();
  /** `queryId:result` drawn without their first rows. */
  readonly #given = new Set<string>();

  add(rows: PushedRows): void {
    this.#latest.set(rows.queryId, rows);
  }

  /**
   * True once `result` may be drawn: its first rows were pushed, or they were waited for
   * long enough ({@link waitFor}).
   */
  ready(queryId: string, result: number): boolean {
    return this.#latest.get(queryId)?.result === result || this.#given.has(`${queryId}:${result}`);
  }

  get(queryId: string, result: number): PushedRows | undefined {
    const rows = this.#latest.get(queryId);
    return rows?.result === result ? rows : undefined;
  }

  /**
   * Waits for `result`'s first rows: when they are not pushed within `ms` (the backend could
   * not read them, or named their columns late), gives up on them and calls `drawWithout`
   * (its grid then asks for its pages itself). Once per result.
   */
  waitFor(queryId: string, result: number, ms: number, drawWithout: () => void): void {
    let waiting = this.#waiting.get(queryId);
    if (!waiting) {
      waiting = new Set();
      this.#waiting.set(queryId, waiting);
    }
    if (waiting.has(result)) return;
    waiting.add(result);
    setTimeout(() => {
      if (this.ready(queryId, result) || !this.#waiting.get(queryId)?.has(result)) return;
      this.#given.add(`${queryId}:${result}`);
      drawWithout();
    }, ms);
  }

  /** Forgets a query's rows (it ended, or its result was closed). */
  drop(queryId: string): void {
    this.#latest.delete(queryId);
    for (const result of this.#waiting.get(queryId) ?? [])
      this.#given.delete(`${queryId}:${result}`);
    this.#waiting.delete(queryId);
  }
}
