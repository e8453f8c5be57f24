/** A result the budget knows: its bytes, whether it is still fetching, when it was last read. */
export interface Budgeted {
  id: string;
  /** Memory its rows hold now. */
  readonly bytes: number;
  fetching: boolean;
  /** performance.now() of the last page read, or of its start. */
  lastUsed: number;
  /** Frees the rows (the result then answers "freed"). */
  free(): void;
}

/** Limits of {@link ResultBudget}, in bytes. */
export interface BudgetLimits {
  /** One result at most (preference `resultMemoryMb`). */
  perResult: number;
  /** All results held together (preference `resultsTotalMemoryMb`). */
  total: number;
}

/**
 * Memory held by query results. A fetch asks before each copy whether `bytes` more fit:
 * within its own limit, and within the total once the least recently read results that
 * are not fetching (nor the asker) have been freed, oldest first. A "no" stops the fetch
 * (the result is then marked truncated).
 */
export class ResultBudget {
  readonly #results = new Map<string, Budgeted>();
  readonly #limits: () => BudgetLimits;

  constructor(limits: () => BudgetLimits) {
    this.#limits = limits;
  }

  /** Starts counting a result. */
  track(entry: Budgeted): void {
    this.#results.set(entry.id, entry);
  }

  /** Stops counting a result (closed or freed). */
  forget(id: string): void {
    this.#results.delete(id);
  }

  /** Bytes held by every tracked result. */
  held(): number {
    let sum = 0;
    for (const entry of this.#results.values()) sum += entry.bytes;
    return sum;
  }

  /** True when `entry` may grow by `bytes`; frees older results to make room when needed. */
  allows(entry: Budgeted, bytes: number): boolean {
    const limits = this.#limits();
    const own = entry.bytes;
    if (own + bytes > limits.perResult) return false;
    let held = this.held();
    if (held + bytes <= limits.total) return true;
    const candidates = [...this.#results.values()]
      .filter((e) => e !== entry && !e.fetching && e.bytes > 0)
      .sort((a, b) => a.lastUsed - b.lastUsed);
    for (const victim of candidates) {
      held -= victim.bytes;
      victim.free();
      this.forget(victim.id);
      if (held + bytes <= limits.total) return true;
    }
    return false;
  }
}
