/**
 * Where result rows live: Buffer chunks that start small and grow, and a bounded stock of
 * freed full-size chunks reused by the next results instead of asking the allocator again.
 * A result of one row takes one small chunk; a million rows take full-size chunks.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A result's first chunk. */
export const FIRST_CHUNK_BYTES = 16 * 1024;
/** The largest chunk: each new chunk of a result doubles the last, up to this. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** Freed full-size chunks kept for reuse, at most (64 MiB). */
export const SPARE_CHUNKS = 16;

/** The size of a result's next chunk after one of `last` bytes (0: none yet), for `need` bytes. */
export function nextChunkBytes(last: number, need: number): number {
  const grown = last === 0 ? FIRST_CHUNK_BYTES : Math.min(CHUNK_BYTES, last * 2);
  return Math.max(grown, need);
}

/**
 * The stock of spare full-size chunks. A chunk given back is kept while there is room (its
 * memory stays resident and is counted by the budget as {@link spareBytes}); the others
 * are left to the garbage collector, which returns them to the allocator.
 */
export class ChunkPool {
  readonly #spare: Buffer[] = [];
  #made = 0;
  #reused = 0;

  /** A chunk of `bytes` (its contents are stale: written before read). */
  take(bytes: number): Buffer {
    if (bytes === CHUNK_BYTES) {
      const reused = this.#spare.pop();
      if (reused) {
        this.#reused += 1;
        return reused;
      }
      this.#made += 1;
    }
    return Buffer.allocUnsafeSlow(bytes);
  }

  /** Full-size chunks asked of the allocator, and taken from the spares, since start. */
  get counts(): { made: number; reused: number } {
    return { made: this.#made, reused: this.#reused };
  }

  /** Takes back chunks nobody reads any more. */
  give(chunks: readonly Buffer[]): void {
    for (const chunk of chunks) {
      if (chunk.length === CHUNK_BYTES && this.#spare.length < SPARE_CHUNKS) {
        this.#spare.push(chunk);
      }
    }
  }

  /** Memory the spare chunks hold. */
  get spareBytes(): number {
    return this.#spare.length * CHUNK_BYTES;
  }

  /** Lets go of spare chunks until at least `bytes` are released (or none is left). */
  release(bytes: number): number {
    let released = 0;
    while (released < bytes && this.#spare.length > 0) {
      this.#spare.pop();
      released += CHUNK_BYTES;
    }
    return released;
  }
}

/** The chunks every result of this process draws from. */
export const chunkPool = new ChunkPool();

/** Freed bytes after which a garbage collection is asked for (64 MiB). */
const COLLECT_AFTER_BYTES = 64 * 1024 * 1024;
/** Quiet time after the last large free before it runs. */
const COLLECT_DELAY_MS = 500;

let freedSince = 0;
let collectTimer: ReturnType<typeof setTimeout> | null = null;
let collect: (() => void) | null | undefined;

/** V8's gc(), made available at run time (`--expose-gc` set from inside), or null. */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Notes that results of `bytes` were freed. Their chunks are memory outside V8's heap,
 * which V8 gives back only when it collects, and nothing makes it collect while Tusk is
 * idle: measured, 1.15 GB of closed results stayed resident a minute later. After 64 MiB
 * freed, one full collection runs once frees have been quiet for half a second.
 */
export function noteFreed(bytes: number): void {
  freedSince += bytes;
  if (freedSince < COLLECT_AFTER_BYTES) return;
  if (collectTimer) clearTimeout(collectTimer);
  collectTimer = setTimeout(() => {
    collectTimer = null;
    freedSince = 0;
    collector()?.();
  }, COLLECT_DELAY_MS);
  collectTimer.unref();
}
