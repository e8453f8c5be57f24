import { CHUNK_BYTES, chunkPool } from './chunk-pool';

/** A run the budget knows: its bytes, whether it is still fetching, when it was last read. */
export interface Budgeted {
  id: string;
  /** Memory it holds now: its results' rows, notices, orders and sort keys being built. */
  readonly bytes: number;
  fetching: boolean;
  /** performance.now() of the last page read, or of its start. */
  lastUsed: number;
  /** Frees the rows (the result then answers "freed"). */
  free(): void;
}

/** `app.health`'s `results`: see {@link ResultBudget.memory}. */
export interface ResultsMemory {
  heldBytes: number;
  spareBytes: number;
  chunksMade: number;
  chunksReused: number;
}

/** Limits of {@link ResultBudget}, in bytes. */
export interface BudgetLimits {
  /** One result at most (preference `resultMemoryMb`). */
  perResult: number;
  /** All results held together (preference `resultsTotalMemoryMb`). */
  total: number;
}

/**
 * Memory held by query results. A fetch asks before each new chunk whether `bytes` more fit:
 * its result (one statement's) within the per-result limit, and everything within the
 * total — the spare chunks kept for reuse counted too — once spare chunks, then the least
 * recently read runs that are not fetching (nor the asker), oldest first, have been freed.
 * A "no" stops the fetch (the result is then marked truncated), or a sort (an error).
 */
export class ResultBudget {
  readonly #results = new Map<string, Budgeted>();
  readonly #limits: () => BudgetLimits;

  constructor(limits: () => BudgetLimits) {
    this.#limits = limits;
  }

  /** Starts counting a run. */
  track(entry: Budgeted): void {
    this.#results.set(entry.id, entry);
  }

  /** Stops counting a run (closed or freed). */
  forget(id: string): void {
    this.#results.delete(id);
  }

  /**
   * What results hold now (rows, notices, orders, and the spare chunks kept for reuse) and
   * the full-size chunks asked of the allocator and reused since start.
   */
  memory(): ResultsMemory {
    const { made, reused } = chunkPool.counts;
    return {
      heldBytes: this.held(),
      spareBytes: chunkPool.spareBytes,
      chunksMade: made,
      chunksReused: reused,
    };
  }

  /** Bytes held by every tracked run and by the spare chunks. */
  held(): number {
    let sum = chunkPool.spareBytes;
    for (const entry of this.#results.values()) sum += entry.bytes;
    return sum;
  }

  /**
   * True when one result of `entry`, holding `resultBytes` now, may grow by `bytes`; frees
   * spare chunks, then older runs, to make room in the total when needed.
   */
  allows(entry: Budgeted, resultBytes: number, bytes: number): boolean {
    const limits = this.#limits();
    if (resultBytes + bytes > limits.perResult) return false;
    const fits = () => {
      // A full-size chunk taken from the spares adds nothing to what is held.
      const growth = bytes === CHUNK_BYTES && chunkPool.spareBytes > 0 ? 0 : bytes;
      const over = this.held() + growth - limits.total;
      if (over <= 0) return true;
      if (growth > 0 && chunkPool.release(over) >= over) return true;
      return false;
    };
    if (fits()) return true;
    const candidates = [...this.#results.values()]
      .filter((e) => e !== entry && !e.fetching && e.bytes > 0)
      .sort((a, b) => a.lastUsed - b.lastUsed);
    for (const victim of candidates) {
      victim.free();
      this.forget(victim.id);
      if (fits()) return true;
    }
    return false;
  }
}
