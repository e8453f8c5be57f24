/**
 * Converts UTF-8 byte offsets (what the parser gives) into code point offsets (what the
 * protocol carries) for one text.
 */
export class ByteOffsets {
  /** Code point index at each byte offset that starts a character (and at the end). */
  readonly #points = new Map<number, number>();
  readonly #bytes: number;

  constructor(text: string) {
    let byte = 0;
    let point = 0;
    for (const char of text) {
      this.#points.set(byte, point);
      const code = char.codePointAt(0)!;
      byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      point += 1;
    }
    this.#points.set(byte, point);
    this.#bytes = byte;
  }

  /** Bytes in the text. */
  get length(): number {
    return this.#bytes;
  }

  /** The code point offset of a byte offset (rounded down to its character's start). */
  toPoint(byte: number): number {
    for (let b = Math.min(Math.max(byte, 0), this.#bytes); b >= 0; b--) {
      const point = this.#points.get(b);
      if (point !== undefined) return point;
    }
    return 0;
  }
}
