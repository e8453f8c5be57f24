/**
 * The UTF-8 bytes `JSON.stringify(text)` takes, quotes included, without making it: a
 * control character such as `chr(1)` takes 6 (`\u0001`), a quote or backslash 2. Lone
 * surrogates count as 3 (JSON writes 6): close enough for a bound. Never throws.
 */
export function jsonBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 34 || c === 92) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff)
      bytes += 2; // half of a 4-byte pair
    else if (c >= 0xdc00 && c <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/** The JSON bytes of a row of cells (`null` as `null`), brackets and commas included. */
export function rowJsonBytes(cells: readonly (string | null)[]): number {
  let bytes = 2 + Math.max(0, cells.length - 1);
  for (const cell of cells) bytes += cell === null ? 4 : jsonBytes(cell);
  return bytes;
}
