import type { EditChange } from '../../common/edit-rules';
import { qualifiedName, quoteIdent } from '../../common/identifiers';
import { TuskError } from '../errors/errors';
import type { EditSource, TableColumnFacts, TableFacts } from '../queries/query-service';
import type { EditStatement } from './edit-types';

/** One statement of an apply, with what its failure must name. */
export interface PlannedStatement extends EditStatement {
  /** The change it carries out (its index in `changes`). */
  change: number;
  op: EditChange['op'];
  /** The held row of an update or delete. */
  row?: number;
  /** The new values it sends, by result column (to find the one the server refused). */
  values: { column: number; value: string | null; facts: TableColumnFacts }[];
  /** Whether it returns the row (updates and inserts): its values are the stored row. */
  returns: boolean;
}

/** What planning needs of an editable result (its facts known). */
interface Editable {
  source: EditSource;
  facts: TableFacts;
  key: number[];
}

/**
 * The statements that carry out `changes` on the editable result `source`, in order:
 * `UPDATE … SET "c" = $n::type … WHERE <key> = $n AND <every other column the result
 * holds> IS NOT DISTINCT FROM <its value as read> RETURNING <the result's columns>`,
 * `INSERT … (columns typed) VALUES (…) RETURNING …` (`DEFAULT VALUES` when none) and
 * `DELETE … WHERE <the same>`. Values are text parameters cast by the server to the
 * column's type (without its modifier: the assignment checks a length, as psql's INSERT
 * would); columns whose type has no default btree class (json, xml, point, arrays…) are
 * compared through `::text`. The values read are the held row's whole cells.
 * @throws TuskError `validation` `ROW_NOT_HELD` for a row or column the result does not
 *   hold; `validation` for a column an edit may not write, an update without values, or a
 *   row changed by two changes.
 */
export function planStatements(source: EditSource, changes: EditChange[]): PlannedStatement[] {
  const { editable, facts } = source.target;
  if (!editable || !facts) throw new Error('planStatements: the result is not editable');
  const target: Editable = { source, facts, key: editable.key };
  const rows = new Map<number, number>();
  return changes.map((change, index) => {
    if (change.op !== 'insert') {
      const first = rows.get(change.row);
      if (first !== undefined) {
        throw new TuskError(
          'validation',
          `Changes ${first + 1} and ${index + 1} both change row ${change.row}`,
          {
            hint: "Give all of a row's new values in one change (a later one would not find the row as it was read).",
            edit: { change: index, row: change.row },
          },
        );
      }
      rows.set(change.row, index);
    }
    return plan(target, change, index);
  });
}

function plan(target: Editable, change: EditChange, index: number): PlannedStatement {
  const { facts, source } = target;
  const table = qualifiedName(facts.schema, facts.name);
  const params: (string | null)[] = [];
  const param = (value: string | null) => {
    params.push(value);
    return `$${params.length}`;
  };
  const returning = ` RETURNING ${source.set.columns.map((c) => quoteIdent(attribute(target, c.number).name)).join(', ')}`;
  if (change.op === 'delete') {
    heldRow(source, change.row, index);
    const where = whereOf(target, change.row, param);
    return {
      sql: `DELETE FROM ${table} WHERE ${where}`,
      params,
      change: index,
      op: 'delete',
      row: change.row,
      values: [],
      returns: false,
    };
  }
  const values = valuesOf(target, change, index);
  if (change.op === 'insert') {
    const sql =
      values.length === 0
        ? `INSERT INTO ${table} DEFAULT VALUES${returning}`
        : `INSERT INTO ${table} (${values.map((v) => quoteIdent(v.facts.name)).join(', ')}) VALUES (${values
            .map((v) => `${param(v.value)}::${v.facts.type}`)
            .join(', ')})${returning}`;
    return { sql, params, change: index, op: 'insert', values, returns: true };
  }
  heldRow(source, change.row, index);
  if (values.length === 0) {
    throw new TuskError('validation', `Change ${index + 1} updates no column`, {
      hint: 'Give the new values of the columns it changes.',
      edit: { change: index, row: change.row },
    });
  }
  const set = values.map((v) => `${quoteIdent(v.facts.name)} = ${param(v.value)}::${v.facts.type}`);
  const where = whereOf(target, change.row, param);
  return {
    sql: `UPDATE ${table} SET ${set.join(', ')} WHERE ${where}${returning}`,
    params,
    change: index,
    op: 'update',
    row: change.row,
    values,
    returns: true,
  };
}

