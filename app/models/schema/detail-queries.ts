/**
 * The catalog queries behind `schema.object`: one object's details, each query set-based
 * over that object's rows (columns, constraints, indexes, triggers, policies). They run
 * with `search_path` empty, so every name outside pg_catalog comes schema-qualified
 * (`format_type`, `pg_get_expr`, `pg_get_constraintdef`…) and the DDL does not depend on
 * the session's path. `$1` is the object's OID.
 */

/** A relation's header: owner, comment, sizes, partitioning, parents, options, view text. */
export const RELATION_SQL = `
SELECT c.oid::int8::float8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
       pg_get_userbyid(c.relowner) AS owner, d.description AS comment,
       COALESCE(has_schema_privilege(n.oid, 'USAGE')
                AND CASE c.relkind WHEN 'S' THEN has_sequence_privilege(c.oid, 'SELECT, USAGE')
                                   ELSE has_any_column_privilege(c.oid, 'SELECT') END, false) AS readable,
       c.reltuples::float8 AS tuples, c.relpages::float8 AS pages,
       CASE WHEN c.relkind IN ('r', 'p', 'm', 'S') THEN pg_total_relation_size(c.oid)::float8 END AS total,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
       c.relispartition AS partition, pg_get_expr(c.relpartbound, c.oid) AS bound,
       c.reloptions::text AS options, c.relpersistence::text AS persistence,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
       CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS oftype,
       am.amname AS am, fs.srvname AS server, ft.ftoptions::text AS ftoptions,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS viewdef,
       (SELECT json_agg(json_build_object('schema', pn.nspname, 'name', pc.relname) ORDER BY i.inhseqno)
          FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid) AS parents
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description d
         ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  LEFT JOIN pg_am am ON am.oid = c.relam
  LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
  LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
 WHERE c.oid = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')`;

/** The columns of a relation (or of a composite type's relation). */
export const COLUMNS_SQL = `
SELECT a.attnum::int4 AS position, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS notnull, pg_get_expr(ad.adbin, ad.adrelid) AS expr,
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       CASE WHEN a.attcollation <> t.typcollation AND co.oid IS NOT NULL
            THEN json_build_object('schema', cn.nspname, 'name', co.collname) END AS collation,
       col_description(a.attrelid, a.attnum) AS comment, a.attislocal AS local,
       s.seqstart::text AS seq_start, s.seqincrement::text AS seq_increment,
       s.seqmin::text AS seq_min, s.seqmax::text AS seq_max, s.seqcache::text AS seq_cache,
       s.seqcycle AS seq_cycle, format_type(s.seqtypid, NULL) AS seq_type
  FROM pg_attribute a
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_depend dep
         ON a.attidentity <> '' AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid
        AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i'
  LEFT JOIN pg_sequence s ON s.seqrelid = dep.objid
 WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;

/**
 * Primary, unique, foreign, check and exclusion constraints of a relation (`conrelid`) or
 * a domain (`contypid`); never NOT NULL (contype `n`, PostgreSQL 17 for domains, 18 for
 * tables: the columns say it).
 */
export function constraintsSql(of: 'conrelid' | 'contypid'): string {
  return `
SELECT co.conname AS name, co.contype::text AS type, pg_get_constraintdef(co.oid) AS definition,
       (SELECT array_agg(a.attname ORDER BY k.n)::text
          FROM unnest(co.conkey) WITH ORDINALITY AS k(num, n)
          JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num) AS columns,
       fn.nspname AS ref_schema, fc.relname AS ref_table,
       (SELECT array_agg(a.attname ORDER BY k.n)::text
          FROM unnest(co.confkey) WITH ORDINALITY AS k(num, n)
          JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num) AS ref_columns,
       co.convalidated AS validated, d.description AS comment,
       co.conislocal AND co.conparentid = 0 AS local
  FROM pg_constraint co
  LEFT JOIN pg_class fc ON fc.oid = co.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  LEFT JOIN pg_description d
         ON d.objoid = co.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
 WHERE co.${of} = $1 AND co.contype IN ('p', 'u', 'f', 'c', 'x')
 ORDER BY CASE co.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' THEN 2 WHEN 'f' THEN 3 ELSE 4 END,
          co.conname`;
}

/** A relation's indexes: definition, key columns, size; which back a constraint. */
export const INDEXES_SQL = `
SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
       i.indisunique AS "unique", i.indisprimary AS "primary", i.indisvalid AS valid,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       pg_relation_size(i.indexrelid)::float8 AS size,
       (SELECT array_agg(COALESCE(a.attname, pg_get_indexdef(i.indexrelid, k, true)) ORDER BY k)::text
          FROM generate_series(1, i.indnkeyatts::int4) AS k
          LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]
                                  AND i.indkey[k - 1] <> 0) AS columns,
       EXISTS (SELECT 1 FROM pg_constraint co
                WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid
                  AND co.contype IN ('p', 'u', 'x')) AS backs,
       EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) AS inherited,
       d.description AS comment
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  LEFT JOIN pg_description d
         ON d.objoid = i.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
 WHERE i.indrelid = $1
 ORDER BY i.indisprimary DESC, ic.relname`;

/** User triggers (not internal ones); `cloned`: made on a partition by its parent's (13+). */
export function triggersSql(version: number): string {
  return `
SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, t.tgenabled <> 'D' AS enabled,
       ${version >= 130000 ? 't.tgparentid <> 0' : 'false'} AS cloned
  FROM pg_trigger t
 WHERE t.tgrelid = $1 AND NOT t.tgisinternal
 ORDER BY t.tgname`;
}

/** Row-level security policies. */
export const POLICIES_SQL = `
SELECT p.polname AS name, p.polcmd::text AS cmd, p.polpermissive AS permissive,
       (SELECT array_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END ORDER BY r)::text
          FROM unnest(p.polroles) AS r) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS "check"
  FROM pg_policy p
 WHERE p.polrelid = $1
 ORDER BY p.polname`;

/** A sequence's settings and the column owning it. */
export const SEQUENCE_SQL = `
SELECT format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
       s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle,
       (SELECT json_build_object('schema', tn.nspname, 'table', tc.relname, 'column', a.attname,
                                 'identity', dep.deptype = 'i')
          FROM pg_depend dep
          JOIN pg_class tc ON tc.oid = dep.refobjid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
         WHERE dep.classid = 'pg_class'::regclass AND dep.objid = s.seqrelid
           AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
         LIMIT 1) AS owned_by
  FROM pg_sequence s
 WHERE s.seqrelid = $1`;

/** A function, procedure or aggregate; `def` is `pg_get_functiondef` (not for aggregates). */
export const ROUTINE_SQL = `
SELECT p.oid::int8::float8 AS oid, n.nspname AS schema, p.proname AS name, p.prokind::text AS prokind,
       pg_get_userbyid(p.proowner) AS owner, d.description AS comment,
       COALESCE(has_schema_privilege(n.oid, 'USAGE') AND has_function_privilege(p.oid, 'EXECUTE'), false) AS readable,
       pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
       l.lanname AS language, p.proparallel::text AS parallel,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS def,
       a.aggkind::text AS aggkind, a.aggtransfn::regproc::text AS sfunc,
       format_type(a.aggtranstype, NULL) AS stype, a.aggtransspace AS sspace,
       NULLIF(a.aggfinalfn, 0)::regproc::text AS finalfunc, a.aggfinalextra AS finalextra,
       NULLIF(a.aggcombinefn, 0)::regproc::text AS combinefunc,
       NULLIF(a.aggserialfn, 0)::regproc::text AS serialfunc,
       NULLIF(a.aggdeserialfn, 0)::regproc::text AS deserialfunc,
       a.agginitval AS initcond, NULLIF(a.aggsortop, 0)::regoper::text AS sortop
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
  LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
  LEFT JOIN pg_description d
         ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
 WHERE p.oid = $1`;

/** A type: enum labels, a domain's base type and default, a range's subtype, base functions. */
export const TYPE_SQL = `
SELECT t.oid::int8::float8 AS oid, n.nspname AS schema, t.typname AS name, t.typtype::text AS typtype,
       pg_get_userbyid(t.typowner) AS owner, d.description AS comment,
       COALESCE(has_schema_privilege(n.oid, 'USAGE') AND has_type_privilege(t.oid, 'USAGE'), false) AS readable,
       t.typrelid::int8::float8 AS relid,
       (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder)::text
          FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
       t.typnotnull AS notnull, pg_get_expr(t.typdefaultbin, 0) AS "default",
       CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation AND co.oid IS NOT NULL
            THEN json_build_object('schema', cn.nspname, 'name', co.collname) END AS collation,
       format_type(r.rngsubtype, NULL) AS subtype, NULLIF(r.rngsubdiff, 0)::regproc::text AS subdiff,
       t.typinput::regproc::text AS input, t.typoutput::regproc::text AS output,
       NULLIF(t.typreceive, 0)::regproc::text AS receive, NULLIF(t.typsend, 0)::regproc::text AS send,
       t.typlen AS length, t.typbyval AS byval, t.typalign::text AS align,
       t.typstorage::text AS storage, t.typcategory::text AS category
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_collation co ON co.oid = t.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_range r ON r.rngtypid = t.oid
  LEFT JOIN pg_description d
         ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
 WHERE t.oid = $1`;

/** An extension. */
export const EXTENSION_SQL = `
SELECT e.oid::int8::float8 AS oid, n.nspname AS schema, e.extname AS name,
       pg_get_userbyid(e.extowner) AS owner, e.extversion AS version, d.description AS comment
  FROM pg_extension e
  JOIN pg_namespace n ON n.oid = e.extnamespace
  LEFT JOIN pg_description d
         ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0
 WHERE e.oid = $1`;
