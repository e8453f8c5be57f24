/**
 * Reads a one-dimensional PostgreSQL array in its text form (`{a,"b c","d\"e",NULL}`), as
 * `array_agg(…)::text` sends it: the catalog queries send names and types that way, a
 * fraction of the bytes and the parsing of one row or JSON value per element.
 * A NULL element becomes null.
 */
export function parseTextArray(text: string | null): (string | null)[] {
  if (text === null || text.length < 2) return [];
  const out: (string | null)[] = [];
  let i = 1; // after `{`
  const end = text.length - 1; // the closing `}`
  if (i === end) return out;
  while (i <= end) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      while (i < end && text[i] !== '"') {
        if (text[i] === '\\') i += 1;
        value += text[i];
        i += 1;
      }
      out.push(value);
      i += 2; // the closing quote and the comma (or `}`)
    } else {
      let next = text.indexOf(',', i);
      if (next < 0 || next > end) next = end;
      const raw = text.slice(i, next);
      out.push(raw === 'NULL' ? null : raw);
      i = next + 1;
    }
  }
  return out;
}
