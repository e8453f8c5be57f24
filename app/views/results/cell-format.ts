/** How cells look in the grid: their text on one line, sizes, numbers. */

/** Characters of a value a cell shows (the viewer shows the whole value). */
export const CELL_DISPLAY_CHARS = 300;

const NUMERIC_TYPE =
  /^(smallint|integer|bigint|numeric|decimal|real|double precision|oid|money)\b(?!.*\[\])/;

/** True for a type whose values are numbers (as `format_type` names it; arrays are not). */
export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type);
}

/**
 * A value on one line for a cell: at most {@link CELL_DISPLAY_CHARS} characters, line
 * breaks shown as ↵ and tabs as →, so a row keeps its height.
 */
export function displayText(value: string): string {
  const head = value.length > CELL_DISPLAY_CHARS ? value.slice(0, CELL_DISPLAY_CHARS) : value;
  return /[\t\r\n]/.test(head) ? head.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, '→') : head;
}

/** Bytes as people read them: `512 B`, `64.0 KB`, `20.0 MB` (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A count with thousands separators: `1,000,000`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Bytes of a string in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
