import type { ServerEvents } from '../../controllers/api';

/** The first rows of one result, as the backend pushes them. */
export type PushedRows = ServerEvents['query.rows'];

/**
 * The first rows the backend pushed (`query.rows`) for each result of the runs under way,
 * by query and result index, until the run ends or is dropped; and which results wait for
 * theirs.
 */
export class FirstRows {
  readonly #byQuery = new Map<string, Map<number, PushedRows | null>>();

  add(rows: PushedRows): void {
    this.#of(rows.queryId).set(rows.result, rows);
  }

  /** True once the first rows of `result` were pushed. */
  has(queryId: string, result: number): boolean {
    return Boolean(this.#byQuery.get(queryId)?.get(result));
  }

  get(queryId: string, result: number): PushedRows | undefined {
    return this.#byQuery.get(queryId)?.get(result) ?? undefined;
  }

  /** Marks `result` as waiting for its first rows; false when it was already. */
  waitFor(queryId: string, result: number): boolean {
    const results = this.#of(queryId);
    if (results.has(result)) return false;
    results.set(result, null);
    return true;
  }

  /** Forgets a query's rows (it ended, or its result was closed). */
  drop(queryId: string): void {
    this.#byQuery.delete(queryId);
  }

  #of(queryId: string): Map<number, PushedRows | null> {
    let results = this.#byQuery.get(queryId);
    if (!results) {
      results = new Map();
      this.#byQuery.set(queryId, results);
    }
    return results;
  }
}
