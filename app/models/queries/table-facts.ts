import type { ConnectionPool } from '../connections/connection-pool';

/** One column of a table as an edit needs it (from `pg_attribute`). */
export interface TableColumnFacts {
  /** `attname`. */
  name: string;
  /**
   * The type without its modifier, as a cast names it (`format_type(atttypid, -1)`:
   * `bpchar`, `"bit"`, not the one-character `character`), a type outside `pg_catalog`
   * schema-qualified (`public.mood`, whatever the session's search_path): what a value is
   * cast to.
   */
  type: string;
  /** The type with its modifier (`numeric(12,2)`, `character varying(5)`). */
  fullType: string;
  /** `GENERATED ALWAYS AS (…) STORED`: never written. */
  generated: boolean;
  /** `GENERATED ALWAYS AS IDENTITY`: never written (no `OVERRIDING`). */
  identityAlways: boolean;
  /** An identity column, or one with a default (serial): left to the server on insert. */
  defaulted: boolean;
  notNull: boolean;
  /**
   * Its type (a domain's base type) has a default btree operator class, so `=` compares
   * values exactly enough; otherwise (json, xml, point, arrays, ranges…) an edit compares
   * the values' text.
   */
  comparable: boolean;
  /** A system column (`ctid`, `xmin`…): read, never written. */
  system: boolean;
}

/** What an edit needs of one table, read from the catalog once per connection. */
export interface TableFacts {
  oid: number;
  schema: string;
  name: string;
  /** `pg_class.relkind`: r table, p partitioned, v view, m materialized view, f foreign… */
  relkind: string;
  /** Columns by attribute number (system columns too, with negative numbers). */
  columns: Map<number, TableColumnFacts>;
  /**
   * Keys that name one row, as attribute numbers: the primary key first, then each valid
   * unique index on NOT NULL columns without expression or predicate.
   */
  keys: number[][];
  /** The connection's role may change its rows at all (UPDATE, INSERT or DELETE). */
  writable: boolean;
}

/** The facts of each table learnt on one connection, by OID (null: no such table now). */
export type TableFactsCache = Map<number, TableFacts | null>;

interface ColumnRow {
  number: number;
  name: string;
  type: string;
  fullType: string;
  generated: boolean;
  identity: string;
  hasDefault: boolean;
  notNull: boolean;
  comparable: boolean;
}

const FACTS_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
       (has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'INSERT')
         OR has_table_privilege(c.oid, 'DELETE')) AS writable,
       (SELECT json_agg(json_build_object(
                 'number', a.attnum, 'name', a.attname,
                 'type', CASE WHEN tn.nspname = 'pg_catalog' THEN format_type(a.atttypid, -1)
                              ELSE qualified END,
                 'fullType', CASE WHEN tn.nspname = 'pg_catalog'
                                  THEN format_type(a.atttypid, a.atttypmod) ELSE qualified END,
                 'generated', a.attgenerated <> '', 'identity', a.attidentity::text,
                 'hasDefault', a.atthasdef, 'notNull', a.attnotnull,
                 'comparable', t.typtype = 'e' OR EXISTS (
                   SELECT 1 FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod
                    WHERE am.amname = 'btree' AND oc.opcdefault
                      AND oc.opcintype = CASE t.typtype WHEN 'd' THEN t.typbasetype ELSE t.oid END))
               ORDER BY a.attnum)
          FROM pg_attribute a
          JOIN pg_type t ON t.oid = a.atttypid
          JOIN pg_namespace tn ON tn.oid = t.typnamespace
          LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
          LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
          CROSS JOIN LATERAL (SELECT CASE WHEN et.oid IS NULL
                                          THEN quote_ident(tn.nspname) || '.' || quote_ident(t.typname)
                                          ELSE quote_ident(en.nspname) || '.' || quote_ident(et.typname) || '[]'
                                     END AS qualified) q
         WHERE a.attrelid = c.oid AND NOT a.attisdropped)::text AS columns,
       (SELECT json_agg(k.attnums ORDER BY i.indisprimary DESC, i.indnkeyatts, i.indexrelid)
          FROM pg_index i
          CROSS JOIN LATERAL (
                SELECT array_agg(u.attnum ORDER BY u.o) AS attnums,
                       coalesce(bool_and(u.attnum > 0 AND ka.attnotnull), false) AS not_null
                  FROM unnest(i.indkey) WITH ORDINALITY AS u(attnum, o)
                  LEFT JOIN pg_attribute ka ON ka.attrelid = i.indrelid AND ka.attnum = u.attnum
                 WHERE u.o <= i.indnkeyatts) k
         WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid
           AND i.indpred IS NULL AND i.indexprs IS NULL AND k.not_null)::text AS keys
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.oid = $1::text::oid`;

/**
 * The facts of table `oid` (see {@link TableFacts}), from `cache` or with one catalog query
 * on a pool session — never on the session that ran the query, which may be in a failed
 * transaction — then kept in `cache` (cleared with the column types after DDL). Null when
 * there is no such relation; undefined when the catalog could not be read (not cached).
 */
export async function tableFacts(
  pool: ConnectionPool,
  cache: TableFactsCache,
  oid: number,
): Promise<TableFacts | null | undefined> {
  if (cache.has(oid)) return cache.get(oid)!;
  let rows: Record<string, unknown>[];
  try {
    rows = await pool.run((session) => session.query(FACTS_SQL, [String(oid)]));
  } catch {
    return undefined;
  }
  const row = rows[0];
  const facts = row ? factsOf(oid, row) : null;
  cache.set(oid, facts);
  return facts;
}

function factsOf(oid: number, row: Record<string, unknown>): TableFacts {
  const columns = new Map<number, TableColumnFacts>();
  const parsed = (JSON.parse(String(row['columns'] ?? 'null')) as ColumnRow[] | null) ?? [];
  for (const column of parsed) {
    columns.set(column.number, {
      name: column.name,
      type: column.type,
      fullType: column.fullType,
      generated: column.generated,
      identityAlways: column.identity === 'a',
      defaulted: column.identity !== '' || column.hasDefault,
      notNull: column.notNull,
      comparable: column.comparable,
      system: column.number < 0,
    });
  }
  const keys = (JSON.parse(String(row['keys'] ?? 'null')) as number[][] | null) ?? [];
  return {
    oid,
    schema: String(row['schema']),
    name: String(row['name']),
    relkind: String(row['relkind']),
    columns,
    keys,
    writable: row['writable'] === true,
  };
}
