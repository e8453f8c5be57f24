/**
 * What a typed value must be before the grid accepts it: json and jsonb parse as JSON,
 * bytea is `\x` and hex digits; every other type is text the server parses at apply (its
 * error then shows on the cell).
 */

/** Longer texts are edited in the multi-line editor. */
const LONG_TEXT = 80;

/** True for a boolean column (edited with a three-way toggle: true, false, NULL). */
export function isBooleanType(type: string): boolean {
  return type === 'boolean';
}

/** True when the value is edited on several lines (it holds a line break, or is long, or JSON). */
export function isMultiLine(type: string, value: string | null): boolean {
  if (type === 'json' || type === 'jsonb') return true;
  return value !== null && (value.length > LONG_TEXT || /[\r\n]/.test(value));
}

/** Why `value` is refused for a column of `type`, in words; null when it is accepted. */
export function refuseValue(type: string, value: string | null): string | null {
  if (value === null) return null;
  if (type === 'json' || type === 'jsonb') {
    try {
      JSON.parse(value);
      return null;
    } catch (error) {
      return `Not valid JSON: ${(error as Error).message}`;
    }
  }
  if (type === 'bytea' && !/^\\x(?:[0-9a-fA-F]{2})*$/.test(value)) {
    return 'bytea is written as \\x and pairs of hex digits (\\x48656c6c6f)';
  }
  return null;
}

/** The value a key typed on a boolean cell picks: t(rue), f(alse), n(ull); undefined for others. */
export function booleanFromKey(key: string): string | null | undefined {
  const k = key.toLowerCase();
  if (k === 't' || k === '1' || k === 'y') return 't';
  if (k === 'f' || k === '0') return 'f';
  if (k === 'n') return null;
  return undefined;
}
