/**
 * Long work over many rows done in slices, so the event loop is never held for long: a
 * {@link Slicer} says when a slice has run its time and gives the loop a turn, and
 * {@link sortSliced} is a stable merge sort of row numbers that pauses through one.
 */

/** Milliseconds one slice may run before the event loop gets a turn. */
export const SLICE_MS = 12;

/** Rows (or merge steps) between two looks at the clock. */
export const CHECK_EVERY = 1024;

/**
 * Times slices of work. `due()` is true once the current slice has run {@link SLICE_MS};
 * `pause()` then yields to the event loop (setImmediate) and runs `check` after the turn —
 * `check` throws to stop the work (a newer request superseded it, its rows were freed).
 * The work asks before it allocates: `reserve(bytes)` counts them (and may throw when the
 * memory budget refuses them).
 */
export class Slicer {
  readonly #check: () => void;
  readonly #reserve: (bytes: number) => void;
  #began = performance.now();

  constructor(
    check: () => void = () => undefined,
    reserve: (bytes: number) => void = () => undefined,
  ) {
    this.#check = check;
    this.#reserve = reserve;
  }

  /** Counts `bytes` the work is about to allocate; throws when they are refused. */
  reserve(bytes: number): void {
    this.#reserve(bytes);
  }

  /** True when the current slice has run its time. */
  due(): boolean {
    return performance.now() - this.#began >= SLICE_MS;
  }

  /** Gives the event loop a turn, then runs the check (which may throw). */
  async pause(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.#check();
    this.#began = performance.now();
  }
}

/** Runs sorted by insertion before the merging starts. */
const RUN = 16;

/**
 * Sorts `items` (row numbers) by `compare`, stably (equal items keep their order), pausing
 * through `slicer` between slices. Bottom-up merge sort: runs of {@link RUN} by insertion,
 * then merges of doubling width between two buffers. Returns the sorted array, which is
 * `items` itself or a buffer of the same length.
 */
export async function sortSliced(
  items: Uint32Array,
  compare: (a: number, b: number) => number,
  slicer: Slicer,
): Promise<Uint32Array> {
  const n = items.length;
  let src: Uint32Array = items;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const item = src[i]!;
      let j = i - 1;
      while (j >= lo && compare(src[j]!, item) > 0) {
        src[j + 1] = src[j]!;
        j -= 1;
      }
      src[j + 1] = item;
    }
    if ((lo & (CHECK_EVERY - 1)) === 0 && slicer.due()) await slicer.pause();
  }
  if (n <= RUN) return src;
  slicer.reserve(n * 4);
  let dst: Uint32Array = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        const stop = Math.min(hi, k + CHECK_EVERY);
        // Ties take the left run first: that keeps the sort stable.
        while (k < stop) {
          if (j >= hi || (i < mid && compare(src[i]!, src[j]!) <= 0)) dst[k++] = src[i++]!;
          else dst[k++] = src[j++]!;
        }
        if (slicer.due()) await slicer.pause();
      }
    }
    [src, dst] = [dst, src];
  }
  return src;
}
