/**
 * The catalog queries of a load (`catalog-load.ts`): each set-based, over every schema, so
 * a catalog of any size loads in the same handful of queries (PostgreSQL 12 to 18).
 */

/** Version, the role's resolved search_path, the keywords (as parallel arrays). */
export const SETTINGS_SQL = `
SELECT current_setting('server_version_num')::int4 AS version,
       current_schemas(true)::text AS path,
       (SELECT array_agg(word ORDER BY word)::text FROM pg_get_keywords()) AS words,
       (SELECT array_agg(catcode ORDER BY word)::text FROM pg_get_keywords()) AS codes`;

export const SCHEMAS_SQL = `
SELECT n.oid::int8::float8 AS oid, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
       COALESCE(has_schema_privilege(n.oid, 'USAGE'), false) AS usable
  FROM pg_namespace n`;

/**
 * Relations with their columns as three arrays in `attnum` order: names, type OIDs and
 * modifiers (formatted once per distinct pair by `FORMAT_SQL`, not once per column).
 * One index scan of pg_attribute per relation, its rows already in order.
 */
export const RELATIONS_SQL = `
SELECT c.oid::int8::float8 AS oid, c.relnamespace::int8::float8 AS ns, c.relname AS name,
       c.relkind::text AS relkind, p.inhparent::int8::float8 AS parent,
       c.reltuples::float8 AS tuples, c.relpages::float8 AS pages,
       COALESCE(CASE c.relkind WHEN 'S' THEN has_sequence_privilege(c.oid, 'SELECT, USAGE')
                               WHEN 'c' THEN true
                               ELSE has_any_column_privilege(c.oid, 'SELECT') END, false) AS readable,
       d.description AS comment, a.names, a.types, a.mods
  FROM pg_class c
  LEFT JOIN pg_inherits p ON c.relispartition AND p.inhrelid = c.oid
  LEFT JOIN pg_description d
         ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  LEFT JOIN LATERAL (
         SELECT array_agg(at.attname ORDER BY at.attnum)::text AS names,
                array_agg(at.atttypid ORDER BY at.attnum)::text AS types,
                array_agg(at.atttypmod ORDER BY at.attnum)::text AS mods
           FROM pg_attribute at
          WHERE at.attrelid = c.oid AND at.attnum > 0 AND NOT at.attisdropped) a ON c.relkind <> 'S'
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')`;

/** `format_type` of each distinct (type, modifier) pair of the columns. */
export const FORMAT_SQL = `
SELECT t.oid::int8::float8 AS oid, t.mod, format_type(t.oid, t.mod) AS name
  FROM unnest($1::text::oid[], $2::text::int4[]) AS t(oid, mod)`;

/** Functions, procedures and aggregates; not those a type made for itself (range constructors). */
export const ROUTINES_SQL = `
SELECT p.oid::int8::float8 AS oid, p.pronamespace::int8::float8 AS ns, p.proname AS name,
       p.prokind::text AS prokind, pg_get_function_arguments(p.oid) AS args,
       pg_get_function_result(p.oid) AS result,
       COALESCE(has_function_privilege(p.oid, 'EXECUTE'), false) AS readable,
       d.description AS comment
  FROM pg_proc p
  LEFT JOIN pg_description d
         ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
 WHERE NOT EXISTS (SELECT 1 FROM pg_depend dep
                    WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid
                      AND dep.deptype = 'i')`;

/**
 * Types a user names: enums, domains, free-standing composites (their relations' OIDs as
 * `$1`, from the relations query), ranges and base types; not array types, multiranges,
 * pseudo-types, nor the row types of relations — filtered without joining pg_class.
 */
export const TYPES_SQL = `
SELECT t.oid::int8::float8 AS oid, t.typnamespace::int8::float8 AS ns, t.typname AS name,
       t.typtype::text AS typtype, t.typrelid::int8::float8 AS relid,
       COALESCE(has_type_privilege(t.oid, 'USAGE'), false) AS readable,
       d.description AS comment
  FROM pg_type t
  LEFT JOIN pg_description d
         ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
 WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r') AND t.typcategory <> 'A'
   AND (t.typtype <> 'c' OR t.typrelid = ANY ($1::text::oid[]))`;

export const EXTENSIONS_SQL = `
SELECT e.oid::int8::float8 AS oid, e.extnamespace::int8::float8 AS ns, e.extname AS name,
       d.description AS comment
  FROM pg_extension e
  LEFT JOIN pg_description d
         ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0`;

/**
 * Every schema with its owner and its objects counted by kind, by the same rules as the
 * whole load (a few grouped scans, no per-object rows): the first level of the tree before
 * the catalog has loaded.
 */
export const SUMMARIES_SQL = `
WITH counts AS (
  SELECT c.relnamespace AS ns,
         CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned_table' WHEN 'v' THEN 'view'
                        WHEN 'm' THEN 'materialized_view' WHEN 'f' THEN 'foreign_table'
                        ELSE 'sequence' END AS kind,
         count(*) AS total
    FROM pg_class c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') GROUP BY 1, 2
  UNION ALL
  SELECT p.pronamespace,
         CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         count(*)
    FROM pg_proc p
   WHERE NOT EXISTS (SELECT 1 FROM pg_depend dep
                      WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid
                        AND dep.deptype = 'i')
   GROUP BY 1, 2
  UNION ALL
  SELECT t.typnamespace,
         CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' ELSE 'type' END, count(*)
    FROM pg_type t
   WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r') AND t.typcategory <> 'A'
     AND (t.typtype <> 'c' OR t.typrelid IN (SELECT r.oid FROM pg_class r WHERE r.relkind = 'c'))
   GROUP BY 1, 2
  UNION ALL
  SELECT e.extnamespace, 'extension', count(*) FROM pg_extension e GROUP BY 1, 2
)
SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner, k.counts
  FROM pg_namespace n
  LEFT JOIN (SELECT ns, json_object_agg(kind, total::int4) AS counts FROM counts GROUP BY ns) k
         ON k.ns = n.oid`;
