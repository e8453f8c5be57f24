/**
 * A long value as lines for the cell viewer, made on demand: the viewer draws only the
 * lines in view, so a 20 MB value opens at once and the page stays responsive.
 */

/** Lines of a value, read one at a time. */
export interface TextLines {
  readonly count: number;
  line(index: number): string;
}

/** Characters per line before a long line is wrapped. */
export const WRAP_CHARS = 160;

/** Text as lines: split at line breaks, long lines wrapped every {@link WRAP_CHARS} characters. */
export function textLines(text: string): TextLines {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (;;) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    let start = at;
    do {
      const stop = Math.min(end, start + WRAP_CHARS);
      starts.push(start);
      ends.push(stop);
      start = stop;
    } while (start < end);
    if (newline < 0) break;
    at = newline + 1;
  }
  return {
    count: starts.length,
    line: (i) => text.slice(starts[i], ends[i]).replace(/\r$/, ''),
  };
}

/** Bytes per line of a hex dump. */
const HEX_BYTES = 16;

/**
 * A bytea value (`\x0a1b…`, PostgreSQL's hex output) as a hex dump: offset, bytes in groups
 * of four, 16 a line.
 */
export function hexLines(text: string): TextLines {
  const hex = text.startsWith('\\x') ? text.slice(2) : text;
  const bytes = Math.floor(hex.length / 2);
  return {
    count: Math.max(1, Math.ceil(bytes / HEX_BYTES)),
    line(i) {
      const chunk = hex.slice(i * HEX_BYTES * 2, (i + 1) * HEX_BYTES * 2);
      const groups = chunk.match(/.{1,8}/g) ?? [];
      return `${(i * HEX_BYTES).toString(16).padStart(8, '0')}  ${groups.join(' ')}`;
    },
  };
}

/** Bytes in a bytea value's hex text. */
export function byteaLength(text: string): number {
  return Math.floor((text.startsWith('\\x') ? text.length - 2 : text.length) / 2);
}

/** A JSON value indented by two spaces, or null when it is not JSON or too large to format. */
export function prettyJson(text: string, maxChars = 8 * 1024 * 1024): string | null {
  if (text.length > maxChars) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
