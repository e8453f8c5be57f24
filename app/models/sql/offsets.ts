/** A place in a text: its UTF-8 byte offset, code point offset and UTF-16 index. */
export interface TextPlace {
  byte: number;
  point: number;
  index: number;
}

/**
 * Converts UTF-8 byte offsets (what the parser gives) into code point offsets (what the
 * protocol carries) and UTF-16 indexes (what `String.slice` takes) for one text. It walks
 * forward from the last place asked, so asking in increasing order costs one pass over
 * the text in all (a smaller offset starts again from the beginning). No table per byte.
 */
export class ByteOffsets {
  readonly #text: string;
  readonly #bytes: number;
  #at: TextPlace = { byte: 0, point: 0, index: 0 };

  constructor(text: string) {
    this.#text = text;
    this.#bytes = Buffer.byteLength(text);
  }

  /** Bytes in the text. */
  get length(): number {
    return this.#bytes;
  }

  /** The code point offset of a byte offset (rounded down to its character's start). */
  toPoint(byte: number): number {
    return this.place(byte).point;
  }

  /** The place of a byte offset, rounded down to the start of its character. */
  place(byte: number): TextPlace {
    const target = Math.min(Math.max(byte, 0), this.#bytes);
    if (target < this.#at.byte) this.#at = { byte: 0, point: 0, index: 0 };
    const text = this.#text;
    let { byte: b, point, index } = this.#at;
    while (index < text.length) {
      const unit = text.charCodeAt(index);
      const next = text.charCodeAt(index + 1);
      const pair = unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      const size = unit < 0x80 ? 1 : unit < 0x800 ? 2 : pair ? 4 : 3;
      if (b + size > target) break;
      b += size;
      point += 1;
      index += pair ? 2 : 1;
    }
    this.#at = { byte: b, point, index };
    return this.#at;
  }
}
