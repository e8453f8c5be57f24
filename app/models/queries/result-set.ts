/**
 * Rows of one result as PostgreSQL sent them: each DataRow message (its type byte and
 * length, a 16-bit column count, then per cell a 32-bit length, -1 for NULL, and the
 * server's text bytes) copied whole into large Buffer chunks — a socket read's run of
 * rows in one copy — with an index of where each row's cells start. No
 * per-cell JavaScript object is kept; cells become strings only for the page asked for.
 * Chunks start small and grow (chunk-pool.ts), so a one-row result takes little memory.
 */

import { chunkPool, nextChunkBytes, noteFreed } from './chunk-pool';

/** A column as the server described it (RowDescription), before its type is named. */
export interface RawColumn {
  name: string;
  /** Type OID. */
  type: number;
  /** Type modifier (-1 for none): `numeric(12,2)`, `varchar(20)`. */
  modifier: number;
  /** OID of the table the column comes from, 0 for none. */
  table: number;
  /** Attribute number in that table, 0 for none. */
  number: number;
}

/** A cell sent cut: its row (absolute), column and whole size in bytes. */
export interface CutCell {
  row: number;
  column: number;
  totalBytes: number;
}

/** Rows of a page: cells as strings (`null` for NULL), and the cells that were cut. */
export interface PageRows {
  rows: (string | null)[][];
  cut: CutCell[];
}

/** Rows the index starts with; it doubles as it fills. */
const INITIAL_ROWS = 256;

/** Rows of one result, held compactly. Not thread-safe; one writer (the fetch). */
export class ResultSet {
  readonly columns: RawColumn[];
  readonly #chunks: Buffer[] = [];
  /** Bytes used in each chunk. */
  readonly #used: number[] = [];
  #rowChunk = new Uint32Array(INITIAL_ROWS);
  #rowStart = new Uint32Array(INITIAL_ROWS);
  #rows = 0;
  #bytes = 0;
  #freed = false;

  constructor(columns: RawColumn[]) {
    this.columns = columns;
  }

  /** Rows held. */
  get rowCount(): number {
    return this.#rows;
  }

  /** Memory held: the chunks' and the index's capacity, in bytes. */
  get bytes(): number {
    return this.#bytes + this.#rowChunk.byteLength * 2;
  }

  /** True once {@link free} released the rows. */
  get freed(): boolean {
    return this.#freed;
  }

