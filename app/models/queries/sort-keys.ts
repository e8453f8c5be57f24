/**
 * Sort keys of a held result: one column's values read once into compact arrays, and a
 * comparison of two rows by them that orders as PostgreSQL's `ORDER BY` does for the
 * common types — numbers by value, booleans false first, the rest by text — with NULLs
 * last ascending and first descending.
 */
import type { ResultSet } from './result-set';
import { CHECK_EVERY, type Slicer } from './sliced-sort';
import { readTextKey } from './text-keys';

export { TEXT_KEY_CHARS } from './text-keys';

/** One key of a sort: a column (from 0) and its direction. */
export interface SortKey {
  column: number;
  descending: boolean;
}

/** How a column's values compare. */
export type KeyKind = 'number' | 'boolean' | 'text';

/** Type OIDs compared as numbers: int8, int2, int4, oid, float4, float8, numeric (not money). */
const NUMBER_TYPES = new Set([20, 21, 23, 26, 700, 701, 1700]);
/** Type OIDs whose text may hold more digits than a double keeps: int8, numeric. */
const WIDE_NUMBER_TYPES = new Set([20, 1700]);
const BOOLEAN_TYPE = 16;

/** A comparison of two rows, by their positions in the rows the keys were read for. */
export type RowCompare = (a: number, b: number) => number;

/** How values of a column of type `typeOid` (RowDescription's type OID) compare. */
export function keyKind(typeOid: number): KeyKind {
  if (NUMBER_TYPES.has(typeOid)) return 'number';
  return typeOid === BOOLEAN_TYPE ? 'boolean' : 'text';
}

/** Classes of a value, in ascending order: a number, NaN (above every number), NULL. */
const VALUE = 0;
const NOT_A_NUMBER = 1;
const NULL = 2;

/**
 * Reads column `key.column` of `count` rows — row `rows[p]` at position `p`, or row `p`
 * when `rows` is null — and returns how two positions compare by it (direction included;
 * 0 for a tie, which the stable sort leaves in the server's order).
 *
 * Numbers compare by value (`-Infinity` lowest, `Infinity` above every number, `NaN` above
 * that, as PostgreSQL orders them); an int8 or numeric value longer than a double holds is
 * compared exactly when the doubles tie. Booleans: false before true. Anything else by its
 * text: lower-cased first, then by code points to break ties, on the first 256
 * characters only (`TEXT_KEY_CHARS`: values alike that far tie).
 */
export async function readKey(
  set: ResultSet,
  rows: Uint32Array | null,
  count: number,
  key: SortKey,
  slicer: Slicer,
): Promise<RowCompare> {
  const type = set.columns[key.column]!.type;
  const kind = keyKind(type);
  const compare =
    kind === 'text'
      ? await readTextKey(set, rows, count, key.column, slicer)
      : await readNumberKey(set, rows, count, key.column, kind, slicer);
  return key.descending ? (a, b) => compare(b, a) : compare;
}

/**
 * Numbers (or booleans as 0 and 1) of a column, compared ascending: numbers by value, NaN
 * above them, NULL last; int8 and numeric values longer than a double holds exactly when
 * the doubles tie.
 */
async function readNumberKey(
  set: ResultSet,
  rows: Uint32Array | null,
  count: number,
  column: number,
  kind: KeyKind,
  slicer: Slicer,
): Promise<RowCompare> {
  slicer.reserve(count * 9);
  const classes = new Uint8Array(count);
  const values = new Float64Array(count);
  const wide = WIDE_NUMBER_TYPES.has(set.columns[column]!.type);
  let exact: (string | undefined)[] | null = null;
  for (let p = 0; p < count; p++) {
    const value = set.text(rows ? rows[p]! : p, column);
    if (value === null) classes[p] = NULL;
    else if (kind === 'boolean') values[p] = value === 't' ? 1 : 0;
    else {
      let number = Number(value);
      if (Number.isNaN(number)) classes[p] = NOT_A_NUMBER;
      else if (wide && value.length > 15) {
        // Beyond a double's range a numeric stays below Infinity: it ties at the largest
        // double, and its digits decide.
        if (!Number.isFinite(number)) number = Math.sign(number) * Number.MAX_VALUE;
        (exact ??= [])[p] = value;
      }
      values[p] = number;
    }
    if ((p & (CHECK_EVERY - 1)) === 0 && slicer.due()) await slicer.pause();
  }
  return (a, b) => {
    const x = classes[a]!;
    const y = classes[b]!;
    if (x !== y) return x - y;
    if (x !== VALUE) return 0;
    const u = values[a]!;
    const v = values[b]!;
    if (u < v) return -1;
    if (u > v) return 1;
    if (exact === null || (exact[a] === undefined && exact[b] === undefined)) return 0;
    return compareDecimals(exact[a] ?? String(u), exact[b] ?? String(v));
  };
}

/** Compares by the first of `compares` that does not tie. */
export function byKeys(compares: RowCompare[]): RowCompare {
  if (compares.length === 1) return compares[0]!;
  return (a, b) => {
    for (const compare of compares) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** A decimal as `0.digits × 10^point`, its sign apart; `digits` is empty for zero. */
function decimalParts(text: string): { negative: boolean; digits: string; point: number } {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match) return { negative: false, digits: '', point: 0 };
  const whole = match[2] ?? '';
  const all = whole + (match[3] ?? '');
  const leading = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(leading).replace(/0+$/, '');
  const point = whole.length + Number(match[4] ?? 0) - leading;
  return { negative: match[1] === '-' && digits !== '', digits, point };
}

/** Compares two decimal texts (`-12.5`, `1e+21`) exactly, whatever their length. */
export function compareDecimals(a: string, b: string): number {
  const x = decimalParts(a);
  const y = decimalParts(b);
  const sign = (p: typeof x) => (p.digits === '' ? 0 : p.negative ? -1 : 1);
  if (sign(x) !== sign(y)) return sign(x) - sign(y);
  if (sign(x) === 0) return 0;
  let magnitude = x.point - y.point;
  if (magnitude === 0) magnitude = x.digits < y.digits ? -1 : x.digits > y.digits ? 1 : 0;
  return x.negative ? -magnitude : magnitude;
}
