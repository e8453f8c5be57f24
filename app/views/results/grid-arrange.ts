import type { Arrangement, SortKey } from './grid-source';

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
