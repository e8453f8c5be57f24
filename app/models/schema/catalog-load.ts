import type { SessionQueries } from '../connections/pool-session';
import { TuskError } from '../errors/errors';
import { qualifiedName, quotedKeywords } from './identifiers';
import { parseTextArray } from './pg-array';
import type {
  CatalogSnapshot,
  ColumnName,
  KeywordCategory,
  ObjectKind,
  SchemaSummary,
  TreeObject,
} from './schema-types';

/** The oldest server the catalog queries are written for (`server_version_num`). */
export const OLDEST_SERVER = 120000;

/** True for the schemas hidden unless asked for: the catalogs, toast and temp schemas. */
export function isSystemSchema(name: string): boolean {
  return (
    name === 'pg_catalog' ||
    name === 'information_schema' ||
    name === 'pg_toast' ||
    name.startsWith('pg_temp_') ||
    name.startsWith('pg_toast_temp_')
  );
}

const SETTINGS_SQL = `
SELECT current_setting('server_version_num')::int4 AS version,
       current_schemas(true)::text AS path,
       (SELECT array_agg(word ORDER BY word)::text FROM pg_get_keywords()) AS words,
       (SELECT array_agg(catcode ORDER BY word)::text FROM pg_get_keywords()) AS codes`;

const SCHEMAS_SQL = `
SELECT n.oid::int8::float8 AS oid, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
       COALESCE(has_schema_privilege(n.oid, 'USAGE'), false) AS usable
  FROM pg_namespace n`;

/** Relations with their columns as two arrays (names, `format_type`s) in `attnum` order. */
const RELATIONS_SQL = `
SELECT c.oid::int8::float8 AS oid, c.relnamespace::int8::float8 AS ns, c.relname AS name,
       c.relkind::text AS relkind, p.inhparent::int8::float8 AS parent,
       c.reltuples::float8 AS tuples, c.relpages::float8 AS pages,
       COALESCE(CASE c.relkind WHEN 'S' THEN has_sequence_privilege(c.oid, 'SELECT, USAGE')
                               WHEN 'c' THEN true
                               ELSE has_any_column_privilege(c.oid, 'SELECT') END, false) AS readable,
       d.description AS comment, a.names, a.types
  FROM pg_class c
  LEFT JOIN pg_inherits p ON c.relispartition AND p.inhrelid = c.oid
  LEFT JOIN pg_description d
         ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  LEFT JOIN (SELECT at.attrelid,
                    array_agg(at.attname ORDER BY at.attnum)::text AS names,
                    array_agg(format_type(at.atttypid, at.atttypmod) ORDER BY at.attnum)::text AS types
               FROM pg_attribute at
               JOIN pg_class r ON r.oid = at.attrelid AND r.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
              WHERE at.attnum > 0 AND NOT at.attisdropped
              GROUP BY at.attrelid) a ON a.attrelid = c.oid
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')`;

const ROUTINES_SQL = `
SELECT p.oid::int8::float8 AS oid, p.pronamespace::int8::float8 AS ns, p.proname AS name,
       p.prokind::text AS prokind, pg_get_function_arguments(p.oid) AS args,
       pg_get_function_result(p.oid) AS result,
       COALESCE(has_function_privilege(p.oid, 'EXECUTE'), false) AS readable,
       d.description AS comment
  FROM pg_proc p
  LEFT JOIN pg_description d
         ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0`;

/**
 * Types a user names: enums, domains, free-standing composites, ranges and base types;
 * not array types, multiranges, pseudo-types, nor the row types of relations.
 */
const TYPES_SQL = `
SELECT t.oid::int8::float8 AS oid, t.typnamespace::int8::float8 AS ns, t.typname AS name,
       t.typtype::text AS typtype, t.typrelid::int8::float8 AS relid,
       COALESCE(has_type_privilege(t.oid, 'USAGE'), false) AS readable,
       d.description AS comment
  FROM pg_type t
  LEFT JOIN pg_class r ON r.oid = t.typrelid
  LEFT JOIN pg_description d
         ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
 WHERE (t.typrelid = 0 OR r.relkind = 'c')
   AND t.typtype IN ('b', 'c', 'd', 'e', 'r')
   AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)`;

