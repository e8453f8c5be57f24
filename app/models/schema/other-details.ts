import type { SessionQueries } from '../connections/pool-session';
import {
  COLUMNS_SQL,
  constraintsSql,
  EXTENSION_SQL,
  ROUTINE_SQL,
  TYPE_SQL,
} from './detail-queries';
import { qualifiedName, quoteIdent } from './identifiers';
import type { ColumnRow, ConstraintRow, QualifiedName } from './detail-rows';
import { columnDetails, constraintDetails, names } from './relation-details';
import type { ObjectDetails, ObjectKind } from './schema-types';
import { commentOn, literal } from './table-ddl';

interface RoutineRow {
  oid: number;
  schema: string;
  name: string;
  prokind: string;
  owner: string;
  comment: string | null;
  readable: boolean;
  args: string;
  result: string | null;
  language: string;
  parallel: string;
  def: string | null;
  aggkind: string | null;
  sfunc: string | null;
  stype: string | null;
  sspace: number | null;
  finalfunc: string | null;
  finalextra: boolean | null;
  combinefunc: string | null;
  serialfunc: string | null;
  deserialfunc: string | null;
  initcond: string | null;
  sortop: string | null;
}

const PROKINDS: Record<string, ObjectKind> = {
  f: 'function',
  w: 'function',
  p: 'procedure',
  a: 'aggregate',
};

/** A function, procedure or aggregate by OID; null when there is none. */
export async function routineDetails(
  db: SessionQueries,
  oid: number,
  keywords: ReadonlySet<string>,
): Promise<ObjectDetails | null> {
  const [r] = await db.query<RoutineRow>(ROUTINE_SQL, [oid]);
  if (!r) return null;
  const kind = PROKINDS[r.prokind] ?? 'function';
  const signature = `${qualifiedName(r.schema, r.name, keywords)}(${r.args})`;
  const what = kind === 'procedure' ? 'PROCEDURE' : kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
  const ddl = [
    kind === 'aggregate' ? aggregateDdl(r, signature) : `${(r.def ?? '').trim()};`,
    ...commentOn(`${what} ${signature}`, r.comment),
  ].join('\n\n');
  return {
    kind,
    schema: r.schema,
    name: r.name,
    oid: r.oid,
    owner: r.owner,
    comment: r.comment,
    readable: r.readable,
    arguments: r.args,
    ...(r.result === null ? {} : { returns: r.result }),
    language: r.language,
    ddl,
  };
}

/**
 * CREATE AGGREGATE from pg_aggregate (PostgreSQL has no pg_get_functiondef for
 * aggregates): its state function and type, final, combine, serial and deserial
 * functions, initial condition, sort operator, HYPOTHETICAL and PARALLEL. Left out: the
 * moving-aggregate options (MSFUNC…) and FINALFUNC_MODIFY.
 */
function aggregateDdl(r: RoutineRow, signature: string): string {
  const options: string[] = [`SFUNC = ${r.sfunc ?? '-'}`, `STYPE = ${r.stype ?? 'internal'}`];
  if (r.sspace) options.push(`SSPACE = ${r.sspace}`);
  if (r.finalfunc) options.push(`FINALFUNC = ${r.finalfunc}`);
  if (r.finalextra) options.push('FINALFUNC_EXTRA');
  if (r.combinefunc) options.push(`COMBINEFUNC = ${r.combinefunc}`);
  if (r.serialfunc) options.push(`SERIALFUNC = ${r.serialfunc}`);
  if (r.deserialfunc) options.push(`DESERIALFUNC = ${r.deserialfunc}`);
  if (r.initcond !== null) options.push(`INITCOND = ${literal(r.initcond)}`);
  if (r.sortop)
    options.push(`SORTOP = ${r.sortop.includes('.') ? `OPERATOR(${r.sortop})` : r.sortop}`);
  if (r.aggkind === 'h') options.push('HYPOTHETICAL');
  const parallel = { s: 'SAFE', r: 'RESTRICTED', u: 'UNSAFE' }[r.parallel];
  if (parallel && parallel !== 'UNSAFE') options.push(`PARALLEL = ${parallel}`);
  return `CREATE AGGREGATE ${signature} (\n    ${options.join(',\n    ')}\n);`;
}

interface TypeRow {
  oid: number;
  schema: string;
  name: string;
  typtype: string;
  owner: string;
  comment: string | null;
  readable: boolean;
  relid: number;
  labels: string | null;
  base: string | null;
  notnull: boolean;
  default: string | null;
  collation: QualifiedName | null;
  subtype: string | null;
  subdiff: string | null;
  input: string;
  output: string;
  receive: string | null;
  send: string | null;
  length: number;
  byval: boolean;
  align: string;
  storage: string;
  category: string;
}

const TYPTYPES: Record<string, ObjectKind> = { e: 'enum', d: 'domain' };

