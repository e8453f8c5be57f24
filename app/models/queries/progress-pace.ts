/** Progress events at most this often. */
const PROGRESS_EVERY_MS = 100;

/**
 * How often a run tells its progress while rows arrive: at a result's first row, then at
 * most every 100 ms; rows held back by the rate are told a moment later, even if the
 * server pauses.
 */
export class ProgressPace {
  #last = 0;
  #later: ReturnType<typeof setTimeout> | undefined;
  readonly #tell: () => void;
  readonly #live: () => boolean;

  /** `tell` reports the progress; `live` is false once the run has ended. */
  constructor(tell: () => void, live: () => boolean) {
    this.#tell = tell;
    this.#live = live;
  }

  /** Rows were stored; `first`: the result's first ones. */
  stored(first: boolean): void {
    // A report is already due: nothing to do for this row (no clock read per row).
    if (!first && this.#later) return;
    const now = performance.now();
    if (first || now - this.#last >= PROGRESS_EVERY_MS) {
      this.#last = now;
      this.stop();
      this.#tell();
    } else if (!this.#later) {
      this.#later = setTimeout(
        () => {
          this.#later = undefined;
          if (!this.#live()) return;
          this.#last = performance.now();
          this.#tell();
        },
        PROGRESS_EVERY_MS - (now - this.#last),
      );
    }
  }

  /** Drops a report held back (the run ended). */
  stop(): void {
    clearTimeout(this.#later);
    this.#later = undefined;
  }
}
