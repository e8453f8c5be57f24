import type { ConnectionPool } from '../connections/connection-pool';
import type { RawColumn } from './result-set';
import type { TableFactsCache } from './table-facts';

/** A result column as the views see it. */
export interface ResultColumn {
  name: string;
  /** The type as PostgreSQL writes it (`format_type`): `numeric(12,2)`, `integer[]`. */
  type: string;
  /** Whether the column can hold NULL, where the server knows (a table's column). */
  nullable?: boolean;
  /**
   * The table the column comes from (RowDescription's table OID, named from the catalog),
   * or null for a computed column or one whose table is unknown.
   */
  table: ColumnTable | null;
  /**
   * Whether an edit of the result may change this column (`queries.page`): false for a
   * computed column, a generated one, or when the result is read-only.
   */
  editable?: boolean;
}

/** A result column's table. */
export interface ColumnTable {
  schema: string;
  name: string;
  oid: number;
}

/**
 * What Tusk has learnt of one connection's catalog to name result columns: type names by
 * OID and modifier, each table column's table and nullability, and what an edit needs of
 * each table. Dropped when the connection closes, cleared when DDL ran on it (see
 * {@link ColumnTypeCaches}).
 */
export class ColumnTypeCache {
  /** `format_type` names by `oid:modifier`. */
  readonly types = new Map<string, string>();
  /** Nullability of table columns by `table:number`. */
  readonly nullable = new Map<string, boolean>();
  /** Tables by OID. */
  readonly tables = new Map<number, ColumnTable>();
  /** What an edit needs of each table (kind, columns, keys), by OID: see `tableFacts`. */
  readonly facts: TableFactsCache = new Map();

  /** Forgets everything (DDL may have changed any of it). */
  clear(): void {
    this.facts.clear();
    this.types.clear();
    this.nullable.clear();
    this.tables.clear();
  }
}

/** The column-type cache of each open connection, made on first use. */
export class ColumnTypeCaches {
  readonly #caches = new Map<string, ColumnTypeCache>();

  /** The cache of connection `connectionId` (a new, empty one on first use). */
  of(connectionId: string): ColumnTypeCache {
    let cache = this.#caches.get(connectionId);
    if (!cache) {
      cache = new ColumnTypeCache();
      this.#caches.set(connectionId, cache);
    }
    return cache;
  }

  /** The connection closed: its cache goes. */
  forget(connectionId: string): void {
    this.#caches.delete(connectionId);
  }

  /** DDL ran on the connection: what was learnt may be stale. */
  clear(connectionId: string): void {
    this.#caches.get(connectionId)?.clear();
  }
}

/**
 * Names result columns' types with `format_type(oid, typmod)` and finds each table
 * column's table (schema, name) and whether it is nullable, with one catalog query per batch of unknown types, cached per
 * connection (`cache`). Runs on a pool session — never on
 * the session that ran the query, which may be in a failed transaction. Never throws: a
 * failed lookup names the type by its OID.
 */
export async function describeColumns(
  pool: ConnectionPool,
  cache: ColumnTypeCache,
  columns: RawColumn[],
): Promise<ResultColumn[]> {
  const typeKey = (c: RawColumn) => `${c.type}:${c.modifier}`;
  const nullKey = (c: RawColumn) => `${c.table}:${c.number}`;
  const unknownTypes = columns.filter((c) => !cache.types.has(typeKey(c)));
  const unknownTables = columns.filter(
    (c) =>
      c.table !== 0 &&
      c.number > 0 &&
      (!cache.nullable.has(nullKey(c)) || !cache.tables.has(c.table)),
  );
  if (unknownTypes.length > 0 || unknownTables.length > 0) {
    try {
      await pool.run(async (session) => {
        if (unknownTypes.length > 0) {
          const rows = await session.query<{ oid: number; modifier: number; name: string }>(
            `SELECT t.oid::int8::float8 AS oid, t.modifier, format_type(t.oid, NULLIF(t.modifier, -1)) AS name
               FROM unnest($1::text::oid[], $2::text::int4[]) AS t(oid, modifier)`,
            [
              arrayLiteral(unknownTypes.map((c) => c.type)),
              arrayLiteral(unknownTypes.map((c) => c.modifier)),
            ],
          );
          for (const row of rows) cache.types.set(`${row.oid}:${row.modifier}`, row.name);
        }
        if (unknownTables.length > 0) {
          const rows = await session.query<{
            table: number;
            number: number;
            nullable: boolean;
            schema: string;
            name: string;
          }>(
            `SELECT a.attrelid::int8::float8 AS "table", a.attnum::int4 AS "number", NOT a.attnotnull AS nullable,
                    n.nspname AS schema, r.relname AS name
               FROM unnest($1::text::oid[], $2::text::int2[]) AS c(rel, num)
               JOIN pg_attribute a ON a.attrelid = c.rel AND a.attnum = c.num
               JOIN pg_class r ON r.oid = a.attrelid
               JOIN pg_namespace n ON n.oid = r.relnamespace`,
            [
              arrayLiteral(unknownTables.map((c) => c.table)),
              arrayLiteral(unknownTables.map((c) => c.number)),
            ],
          );
          for (const row of rows) {
            cache.nullable.set(`${row.table}:${row.number}`, row.nullable);
            cache.tables.set(row.table, { schema: row.schema, name: row.name, oid: row.table });
          }
        }
      });
    } catch {
      // The names are a courtesy: the rows are right without them.
    }
  }
  return columns.map((c) => {
    const nullable = c.table !== 0 ? cache.nullable.get(nullKey(c)) : undefined;
    const table = c.table !== 0 ? cache.tables.get(c.table) : undefined;
    return {
      name: c.name,
      type: cache.types.get(typeKey(c)) ?? `oid ${c.type}`,
      ...(typeof nullable === 'boolean' ? { nullable } : {}),
      table: table ?? null,
    };
  });
}

/** `{1,2,3}`: integers as a PostgreSQL array literal, sent as text (no driver inference). */
function arrayLiteral(values: number[]): string {
  return `{${values.join(',')}}`;
}
