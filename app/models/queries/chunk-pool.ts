/**
 * Where result rows live: Buffer chunks that start small and grow, and a bounded stock of
 * freed full-size chunks reused by the next results instead of asking the allocator again.
 * A result of one row takes one small chunk; a million rows take full-size chunks.
 */

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

  /** A chunk of `bytes` (its contents are stale: written before read). */
  take(bytes: number): Buffer {
    if (bytes === CHUNK_BYTES) {
      const reused = this.#spare.pop();
      if (reused) return reused;
    }
    return Buffer.allocUnsafeSlow(bytes);
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
