import { TuskError } from '../errors/errors';

/** One uploaded part (the body of one PUT) waiting to be read. */
interface Part {
  body: AsyncIterable<Buffer>;
  last: boolean;
  /** All its bytes were taken by the reader (it asked for the next chunk). */
  taken(): void;
  failed(error: unknown): void;
}

/**
 * The parts of an upload (one PUT each, in order) as one stream of chunks for COPY: a
 * part's chunks are read only when the reader asks for them (backpressure reaches the
 * HTTP request), and a part is `taken` once the reader has asked for the chunk after its
 * last one, i.e. COPY accepted all its bytes. The feed ends after the part marked `last`,
 * or at once on {@link close}.
 */
export class UploadFeed {
  #next = 0;
  #queued: Part | null = null;
  #wanted: ((part: Part | null) => void) | null = null;
  #reading: Part | null = null;
  #closed = false;
  #reason: unknown = null;
  #ended = false;

  /** True once {@link close} was called (the import ended). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The number the next part must have (0 first). */
  get expected(): number {
    return this.#next;
  }

  /**
   * Hands over part number `part` (its body read as COPY takes it); resolves once all its
   * bytes were taken, rejects when the feed was closed first (with the close's reason).
   * @throws TuskError `validation` for a part out of order, or one after the last.
   */
  put(part: number, body: AsyncIterable<Buffer>, last: boolean): Promise<void> {
    if (this.#closed) return Promise.reject(this.#reason as Error);
    if (this.#ended || part !== this.#next || this.#queued || this.#reading) {
      return Promise.reject(
        new TuskError(
          'validation',
          this.#ended
            ? 'The upload already had its last part'
            : `Part ${part} came when part ${this.#next} was expected`,
          { hint: 'Send the parts one after the other, each once its PUT has answered.' },
        ),
      );
    }
    this.#next++;
    if (last) this.#ended = true;
    return new Promise<void>((taken, failed) => {
      const entry = { body, last, taken, failed };
      if (this.#wanted) {
        const want = this.#wanted;
        this.#wanted = null;
        want(entry);
      } else this.#queued = entry;
    });
  }

  /** Ends the feed now: the part being read or waiting fails with `reason`. */
  close(reason: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reason = reason;
    this.#queued?.failed(reason);
    this.#reading?.failed(reason);
    this.#queued = this.#reading = null;
    this.#wanted?.(null);
    this.#wanted = null;
  }

  /** The chunks of every part, in order, until the last part (or a close). */
  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const part = await this.#take();
      if (!part) return;
      this.#reading = part;
      for await (const chunk of part.body) {
        if (this.#closed) return;
        yield chunk;
      }
      if (this.#closed) return;
      this.#reading = null;
      // The reader asked for more: it took every byte of this part.
      part.taken();
      if (part.last) return;
    }
  }

  #take(): Promise<Part | null> {
    if (this.#closed) return Promise.resolve(null);
    if (this.#queued) {
      const part = this.#queued;
      this.#queued = null;
      return Promise.resolve(part);
    }
    return new Promise((resolve) => (this.#wanted = resolve));
  }
}