const EXTENSIONS_SQL = `
SELECT e.oid::int8::float8 AS oid, e.extnamespace::int8::float8 AS ns, e.extname AS name,
       d.description AS comment
  FROM pg_extension e
  LEFT JOIN pg_description d
         ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0`;

interface Row {
  oid: number;
  ns: number;
  name: string;
  comment: string | null;
}
interface RelationRow extends Row {
  relkind: string;
  parent: number | null;
  tuples: number;
  pages: number;
  readable: boolean;
  names: string | null;
  types: string | null;
}
interface RoutineRow extends Row {
  prokind: string;
  args: string;
  result: string | null;
  readable: boolean;
}
interface TypeRow extends Row {
  typtype: string;
  relid: number;
  readable: boolean;
}

const RELKINDS: Record<string, ObjectKind> = {
  r: 'table',
  p: 'partitioned_table',
  v: 'view',
  m: 'materialized_view',
  f: 'foreign_table',
  S: 'sequence',
};
const PROKINDS: Record<string, ObjectKind> = {
  f: 'function',
  w: 'function',
  p: 'procedure',
  a: 'aggregate',
};
const TYPTYPES: Record<string, ObjectKind> = {
  e: 'enum',
  d: 'domain',
  c: 'type',
  b: 'type',
  r: 'type',
};
const CATEGORIES: Record<string, KeywordCategory> = {
  R: 'reserved',
  U: 'unreserved',
  C: 'column_name',
  T: 'type_function_name',
};

/** The order of kinds in a schema's listing (then names). */
export const KIND_ORDER: Record<ObjectKind, number> = {
  table: 0,
  partitioned_table: 1,
  view: 2,
  materialized_view: 3,
  foreign_table: 4,
  sequence: 5,
  function: 6,
  procedure: 7,
  aggregate: 8,
  type: 9,
  domain: 10,
  enum: 11,
  extension: 12,
};

/**
 * Loads the catalog of one connection in six set-based queries on one session (never one
 * per object): settings (version, `current_schemas(true)`, keywords), schemas, relations
 * with their columns, routines, types and extensions — every schema, system ones
 * included. pg_catalog lists objects the role may not use: they are kept, `readable: false`.
 * @throws the driver's error (the caller maps it); a server older than 12 is refused.
 */
export async function loadCatalog(db: SessionQueries): Promise<CatalogSnapshot> {
  const began = performance.now();
  // One snapshot for every query: a partition and its parent, a table and its schema agree.
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    return await readCatalog(db, began);
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
  }
}

