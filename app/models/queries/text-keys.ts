/**
 * Text sort keys without a string per row: each value's first characters, lower-cased,
 * as UTF-8 bytes (byte order is code point order) in chunks of 4 MiB, so a million keys
 * are a few buffers for the garbage collector, not a million strings, and nothing large
 * is ever copied.
 */
import { TuskError } from '../errors/errors';
import type { ResultSet } from './result-set';
import { CHECK_EVERY, type Slicer } from './sliced-sort';

/** Characters of a text value its sort key keeps: longer values tie past this prefix. */
export const TEXT_KEY_CHARS = 256;

/** Bytes read of a cell: enough for {@link TEXT_KEY_CHARS} characters of any size. */
const READ_BYTES = TEXT_KEY_CHARS * 4;
/** Room one key may need in a chunk: the bytes read and its lower case. */
const ROOM = READ_BYTES * 6;
/** Bits of a key's position that are its offset in its chunk (4 MiB chunks). */
const CHUNK_BITS = 22;
const CHUNK_BYTES = 1 << CHUNK_BITS;
/** Chunks a key's 32-bit position can number: 4 GiB of keys. */
const MAX_CHUNKS = 2 ** (32 - CHUNK_BITS);

/**
 * Reads column `column` of `count` rows (row `rows[p]` at position `p`, or row `p` when
 * `rows` is null) and returns how two positions compare, ascending: NULL after every
 * value; values by their lower case, then as they are to break ties, both by code points,
 * on their first {@link TEXT_KEY_CHARS} characters.
 */
export async function readTextKey(
  set: ResultSet,
  rows: Uint32Array | null,
  count: number,
  column: number,
  slicer: Slicer,
): Promise<(a: number, b: number) => number> {
  // A key's start is its chunk's number << CHUNK_BITS, plus its offset in the chunk.
  const chunks: Buffer[] = [];
  let bytes = Buffer.allocUnsafeSlow(0);
  slicer.reserve(count * 17);
  const isNull = new Uint8Array(count);
  // The first 4 bytes of each lower-cased key, big-endian (NULL: above any UTF-8): most
  // comparisons end there.
  const head = new Uint32Array(count);
  const lowStart = new Uint32Array(count);
  const lowLength = new Uint16Array(count);
  const caseStart = new Uint32Array(count);
  const caseLength = new Uint16Array(count);
  let at = 0;
  let base = 0;
  for (let p = 0; p < count; p++) {
    if (at + ROOM > bytes.length) {
      // Chunks sized for what is left (at most 4 MiB): a small result takes little.
      if (chunks.length === MAX_CHUNKS) throw tooLarge();
      const left = (count - p) * 64 + ROOM;
      slicer.reserve(Math.min(CHUNK_BYTES, left));
      bytes = Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, left));
      base = chunks.length * CHUNK_BYTES;
      chunks.push(bytes);
      at = 0;
    }
    const read = set.copyCell(rows ? rows[p]! : p, column, bytes, at, READ_BYTES);
    if (read < 0) {
      isNull[p] = 1;
      head[p] = 0xffffffff;
      continue;
    }
    const size = Math.min(read, TEXT_KEY_CHARS);
    let ascii = true;
    let upper = false;
    for (let i = at; i < at + size; i++) {
      const byte = bytes[i]!;
      if (byte >= 0x80) ascii = false;
      else if (byte >= 0x41 && byte <= 0x5a) upper = true;
    }
    caseStart[p] = base + at;
    if (ascii) {
      caseLength[p] = size;
      lowLength[p] = size;
      lowStart[p] = base + (upper ? at + size : at);
      if (upper) {
        for (let i = 0; i < size; i++) {
          const byte = bytes[at + i]!;
          bytes[at + size + i] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
        }
      }
      at += upper ? size * 2 : size;
    } else {
      let text = bytes.toString('utf8', at, at + read);
      if (text.length > TEXT_KEY_CHARS) {
        // Never half a surrogate pair at the cut.
        const end = /[\ud800-\udbff]/.test(text[TEXT_KEY_CHARS - 1]!) ? -1 : 0;
        text = text.slice(0, TEXT_KEY_CHARS + end);
      }
      const written = bytes.write(text, at);
      caseLength[p] = written;
      const lower = text.toLowerCase();
      if (lower === text) {
        lowStart[p] = base + at;
        lowLength[p] = written;
        at += written;
      } else {
        lowStart[p] = base + at + written;
        lowLength[p] = bytes.write(lower, at + written);
        at += written + lowLength[p]!;
      }
    }
    const start = lowStart[p]! - base;
    const length = lowLength[p]!;
    let first = 0;
    for (let i = 0; i < 4; i++) first = first * 256 + (i < length ? bytes[start + i]! : 0);
    head[p] = first;
    if ((p & (CHECK_EVERY - 1)) === 0 && slicer.due()) await slicer.pause();
  }
  const mask = CHUNK_BYTES - 1;
  /** Compares `aLength` bytes at key position `a` with `bLength` at `b`, bytewise. */
  const compareBytes = (a: number, aLength: number, b: number, bLength: number): number => {
    const x = chunks[a >>> CHUNK_BITS]!;
    const y = chunks[b >>> CHUNK_BITS]!;
    let i = a & mask;
    let j = b & mask;
    const iEnd = i + aLength;
    const jEnd = j + bLength;
    for (; i < iEnd && j < jEnd; i++, j++) {
      const difference = x[i]! - y[j]!;
      if (difference !== 0) return difference;
    }
    return iEnd - i - (jEnd - j);
  };
  return (a, b) => {
    const x = head[a]!;
    const y = head[b]!;
    if (x !== y) return x < y ? -1 : 1;
    if (isNull[a] === 1) return 0; // equal heads: both NULL, or neither
    const low = compareBytes(lowStart[a]!, lowLength[a]!, lowStart[b]!, lowLength[b]!);
    if (low !== 0) return low;
    // Alike in lower case: as they are (for all-lower values that is the same: a tie).
    if (caseStart[a] === lowStart[a] && caseStart[b] === lowStart[b]) return 0;
    return compareBytes(caseStart[a]!, caseLength[a]!, caseStart[b]!, caseLength[b]!);
  };
}

function tooLarge(): TuskError {
  return new TuskError('validation', 'This result is too large to sort by this column here', {
    hint: 'Sort it on the server instead: add ORDER BY to the query.',
  });
}
