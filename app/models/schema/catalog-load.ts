import type { SessionQueries } from '../connections/pool-session';
import { TuskError } from '../errors/errors';
import { qualifiedName, quotedKeywords } from './identifiers';
import {
  EXTENSIONS_SQL,
  FORMAT_SQL,
  RELATIONS_SQL,
  ROUTINES_SQL,
  SCHEMAS_SQL,
  SETTINGS_SQL,
  SUMMARIES_SQL,
  TYPES_SQL,
} from './catalog-queries';
import { parseTextArray } from './pg-array';
import type {
  CatalogSnapshot,
  ColumnName,
  KeywordCategory,
  ObjectKind,
  SchemaSummary,
  TreeObject,
} from './schema-types';
import { RELKIND_KINDS } from './schema-types';

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
  mods: string | null;
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
 * Loads the catalog of one connection in seven set-based queries on one session (never one
 * per object): settings (version, `current_schemas(true)`, keywords), schemas, relations
 * with their columns (names, type OIDs), the distinct column types' names, routines, types and extensions — every schema, system ones
 * included. pg_catalog lists objects the role may not use: they are kept, `readable: false`.
 * @throws the driver's error (the caller maps it); a server older than 12 is refused.
 */
export async function loadCatalog(db: SessionQueries): Promise<CatalogSnapshot> {
  const began = performance.now();
  // One snapshot for every query: a partition and its parent, a table and its schema agree.
  // JIT (on by default where PostgreSQL has LLVM) costs more than it saves on these.
  await db.query(`BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off`);
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
  const relations = (await db.query<RelationRow>(RELATIONS_SQL)).map((r) => ({
    ...r,
    columnNames: parseTextArray(r.names),
    typeKeys: typeKeysOf(r),
  }));
  const typeName = await formatTypes(db, relations);
  const routines = await db.query<RoutineRow>(ROUTINES_SQL);
  const composites = relations.filter((r) => r.relkind === 'c').map((r) => r.oid);
  const types = await db.query<TypeRow>(TYPES_SQL, [`{${composites.join(',')}}`]);
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
    const columns = r.columnNames.map((name, i) => ({
      name: name ?? '',
      type: typeName.get(r.typeKeys[i]!) ?? '',
    }));
    const schema = schemaOf.get(r.ns);
    if (schema) relationNames.set(r.oid, { schema: schema.name, name: r.name });
    if (r.relkind === 'c') {
      columnsOf.set(r.oid, columns);
      continue;
    }
    const kind = RELKIND_KINDS[r.relkind]!;
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

/** A relation's columns' (type, modifier) pairs as `oid:modifier` keys. */
function typeKeysOf(r: RelationRow): string[] {
  const types = parseTextArray(r.types);
  const mods = parseTextArray(r.mods);
  return types.map((type, i) => `${type}:${mods[i]}`);
}

/** The `format_type` names of the columns' (type, modifier) pairs, by `oid:modifier`. */
async function formatTypes(
  db: SessionQueries,
  relations: { typeKeys: string[] }[],
): Promise<Map<string, string>> {
  const pairs = new Set<string>();
  for (const r of relations) for (const key of r.typeKeys) pairs.add(key);
  const oids: string[] = [];
  const modifiers: string[] = [];
  for (const pair of pairs) {
    const [oid, mod] = pair.split(':');
    oids.push(oid!);
    modifiers.push(mod!);
  }
  const rows = await db.query<{ oid: number; mod: number; name: string }>(FORMAT_SQL, [
    `{${oids.join(',')}}`,
    `{${modifiers.join(',')}}`,
  ]);
  return new Map(rows.map((row) => [`${row.oid}:${row.mod}`, row.name]));
}

/** `reltuples`, or null when never analyzed (-1 from 14 on; before, 0 rows in 0 pages). */
function estimate(r: RelationRow, version: number): number | null {
  if (r.tuples < 0) return null;
  if (version < 140000 && r.tuples === 0 && r.pages === 0) return null;
  return Math.round(r.tuples);
}

/**
 * The schemas with their counts by kind in one grouped query, as a whole load would give
 * them (`CatalogSnapshot.schemas`): what the tree's first level shows while the catalog of a
 * large database is still loading.
 */
export async function loadSchemaSummaries(db: SessionQueries): Promise<SchemaSummary[]> {
  const rows = await db.query<{
    name: string;
    owner: string;
    counts: Partial<Record<ObjectKind, number>> | null;
  }>(SUMMARIES_SQL);
  return rows
    .map((r) => ({
      name: r.name,
      owner: r.owner,
      system: isSystemSchema(r.name),
      counts: ordered(r.counts ?? {}),
    }))
    .sort(bySystemThenName);
}

/** Counts in kind order (as the whole load makes them). */
function ordered(counts: Partial<Record<ObjectKind, number>>): Partial<Record<ObjectKind, number>> {
  const out: Partial<Record<ObjectKind, number>> = {};
  for (const kind of Object.keys(KIND_ORDER) as ObjectKind[]) {
    if (counts[kind]) out[kind] = counts[kind];
  }
  return out;
}

function bySystemThenName(a: SchemaSummary, b: SchemaSummary): number {
  return Number(a.system) - Number(b.system) || compare(a.name, b.name);
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
    .sort(bySystemThenName);
}

/** Code-point order (stable across locales). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
