import type { TopStatement } from '../../controllers/api';
import { formatCount, formatMs } from './activity-database-format';

/** A sortable column of the statements table. */
export interface StatementColumn {
  key: string;
  label: string;
  /** What it says on hover. */
  title: string;
  numeric: boolean;
  value: (s: TopStatement) => number | string;
  show: (s: TopStatement) => string;
}

const n = (
  key: string,
  label: string,
  title: string,
  value: (s: TopStatement) => number,
  show: (v: number) => string = formatCount,
): StatementColumn => ({ key, label, title, numeric: true, value, show: (s) => show(value(s)) });

/** The statements table's columns, in order (the query and the actions come after them). */
export const STATEMENT_COLUMNS: readonly StatementColumn[] = [
  n('calls', 'Calls', 'Times executed', (s) => s.calls),
  n('total', 'Total', 'Total execution time', (s) => s.totalMs, formatMs),
  n('mean', 'Mean', 'Mean execution time', (s) => s.meanMs, formatMs),
  n('rows', 'Rows', 'Rows returned or affected, in all', (s) => s.rows),
  n('hit', 'Shared hit', 'Shared blocks found in the cache', (s) => s.sharedBlocksHit),
  n('read', 'Shared read', 'Shared blocks read from disk', (s) => s.sharedBlocksRead),
  n(
    'temp',
    'Temp',
    'Temporary blocks read and written',
    (s) => s.tempBlocksRead + s.tempBlocksWritten,
  ),
];

/** The text columns after the query. */
export const TEXT_COLUMNS: readonly StatementColumn[] = [
  {
    key: 'user',
    label: 'User',
    title: 'The role that ran it',
    numeric: false,
    value: (s) => s.user ?? '',
    show: (s) => s.user ?? '–',
  },
  {
    key: 'database',
    label: 'Database',
    title: 'The database it ran in',
    numeric: false,
    value: (s) => s.database ?? '',
    show: (s) => s.database ?? '–',
  },
];

/** How the table is sorted: a column's key and the direction. */
export interface StatementSort {
  key: string;
  descending: boolean;
}

/** `statements` sorted by `sort` (a copy); numbers compare as numbers, texts as texts. */
export function sortStatements(
  statements: readonly TopStatement[],
  sort: StatementSort,
): TopStatement[] {
  const column = [...STATEMENT_COLUMNS, ...TEXT_COLUMNS].find((c) => c.key === sort.key);
  if (!column) return [...statements];
  const sign = sort.descending ? -1 : 1;
  return [...statements].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order;
  });
}

/** A statement's text on one line (runs of white space as one space). */
export function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