/**
 * The comparisons that find held row `row` as it was read: the key's columns with `=`
 * (NOT NULL, indexed), every other column the result holds with `IS NOT DISTINCT FROM`.
 */
function whereOf(target: Editable, row: number, param: (value: string | null) => string): string {
  const { source, key } = target;
  const seen = new Set<number>();
  const parts: string[] = [];
  const ordered = [...key, ...source.set.columns.map((_, i) => i).filter((i) => !key.includes(i))];
  for (const column of ordered) {
    const number = source.set.columns[column]!.number;
    if (seen.has(number)) continue;
    seen.add(number);
    const facts = attribute(target, number);
    const name = quoteIdent(facts.name);
    const value = param(source.set.cell(row, column) ?? null);
    if (key.includes(column)) parts.push(`${name} = ${value}::${facts.type}`);
    else if (facts.comparable) parts.push(`${name} IS NOT DISTINCT FROM ${value}::${facts.type}`);
    else parts.push(`${name}::text IS NOT DISTINCT FROM ${value}::${facts.type}::text`);
  }
  return parts.join(' AND ');
}

/** The new values of an update or insert, in result column order, each checked. */
function valuesOf(
  target: Editable,
  change: Extract<EditChange, { values: unknown }>,
  index: number,
): PlannedStatement['values'] {
  const { source, facts } = target;
  const byNumber = new Map<number, PlannedStatement['values'][number]>();
  const columns = Object.keys(change.values)
    .map(Number)
    .sort((a, b) => a - b);
  const row = change.op === 'update' ? { row: change.row } : {};
  for (const column of columns) {
    const raw = source.set.columns[column];
    if (!raw) {
      throw new TuskError(
        'validation',
        `Change ${index + 1} names column ${column}, which the result does not have`,
        {
          code: 'ROW_NOT_HELD',
          hint: `The result has ${source.set.columns.length} columns, counted from 0.`,
          edit: { change: index, ...row, column },
        },
      );
    }
    const value = change.values[String(column)] ?? null;
    const attribute = facts.columns.get(raw.number);
    if (!source.target.columnEditable[column] || !attribute) {
      throw new TuskError(
        'validation',
        `Column ${source.columns[column]?.name ?? column} cannot be edited`,
        {
          detail: attribute?.generated
            ? 'It is a generated column: the server computes it.'
            : attribute?.identityAlways
              ? 'It is an identity column GENERATED ALWAYS: the server numbers it.'
              : 'It is a system column.',
          edit: { change: index, ...row, column },
        },
      );
    }
    const known = byNumber.get(raw.number);
    if (known && known.value !== value) {
      throw new TuskError(
        'validation',
        `Change ${index + 1} gives column ${attribute.name} two different values`,
        {
          hint: 'The result holds the column twice: edit one of them.',
          edit: { change: index, ...row, column },
        },
      );
    }
    if (!known) byNumber.set(raw.number, { column, value, facts: attribute });
  }
  return [...byNumber.values()];
}

/** @throws TuskError `ROW_NOT_HELD` when the result holds no row `row`. */
function heldRow(source: EditSource, row: number, index: number): void {
  if (row < source.set.rowCount) return;
  throw new TuskError(
    'validation',
    `Change ${index + 1} names row ${row}, which the result does not hold`,
    {
      code: 'ROW_NOT_HELD',
      hint: `The result holds ${source.set.rowCount} rows, counted from 0 in the server's order (queries.page's held).`,
      edit: { change: index, row },
    },
  );
}

function attribute(target: Editable, number: number): TableColumnFacts {
  const facts = target.facts.columns.get(number);
  if (!facts)
    throw new TuskError('validation', 'The table changed since the result was read', {
      hint: 'Run the query again, then edit.',
    });
  return facts;
}
