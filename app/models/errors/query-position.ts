/** A 1-based line and column in a query's text. */
export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Converts PostgreSQL's error position (1-based, counted in characters, i.e. code points)
 * into a line and column of `sql`. `\n`, `\r\n` and `\r` each end a line. Returns
 * undefined when the position is outside the text. Never throws.
 */
export function lineColumnAt(sql: string, position: number): LineColumn | undefined {
  const chars = Array.from(sql);
  if (!Number.isInteger(position) || position < 1 || position > chars.length + 1) return undefined;
  let line = 1;
  let column = 1;
  for (let i = 0; i < position - 1; i++) {
    const c = chars[i];
    if (c === '\n' || (c === '\r' && chars[i + 1] !== '\n')) {
      line += 1;
      column = 1;
    } else if (c !== '\r') {
      column += 1;
    }
  }
  return { line, column };
}