  /**
   * What making room for a DataRow message of `messageBytes` would add to {@link bytes}
   * (a new chunk when the one in hand cannot take it, a larger index when it is full), so a
   * budget can be checked first. 0 when the message fits as things are.
   */
  costOf(messageBytes: number): number {
    const last = this.#chunks.length - 1;
    const fits = last >= 0 && this.#used[last]! + messageBytes <= this.#chunks[last]!.length;
    const chunk = fits ? 0 : nextChunkBytes(this.#chunks[last]?.length ?? 0, messageBytes);
    const index = this.#rows === this.#rowChunk.length ? this.#rowChunk.byteLength * 2 : 0;
    return chunk + index;
  }

  /** Makes the room {@link costOf} prices: a new chunk, a larger index, as needed. */
  makeRoom(messageBytes: number): void {
    const last = this.#chunks.length - 1;
    if (last < 0 || this.#used[last]! + messageBytes > this.#chunks[last]!.length) {
      const chunk = chunkPool.take(nextChunkBytes(this.#chunks[last]?.length ?? 0, messageBytes));
      this.#chunks.push(chunk);
      this.#used.push(0);
      this.#bytes += chunk.length;
    }
    if (this.#rows === this.#rowChunk.length) this.#growIndex();
  }

  /**
   * Stores the whole DataRow messages (type byte, length, column count, cells) that lie
   * back to back in `buffer[start, end)`, as many as fit the chunk in hand and the index,
   * at most `maxRows`, with one copy; returns where it stopped (`start` when not even the
   * first fits: {@link makeRoom} first). The messages are kept whole, each row read from
   * its column count on.
   */
  appendRun(buffer: Buffer, start: number, end: number, maxRows = Infinity): number {
    if (this.#freed) return end;
    const last = this.#chunks.length - 1;
    if (last < 0) return start;
    const chunk = this.#chunks[last]!;
    const base = this.#used[last]!;
    const limit = start + (chunk.length - base); // where the chunk in hand is full
    const lastRow = this.#rows + Math.min(this.#rowChunk.length - this.#rows, maxRows);
    let at = start;
    let row = this.#rows;
    while (row < lastRow && at < end) {
      const next = at + 1 + buffer.readUInt32BE(at + 1);
      if (next > limit) break;
      this.#rowChunk[row] = last;
      this.#rowStart[row] = base + (at - start) + 5;
      row += 1;
      at = next;
    }
    if (at === start) return start;
    buffer.copy(chunk, base, start, at);
    this.#used[last] = base + (at - start);
    this.#rows = row;
    return at;
  }

  /**
   * Stores the whole DataRow messages back to back in `buffer[start, end)` (by default
   * the whole buffer: one message), growing as needed, with no budget asked.
   */
  append(buffer: Buffer, start = 0, end = buffer.length): void {
    for (let at = start; at < end && !this.#freed;) {
      const next = this.appendRun(buffer, at, end);
      if (next === at) this.makeRoom(1 + buffer.readUInt32BE(at + 1));
      at = next;
    }
  }

  /**
   * Rows `offset` to `offset + limit` (clamped) as strings. A cell longer than
   * `cellLimit` bytes is cut at a UTF-8 character boundary and listed in `cut`.
   */
  page(offset: number, limit: number, cellLimit: number): PageRows {
    const rows: (string | null)[][] = [];
    const cut: CutCell[] = [];
    const end = Math.min(this.#rows, offset + limit);
    for (let row = Math.max(0, offset); row < end; row++) {
      rows.push(this.readRow(row, cellLimit, cut, row));
    }
    return { rows, cut };
  }

  /**
   * One row's cells as strings (the row must exist). A cell longer than `cellLimit` bytes
   * is cut at a UTF-8 character boundary and pushed onto `cut` as row `reportAs` (the row's
   * number where the caller shows it).
   */
  readRow(row: number, cellLimit: number, cut: CutCell[], reportAs: number): (string | null)[] {
    const cells: (string | null)[] = [];
    this.#eachCell(row, (column, buffer, start, length) => {
      if (length < 0) return cells.push(null);
      if (length > cellLimit) {
        cut.push({ row: reportAs, column, totalBytes: length });
        return cells.push(
          buffer.toString('utf8', start, start + utf8Prefix(buffer, start, cellLimit)),
        );
      }
      return cells.push(buffer.toString('utf8', start, start + length));
    });
    return cells;
  }

  /**
   * One cell as a string, null for NULL, without its whole row: for reading one column of
   * many rows. At most `maxBytes` bytes of it (cut at a character boundary). The row and
   * column must exist.
   */
  text(row: number, column: number, maxBytes = Number.MAX_SAFE_INTEGER): string | null {
    const buffer = this.#chunks[this.#rowChunk[row]!]!;
    const at = this.#seek(buffer, row, column);
    const length = buffer.readInt32BE(at);
    if (length < 0) return null;
    const start = at + 4;
    const end = length > maxBytes ? start + utf8Prefix(buffer, start, maxBytes) : start + length;
    return buffer.toString('utf8', start, end);
  }

  /**
   * Copies one cell's UTF-8 bytes, at most `maxBytes` of them (cut at a character
   * boundary), into `target` at `offset`, without making a string; returns how many bytes,
   * or -1 for NULL. The row and column must exist; `target` must have room for `maxBytes`.
   */
  copyCell(
    row: number,
    column: number,
    target: Uint8Array,
    offset: number,
    maxBytes: number,
  ): number {
    const buffer = this.#chunks[this.#rowChunk[row]!]!;
    const at = this.#seek(buffer, row, column);
    const length = buffer.readInt32BE(at);
    if (length < 0) return -1;
    const start = at + 4;
    const size = length > maxBytes ? utf8Prefix(buffer, start, maxBytes) : length;
    // A short cell byte by byte: cheaper than a call into Buffer.copy.
    if (size > 64) buffer.copy(target, offset, start, start + size);
    else for (let i = 0; i < size; i++) target[offset + i] = buffer[start + i]!;
    return size;
  }

  /** The size of one cell in bytes (-1 for NULL); undefined when there is no such cell. */
  cellBytes(row: number, column: number): number | undefined {
    if (row < 0 || row >= this.#rows || column < 0 || column >= this.columns.length)
      return undefined;
    const buffer = this.#chunks[this.#rowChunk[row]!]!;
    return buffer.readInt32BE(this.#seek(buffer, row, column));
  }

  /** One whole cell as a string, null for NULL; undefined when there is no such cell. */
  cell(row: number, column: number): string | null | undefined {
    if (row < 0 || row >= this.#rows || column < 0 || column >= this.columns.length)
      return undefined;
    let value: string | null | undefined;
    this.#eachCell(row, (index, buffer, start, length) => {
      if (index === column)
        value = length < 0 ? null : buffer.toString('utf8', start, start + length);
    });
    return value;
  }

  /** Releases the rows (the columns stay, for messages). Idempotent. */
  free(): void {
    if (!this.#freed) noteFreed(this.bytes);
    this.#freed = true;
    chunkPool.give(this.#chunks);
    this.#chunks.length = 0;
    this.#used.length = 0;
    this.#rowChunk = new Uint32Array(0);
    this.#rowStart = new Uint32Array(0);
    this.#rows = 0;
    this.#bytes = 0;
  }

  #eachCell(
    row: number,
    visit: (column: number, buffer: Buffer, start: number, length: number) => void,
  ): void {
    const buffer = this.#chunks[this.#rowChunk[row]!]!;
    let at = this.#rowStart[row]!;
    const count = buffer.readUInt16BE(at);
    at += 2;
    for (let column = 0; column < count; column++) {
      const length = buffer.readInt32BE(at);
      at += 4;
      visit(column, buffer, at, length);
      if (length > 0) at += length;
    }
  }

  /** Where cell `column` of `row` begins in `buffer` (its row's chunk): at its length. */
  #seek(buffer: Buffer, row: number, column: number): number {
    let at = this.#rowStart[row]! + 2;
    for (let skip = 0; skip < column; skip++) {
      const length = buffer.readInt32BE(at);
      at += length > 0 ? 4 + length : 4;
    }
    return at;
  }

  #growIndex(): void {
    const grow = (old: Uint32Array) => {
      const next = new Uint32Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.#rowChunk = grow(this.#rowChunk);
    this.#rowStart = grow(this.#rowStart);
  }
}

/**
 * How many of the `limit` first bytes at `start` make whole UTF-8 characters: the cut
 * never splits a character (a continuation byte is 10xxxxxx).
 */
export function utf8Prefix(buffer: Buffer, start: number, limit: number): number {
  let end = limit;
  // Step back over continuation bytes to the first byte of the character at the cut.
  while (end > 0 && (buffer[start + end]! & 0xc0) === 0x80) end -= 1;
  return end;
}
