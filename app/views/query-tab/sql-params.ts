/**
 * How many parameters (`$1…$n`) a query needs: the highest `$n` outside strings, quoted
 * names, comments and dollar-quoted bodies (PostgreSQL then expects `$1` to `$n`, also
 * the ones the text skips). A small scanner after PostgreSQL's lexical rules (scan.l):
 * `'…'` with `''`, `E'…'` with backslash escapes, `"…"` with `""`, `--` to the line's end,
 * nested block comments, `$tag$…$tag$`, and `$` inside a name (`a$1`) is part of the name.
 * An unterminated quote or comment runs to the end. Never throws.
 */
export function parameterCount(sql: string): number {
  let highest = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      i = skipBlockComment(sql, i);
    } else if (c === "'") {
      const backslashes = /[eE]/.test(sql[i - 1] ?? '') && !isNameChar(sql[i - 2] ?? '');
      i = skipQuoted(sql, i, "'", backslashes);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
    } else if (c === '$' && !isNameChar(sql[i - 1] ?? '')) {
      const digits = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (digits) {
        highest = Math.max(highest, Number(digits[1]));
        i += digits[0].length;
        continue;
      }
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 80));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? n : end + tag[0].length;
      } else {
        i += 1;
      }
    } else if (isNameChar(c)) {
      // A whole name or number at once, so a `$` inside it is not taken for a parameter.
      while (i < n && (isNameChar(sql[i]!) || sql[i] === '$')) i += 1;
    } else {
      i += 1;
    }
  }
  return highest;
}

function isNameChar(c: string): boolean {
  return /[\w\u0080-\uffff]/.test(c);
}

/** The index after the quote that opens at `start`, or the end. */
function skipQuoted(sql: string, start: number, quote: string, backslashes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** The index after the block comment that opens at `start` (they nest), or the end. */
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth += 1;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return sql.length;
}