async function readCatalog(db: SessionQueries, began: number): Promise<CatalogSnapshot> {
  const [settings] = await db.query<{
    version: number;
    path: string;
    words: string;
    codes: string;
  }>(SETTINGS_SQL);
  if (!settings) throw new Error('the server sent no settings');
  if (settings.version < OLDEST_SERVER) {
    throw new TuskError(
      'validation',
      `The schema browser reads the catalogs of PostgreSQL 12 and later; this server is ${Math.floor(settings.version / 10000)}`,
      { hint: 'Queries run as usual; browse its objects by querying pg_catalog.' },
    );
  }
  const schemas = await db.query<{ oid: number; name: string; owner: string; usable: boolean }>(
    SCHEMAS_SQL,
  );
  const relations = await db.query<RelationRow>(RELATIONS_SQL);
  const routines = await db.query<RoutineRow>(ROUTINES_SQL);
  const types = await db.query<TypeRow>(TYPES_SQL);
  const extensions = await db.query<Row>(EXTENSIONS_SQL);

  const words = parseTextArray(settings.words);
  const codes = parseTextArray(settings.codes);
  const keywords = words.map((word, i) => ({
    word: word ?? '',
    category: CATEGORIES[codes[i] ?? 'U'] ?? 'unreserved',
  }));
  const quoted = quotedKeywords(keywords);
  const schemaOf = new Map(schemas.map((s) => [s.oid, s]));
  const objects: TreeObject[] = [];
  const columnsOf = new Map<number, ColumnName[]>();
  const relationNames = new Map<number, { schema: string; name: string }>();
  const add = (row: Row, kind: ObjectKind, readable: boolean, extra: Partial<TreeObject> = {}) => {
    const schema = schemaOf.get(row.ns);
    if (!schema) return; // its schema was dropped while the queries ran
    objects.push({
      kind,
      schema: schema.name,
      name: row.name,
      oid: row.oid,
      comment: row.comment,
      ...extra,
      readable: readable && schema.usable,
    });
  };

  for (const r of relations) {
    const names = parseTextArray(r.names);
    const typeNames = parseTextArray(r.types);
    const columns = names.map((name, i) => ({ name: name ?? '', type: typeNames[i] ?? '' }));
    const schema = schemaOf.get(r.ns);
    if (schema) relationNames.set(r.oid, { schema: schema.name, name: r.name });
    if (r.relkind === 'c') {
      columnsOf.set(r.oid, columns);
      continue;
    }
    const kind = RELKINDS[r.relkind]!;
    add(r, kind, r.readable, {
      ...(kind === 'sequence' ? {} : { columns }),
      ...(kind === 'sequence' || kind === 'view'
        ? {}
        : { rowEstimate: estimate(r, settings.version) }),
    });
  }
  // A partition names its parent, which may come later in the rows.
  const byOid = new Map(objects.map((o) => [o.oid, o]));
  for (const r of relations) {
    if (r.parent === null) continue;
    const parent = relationNames.get(r.parent);
    const object = byOid.get(r.oid);
    if (parent && object) object.partitionOf = qualifiedName(parent.schema, parent.name, quoted);
  }
  for (const r of routines) {
    add(r, PROKINDS[r.prokind] ?? 'function', r.readable, {
      arguments: r.args,
      ...(r.result === null ? {} : { returns: r.result }),
    });
  }
  for (const t of types) {
    const columns = t.relid ? columnsOf.get(t.relid) : undefined;
    add(t, TYPTYPES[t.typtype] ?? 'type', t.readable, columns ? { columns } : {});
  }
  for (const e of extensions) add(e, 'extension', true);

  objects.sort(
    (a, b) =>
      compare(a.schema, b.schema) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      compare(a.name, b.name) ||
      a.oid - b.oid,
  );
  return {
    serverVersion: settings.version,
    loadedAt: Date.now(),
    loadMs: Math.round(performance.now() - began),
    searchPath: parseTextArray(settings.path).filter((s): s is string => s !== null),
    schemas: summarize(schemas, objects),
    objects,
    keywords,
  };
}

/** `reltuples`, or null when never analyzed (-1 from 14 on; before, 0 rows in 0 pages). */
function estimate(r: RelationRow, version: number): number | null {
  if (r.tuples < 0) return null;
  if (version < 140000 && r.tuples === 0 && r.pages === 0) return null;
  return Math.round(r.tuples);
}

function summarize(
  schemas: { name: string; owner: string }[],
  objects: TreeObject[],
): SchemaSummary[] {
  const counts = new Map<string, Partial<Record<ObjectKind, number>>>();
  for (const o of objects) {
    let c = counts.get(o.schema);
    if (!c) counts.set(o.schema, (c = {}));
    c[o.kind] = (c[o.kind] ?? 0) + 1;
  }
  return schemas
    .map((s) => ({
      name: s.name,
      owner: s.owner,
      system: isSystemSchema(s.name),
      counts: counts.get(s.name) ?? {},
    }))
    .sort((a, b) => Number(a.system) - Number(b.system) || compare(a.name, b.name));
}

/** Code-point order (stable across locales). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
