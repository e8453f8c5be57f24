/**
 * Sort and filter of a held result (`queries.arrange`): which rows it keeps and in what
 * order, as an array of row numbers. The rows themselves stay where they are; a
 * {@link ResultView} reads them through the order. All of it runs in slices, so sorting a
 * million rows never holds the event loop for more than a slice.
 */
import type { ResultSet } from './result-set';
import { CHECK_EVERY, sortSliced, type Slicer } from './sliced-sort';
import { byKeys, readKey, type SortKey } from './sort-keys';

export type { SortKey } from './sort-keys';

/** Keys a sort may have. */
export const MAX_SORT_KEYS = 8;

/** Rows whose text holds `text`, ignoring case: in any column, or only in `column`. */
export interface RowFilter {
  text: string;
  column?: number;
}

/** A result's rows arranged: the row numbers in view order, and how they came about. */
export interface Arrangement {
  /** Row numbers of the set, in the order the view shows them. */
  order: Uint32Array;
  sort: SortKey[];
  filter: RowFilter | null;
  /** Rows held when it was made (every row of the set; the view may show fewer). */
  heldRows: number;
  /**
   * Every row in `sort`'s order (unfiltered), kept while a filter is in force so that a
   * changed or cleared filter needs no new sort; the same array as `order` without a filter.
   */
  all?: Uint32Array;
}

/** What to arrange: no keys and no filter is the server's order with every row. */
export interface ArrangeRequest {
  sort: SortKey[];
  filter: RowFilter | null;
}

/**
 * The rows of `set` that `request.filter` keeps, sorted by `request.sort` (first key
 * first; a stable sort, so ties keep the server's order), as row numbers. The filter runs
 * first, then the sort of the kept rows. Columns must exist (the caller checks). Pauses
 * through `slicer`, whose check may throw to stop it.
 */
export async function arrangeRows(
  set: ResultSet,
  request: ArrangeRequest,
  slicer: Slicer,
): Promise<Uint32Array> {
  const kept = request.filter ? await filterRows(set, request.filter, slicer) : null;
  if (request.sort.length === 0) return kept ?? identity(set.rowCount, slicer);
  const count = kept ? kept.length : set.rowCount;
  const compares = [];
  for (const key of request.sort) compares.push(await readKey(set, kept, count, key, slicer));
  const sorted = await sortSliced(await identity(count, slicer), byKeys(compares), slicer);
  if (!kept) return sorted;
  // Positions in the kept rows back to row numbers.
  for (let p = 0; p < count; p++) sorted[p] = kept[sorted[p]!]!;
  return sorted;
}

/**
 * Row numbers of `set` whose cell holds `filter.text` ignoring case (both lower-cased), in
 * any column or only in `filter.column`, in the server's order — or, given `within` (row
 * numbers in some order), those of `within` that match, in its order. A NULL never matches.
 */
export async function filterRows(
  set: ResultSet,
  filter: RowFilter,
  slicer: Slicer,
  within?: Uint32Array,
): Promise<Uint32Array> {
  const needle = filter.text.toLowerCase();
  const rows = within ? within.length : set.rowCount;
  slicer.reserve(rows * 4);
  const kept = new Uint32Array(rows);
  const cut: never[] = [];
  const column = filter.column;
  let count = 0;
  for (let at = 0; at < rows; at++) {
    const row = within ? within[at]! : at;
    let match = false;
    if (column !== undefined) {
      const value = set.text(row, column);
      match = value !== null && value.toLowerCase().includes(needle);
    } else {
      for (const value of set.readRow(row, Number.MAX_SAFE_INTEGER, cut, row)) {
        if (value !== null && value.toLowerCase().includes(needle)) {
          match = true;
          break;
        }
      }
    }
    if (match) kept[count++] = row;
    if ((at & (CHECK_EVERY - 1)) === 0 && slicer.due()) await slicer.pause();
  }
  // A copy of its own size: the order held afterwards is no larger than the rows it keeps.
  return kept.slice(0, count);
}

/** Row numbers 0…count-1. */
async function identity(count: number, slicer: Slicer): Promise<Uint32Array> {
  slicer.reserve(count * 4);
  const rows = new Uint32Array(count);
  for (let row = 0; row < count; row++) {
    rows[row] = row;
    if ((row & (CHECK_EVERY - 1)) === 0 && slicer.due()) await slicer.pause();
  }
  return rows;
}
