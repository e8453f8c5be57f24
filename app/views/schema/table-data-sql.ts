/**
 * The SQL of a table's data view (the object view's Data part): its SELECT with the WHERE
 * and ORDER BY typed in its boxes, its exact count, the ORDER BY the grid's sort marks
 * give and the marks a typed ORDER BY gives back, and what the backend's split of that
 * SQL must say before it runs (one SELECT that writes nothing). Pure.
 */
import type { SplitStatement } from '../data/split-store';
import type { SortKey } from '../results/grid-source';
import { qualifiedName, quoteName } from './sql-names';

/** The most characters of a WHERE or an ORDER BY (what a tab's `extra` keeps). */
export const MAX_CLAUSE_CHARS = 4096;

/** What the data view applies: the WHERE and ORDER BY texts ('' for none). */
export interface DataClauses {
  where: string;
  order: string;
}

/** `text` trimmed, closed on a new line when a `--` comment could run to its end. */
function clause(text: string): string {
  const trimmed = text.trim();
  return trimmed.includes('--') ? `${trimmed}\n` : trimmed;
}

/** ` WHERE (…)` for a WHERE text, '' for none. */
function whereOf(where: string): string {
  return where.trim() ? ` WHERE (${clause(where)})` : '';
}

/**
 * `SELECT * FROM schema.name WHERE (<where>) ORDER BY <order>`, names quoted where needed,
 * each clause left out when its text is empty. No LIMIT: the memory budget bounds the rows.
 */
export function dataSql(schema: string, name: string, { where, order }: DataClauses): string {
  const by = order.trim() ? ` ORDER BY ${order.trim()}` : '';
  return `SELECT * FROM ${qualifiedName(schema, name)}${whereOf(where)}${by}`;
}

/** `SELECT count(*) FROM schema.name WHERE (<where>)`: the exact count of the rows shown. */
export function countSql(schema: string, name: string, where: string): string {
  return `SELECT count(*) FROM ${qualifiedName(schema, name)}${whereOf(where)}`;
}

/** The ORDER BY of sort marks: the columns' names (quoted where needed), `DESC` where descending. */
export function orderOfSort(sort: readonly SortKey[], columns: readonly string[]): string {
  return sort
    .filter((key) => columns[key.column] !== undefined)
    .map((key) => `${quoteName(columns[key.column]!)}${key.descending ? ' DESC' : ''}`)
    .join(', ');
}

const ITEM = /^\s*("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)(?:\s+(asc|desc))?\s*$/i;

/**
 * The sort marks of a typed ORDER BY when it is plain column names, each with ASC or DESC
 * or neither (unquoted names folded to lower case, as PostgreSQL folds them); null when it
 * is anything else (an expression, NULLS FIRST, a position, an unknown or repeated name):
 * no marks are drawn then. An empty text is no sort.
 */
export function sortOfOrder(order: string, columns: readonly string[]): SortKey[] | null {
  if (!order.trim()) return [];
  const items: string[] = [];
  let item = '';
  let quoted = false;
  for (const char of order) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      items.push(item);
      item = '';
    } else item += char;
  }
  items.push(item);
  const sort: SortKey[] = [];
  for (const text of items) {
    const match = ITEM.exec(text);
    if (!match) return null;
    const raw = match[1]!;
    const name = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw.toLowerCase();
    const column = columns.indexOf(name);
    if (column < 0 || sort.some((key) => key.column === column)) return null;
    sort.push({ column, descending: match[2]?.toLowerCase() === 'desc' });
  }
  return sort;
}

/**
 * The texts whose split must pass {@link refusalOfSplit} before the data view runs `sql`:
 * `sql` itself, and each clause alone after a bare `SELECT * FROM t WHERE` or `ORDER BY`
 * (inside the parentheses of `WHERE (…)` a `;` does not end a statement: alone it does).
 */
export function textsToCheck(
  sql: string,
  schema: string,
  name: string,
  { where, order }: Partial<DataClauses>,
): string[] {
  const from = `SELECT * FROM ${qualifiedName(schema, name)}`;
  return [
    sql,
    ...(where?.trim() ? [`${from} WHERE ${where}`] : []),
    ...(order?.trim() ? [`${from} ORDER BY ${order}`] : []),
  ];
}

/** Why SQL built from the boxes is not run: what the user sees, and what to do. */
export interface ClauseRefusal {
  message: string;
  hint: string;
}

/**
 * Whether the backend's split of the data view's SQL (or its count's) may run: exactly
 * one statement, not several joined by `\;`, a SELECT (or one PostgreSQL's parser rejects:
 * the server then says where, and runs nothing), writing nothing, without `$n`
 * parameters, not refused by Tusk (a psql command). Null when it may; else why not.
 */
export function refusalOfSplit(statements: readonly SplitStatement[]): ClauseRefusal | null {
  const one = statements.length === 1 ? statements[0]! : null;
  if (!one || one.grouped || one.kind === 'psql') {
    return {
      message: 'The WHERE and ORDER BY must stay inside the one SELECT: nothing was run',
      hint: 'Remove the ; (or \\; or backslash command) and what follows it; run other statements in a query tab.',
    };
  }
  if (one.refusal) return { message: one.refusal.message, hint: one.refusal.hint };
  if (one.writes || (!one.broken && one.kind !== 'select')) {
    return {
      message: 'The WHERE and ORDER BY may only read: nothing was run',
      hint: 'Write changes in a query tab (or edit the rows in the grid).',
    };
  }
  if (one.params > 0) {
    return {
      message: 'Parameters ($1…) are not taken in the WHERE or ORDER BY: nothing was run',
      hint: 'Write the value itself, e.g. id = 42.',
    };
  }
  return null;
}