/** A type (enum, domain, composite, range or base) by OID; null when there is none. */
export async function typeDetails(
  db: SessionQueries,
  oid: number,
  keywords: ReadonlySet<string>,
): Promise<ObjectDetails | null> {
  const [t] = await db.query<TypeRow>(TYPE_SQL, [oid]);
  if (!t) return null;
  const kind = TYPTYPES[t.typtype] ?? 'type';
  const name = qualifiedName(t.schema, t.name, keywords);
  const columns = t.relid ? await db.query<ColumnRow>(COLUMNS_SQL, [t.relid]) : [];
  const constraints =
    t.typtype === 'd' ? await db.query<ConstraintRow>(constraintsSql('contypid'), [oid]) : [];
  const labels = names(t.labels);
  let create: string;
  if (t.typtype === 'e') {
    create = `CREATE TYPE ${name} AS ENUM (${labels.map(literal).join(', ')});`;
  } else if (t.typtype === 'd') {
    create = `CREATE DOMAIN ${name} AS ${t.base ?? ''}`;
    if (t.collation)
      create += ` COLLATE ${qualifiedName(t.collation.schema, t.collation.name, keywords)}`;
    if (t.default !== null) create += ` DEFAULT ${t.default}`;
    if (t.notnull) create += ' NOT NULL';
    for (const c of constraints)
      create += `\n    CONSTRAINT ${quoteIdent(c.name, keywords)} ${c.definition}`;
    create += ';';
  } else if (t.typtype === 'c') {
    const lines = columns.map((c) => {
      const collate = c.collation
        ? ` COLLATE ${qualifiedName(c.collation.schema, c.collation.name, keywords)}`
        : '';
      return `    ${quoteIdent(c.name, keywords)} ${c.type}${collate}`;
    });
    create = `CREATE TYPE ${name} AS (\n${lines.join(',\n')}\n);`;
  } else if (t.typtype === 'r') {
    const diff = t.subdiff ? `, SUBTYPE_DIFF = ${t.subdiff}` : '';
    create = `CREATE TYPE ${name} AS RANGE (SUBTYPE = ${t.subtype ?? ''}${diff});`;
  } else {
    create = baseTypeDdl(t, name);
  }
  const what = kind === 'domain' ? 'DOMAIN' : 'TYPE';
  const comments = [
    ...commentOn(`${what} ${name}`, t.comment),
    ...(t.typtype === 'c'
      ? columns.flatMap((c) =>
          commentOn(`COLUMN ${name}.${quoteIdent(c.name, keywords)}`, c.comment),
        )
      : []),
    ...constraints.flatMap((c) =>
      commentOn(`CONSTRAINT ${quoteIdent(c.name, keywords)} ON DOMAIN ${name}`, c.comment),
    ),
  ];
  return {
    kind,
    schema: t.schema,
    name: t.name,
    oid: t.oid,
    owner: t.owner,
    comment: t.comment,
    readable: t.readable,
    ...(t.typtype === 'c' ? { columns: columns.map(columnDetails) } : {}),
    ...(t.typtype === 'e' ? { labels } : {}),
    ...(t.typtype === 'd'
      ? { baseType: t.base ?? '', constraints: constraints.map(constraintDetails) }
      : {}),
    ddl: [create, ...comments].join('\n\n'),
  };
}

/** A base type's CREATE TYPE from its I/O functions and storage (written in C). */
function baseTypeDdl(t: TypeRow, name: string): string {
  const options = [`INPUT = ${t.input}`, `OUTPUT = ${t.output}`];
  if (t.receive) options.push(`RECEIVE = ${t.receive}`);
  if (t.send) options.push(`SEND = ${t.send}`);
  options.push(`INTERNALLENGTH = ${t.length < 0 ? 'VARIABLE' : t.length}`);
  if (t.byval) options.push('PASSEDBYVALUE');
  const align = { c: 'char', s: 'int2', i: 'int4', d: 'double' }[t.align];
  if (align) options.push(`ALIGNMENT = ${align}`);
  const storage = { p: 'plain', e: 'external', m: 'main', x: 'extended' }[t.storage];
  if (storage) options.push(`STORAGE = ${storage}`);
  options.push(`CATEGORY = ${literal(t.category)}`);
  return `CREATE TYPE ${name} (\n    ${options.join(',\n    ')}\n);`;
}

interface ExtensionRow {
  oid: number;
  schema: string;
  name: string;
  owner: string;
  version: string;
  comment: string | null;
}

/** An extension by OID; null when there is none. */
export async function extensionDetails(
  db: SessionQueries,
  oid: number,
  keywords: ReadonlySet<string>,
): Promise<ObjectDetails | null> {
  const [e] = await db.query<ExtensionRow>(EXTENSION_SQL, [oid]);
  if (!e) return null;
  const ddl = [
    `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name, keywords)} WITH SCHEMA ${quoteIdent(e.schema, keywords)} VERSION ${literal(e.version)};`,
    ...commentOn(`EXTENSION ${quoteIdent(e.name, keywords)}`, e.comment),
  ].join('\n\n');
  return {
    kind: 'extension',
    schema: e.schema,
    name: e.name,
    oid: e.oid,
    owner: e.owner,
    comment: e.comment,
    readable: true,
    ddl,
  };
}
