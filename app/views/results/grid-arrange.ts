import type { Arrangement, GridSource, ServerOrder, SortKey } from './grid-source';

/**
 * The sort after a click on column `column`'s sort mark (or Alt+S on it): its key goes
 * none → ascending → descending → none. With `add` the other keys stay (the column is
 * added last when new); without, the column becomes the only key.
 */
export function nextSort(sort: readonly SortKey[], column: number, add: boolean): SortKey[] {
  const current = sort.find((k) => k.column === column);
  const next: SortKey | null = !current
    ? { column, descending: false }
    : current.descending
      ? null
      : { column, descending: true };
  if (!add) return next ? [next] : [];
  if (!current) return [...sort, next!];
  return sort.flatMap((k) => (k.column !== column ? [k] : next ? [next] : []));
}

/** `arrangement` with `sort` (null arrangement: the server's order, every row). */
export function withSort(arrangement: Arrangement | null, sort: SortKey[]): Arrangement {
  return { sort, filter: arrangement?.filter ?? null };
}

/** `arrangement` with the filter `text` (blank: no filter). */
export function withFilter(arrangement: Arrangement | null, text: string): Arrangement {
  const trimmed = text.trim();
  return { sort: arrangement?.sort ?? [], filter: trimmed ? { text: trimmed } : null };
}

/** While a filter is applied: the rows it keeps of those held. */
export function keptOf(source: GridSource | null): { shown: number; held: number } | null {
  if (!source?.arrangement?.filter) return null;
  return { shown: source.rowCount, held: source.heldRows ?? source.rowCount };
}

/** What the grid says instead of rows: an error, no columns yet, or no row left by the filter. */
export function statusOf(source: GridSource | null): string {
  if (!source) return '';
  if (source.error) return source.error;
  if (source.columns.length === 0)
    return source.complete ? 'No columns' : 'Waiting for the first rows…';
  return source.arrangement?.filter && source.rowCount === 0 ? 'No rows match the filter' : '';
}

/**
 * The arrangement whose marks the header shows: the server order's sort when there is one
 * (the same object while that order stays), else the source's.
 */
export class ShownOrder {
  #shown: { from: ServerOrder; arrangement: Arrangement } | null = null;

  of(source: GridSource | null, order: ServerOrder | null): Arrangement | null {
    if (!order) return source?.arrangement ?? null;
    if (this.#shown?.from !== order)
      this.#shown = { from: order, arrangement: { sort: [...order.sort], filter: null } };
    return this.#shown.arrangement;
  }
}
