import type { ConnectionPool } from '../connections/connection-pool';
import type { RawColumn } from './result-set';

/** A result column as the views see it. */
export interface ResultColumn {
  name: string;
  /** The type as PostgreSQL writes it (`format_type`): `numeric(12,2)`, `integer[]`. */
  type: string;
  /** Whether the column can hold NULL, where the server knows (a table's column). */
  nullable?: boolean;
}

/**
 * Names result columns' types with `format_type(oid, typmod)` and finds whether table
 * columns are nullable, with one catalog query per batch of unknown types, cached per
 * connection (`cache`: the connection's schema cache). Runs on a pool session — never on
 * the session that ran the query, which may be in a failed transaction. Never throws: a
 * failed lookup names the type by its OID.
 */
export async function describeColumns(
  pool: ConnectionPool,
  cache: Map<string, unknown>,
  columns: RawColumn[],
): Promise<ResultColumn[]> {
  const typeKey = (c: RawColumn) => `type:${c.type}:${c.modifier}`;
  const nullKey = (c: RawColumn) => `nullable:${c.table}:${c.number}`;
  const unknownTypes = columns.filter((c) => !cache.has(typeKey(c)));
  const unknownTables = columns.filter(
    (c) => c.table !== 0 && c.number > 0 && !cache.has(nullKey(c)),
  );
  if (unknownTypes.length > 0 || unknownTables.length > 0) {
    try {
      await pool.run(async (sql) => {
        if (unknownTypes.length > 0) {
          const rows = await sql.unsafe<{ oid: number; modifier: number; name: string }[]>(
            `SELECT t.oid::int8::float8 AS oid, t.modifier, format_type(t.oid, NULLIF(t.modifier, -1)) AS name
               FROM unnest($1::text::oid[], $2::text::int4[]) AS t(oid, modifier)`,
            [
              arrayLiteral(unknownTypes.map((c) => c.type)),
              arrayLiteral(unknownTypes.map((c) => c.modifier)),
            ],
          );
          for (const row of rows) cache.set(`type:${row.oid}:${row.modifier}`, row.name);
        }
        if (unknownTables.length > 0) {
          const rows = await sql.unsafe<{ table: number; number: number; nullable: boolean }[]>(
            `SELECT a.attrelid::int8::float8 AS "table", a.attnum::int4 AS "number", NOT a.attnotnull AS nullable
               FROM unnest($1::text::oid[], $2::text::int2[]) AS c(rel, num)
               JOIN pg_attribute a ON a.attrelid = c.rel AND a.attnum = c.num`,
            [
              arrayLiteral(unknownTables.map((c) => c.table)),
              arrayLiteral(unknownTables.map((c) => c.number)),
            ],
          );
          for (const row of rows) cache.set(`nullable:${row.table}:${row.number}`, row.nullable);
        }
      });
    } catch {
      // The names are a courtesy: the rows are right without them.
    }
  }
  return columns.map((c) => {
    const nullable = c.table !== 0 ? cache.get(nullKey(c)) : undefined;
    return {
      name: c.name,
      type: (cache.get(typeKey(c)) as string | undefined) ?? `oid ${c.type}`,
      ...(typeof nullable === 'boolean' ? { nullable } : {}),
    };
  });
}

/** `{1,2,3}`: integers as a PostgreSQL array literal, sent as text (no driver inference). */
function arrayLiteral(values: number[]): string {
  return `{${values.join(',')}}`;
}
