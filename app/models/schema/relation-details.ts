import type { SessionQueries } from '../connections/pool-session';
import {
  COLUMNS_SQL,
  constraintsSql,
  INDEXES_SQL,
  POLICIES_SQL,
  RELATION_SQL,
  SEQUENCE_SQL,
  triggersSql,
} from './detail-queries';
import { parseTextArray } from './pg-array';
import type {
  ColumnDetails,
  ConstraintDetails,
  IndexDetails,
  ObjectDetails,
  ObjectKind,
  PolicyDetails,
  TriggerDetails,
} from './schema-types';
import { RELKIND_KINDS } from './schema-types';
import type {
  ColumnRow,
  ConstraintRow,
  IndexRow,
  PolicyRow,
  RelationRow,
  RelationRows,
  SequenceRow,
  TriggerRow,
} from './detail-rows';
import { relationDdl, sequenceDdl } from './table-ddl';

/** The kind of a relkind (`r` → table…). */
export function relationKind(relkind: string): ObjectKind {
  return RELKIND_KINDS[relkind] ?? 'table';
}

/** Reads a relation by OID: null when there is no such relation (of a listed kind). */
export async function readRelation(
  db: SessionQueries,
  oid: number,
  version: number,
): Promise<RelationRows | null> {
  const [header] = await db.query<RelationRow>(RELATION_SQL, [oid]);
  if (!header) return null;
  if (header.relkind === 'S') {
    const [sequence] = await db.query<SequenceRow>(SEQUENCE_SQL, [oid]);
    return {
      header,
      columns: [],
      constraints: [],
      indexes: [],
      triggers: [],
      policies: [],
      sequence: sequence ?? null,
    };
  }
  const hasIndexes = header.relkind !== 'v' && header.relkind !== 'f';
  const columns = await db.query<ColumnRow>(COLUMNS_SQL, [oid]);
  const constraints = await db.query<ConstraintRow>(constraintsSql('conrelid'), [oid]);
  const indexes = hasIndexes ? await db.query<IndexRow>(INDEXES_SQL, [oid]) : [];
  const triggers = await db.query<TriggerRow>(triggersSql(version), [oid]);
  const policies = await db.query<PolicyRow>(POLICIES_SQL, [oid]);
  return { header, columns, constraints, indexes, triggers, policies, sequence: null };
}

/** A column as `schema.object` gives it. */
export function columnDetails(c: ColumnRow): ColumnDetails {
  const generated =
    c.generated === 's' || c.generated === 'v'
      ? {
          kind: c.generated === 's' ? ('stored' as const) : ('virtual' as const),
          expression: c.expr ?? '',
        }
      : null;
  return {
    name: c.name,
    type: c.type,
    position: c.position,
    nullable: !c.notnull,
    default: generated ? null : c.expr,
    identity: c.identity === 'a' ? 'always' : c.identity === 'd' ? 'by default' : null,
    generated,
    collation: c.collation ? `${c.collation.schema}.${c.collation.name}` : null,
    comment: c.comment,
  };
}

const CONSTRAINT_TYPES: Record<string, ConstraintDetails['type']> = {
  p: 'primary',
  u: 'unique',
  f: 'foreign',
  c: 'check',
  x: 'exclusion',
};

/** A constraint as `schema.object` gives it. */
export function constraintDetails(c: ConstraintRow): ConstraintDetails {
  return {
    name: c.name,
    type: CONSTRAINT_TYPES[c.type] ?? 'check',
    columns: names(c.columns),
    definition: c.definition,
    ...(c.type === 'f' && c.ref_schema !== null && c.ref_table !== null
      ? { references: { schema: c.ref_schema, table: c.ref_table, columns: names(c.ref_columns) } }
      : {}),
    validated: c.validated,
    comment: c.comment,
  };
}

function indexDetails(i: IndexRow): IndexDetails {
  return {
    name: i.name,
    definition: i.definition,
    columns: names(i.columns),
    unique: i.unique,
    primary: i.primary,
    valid: i.valid,
    predicate: i.predicate,
    sizeBytes: i.size,
  };
}

const COMMANDS: Record<string, PolicyDetails['command']> = {
  '*': 'ALL',
  r: 'SELECT',
  a: 'INSERT',
  w: 'UPDATE',
  d: 'DELETE',
};

/** A policy as `schema.object` gives it. */
export function policyDetails(p: PolicyRow): PolicyDetails {
  return {
    name: p.name,
    command: COMMANDS[p.cmd] ?? 'ALL',
    permissive: p.permissive,
    roles: names(p.roles),
    using: p.using,
    check: p.check,
  };
}

/** `schema.object` of a relation, its DDL included. */
export function relationDetails(
  rows: RelationRows,
  keywords: ReadonlySet<string>,
  version: number,
): ObjectDetails {
  const h = rows.header;
  const kind = relationKind(h.relkind);
  const parent = h.partition ? (h.parents?.[0] ?? null) : null;
  const triggers: TriggerDetails[] = rows.triggers.map((t) => ({
    name: t.name,
    definition: t.definition,
    enabled: t.enabled,
  }));
  const details: ObjectDetails = {
    kind,
    schema: h.schema,
    name: h.name,
    oid: h.oid,
    owner: h.owner,
    comment: h.comment,
    readable: h.readable,
    ddl:
      kind === 'sequence' ? sequenceDdl(h, rows.sequence, keywords) : relationDdl(rows, keywords),
  };
  if (kind === 'sequence') return details;
  return {
    ...details,
    columns: rows.columns.map(columnDetails),
    constraints: rows.constraints.map(constraintDetails),
    indexes: rows.indexes.map(indexDetails),
    triggers,
    policies: rows.policies.map(policyDetails),
    rowEstimate: kind === 'view' ? null : estimate(h, version),
    totalBytes: h.total,
    partitionKey: h.partkey,
    partitionOf: parent && h.bound !== null ? { ...parent, bound: h.bound } : null,
    inherits: h.partition ? [] : (h.parents ?? []),
  };
}

function estimate(h: RelationRow, version: number): number | null {
  // -1: never analyzed (14+); before 14, 0 rows in 0 pages says the same.
  if (h.tuples < 0 || (version < 140000 && h.tuples === 0 && h.pages === 0)) return null;
  return Math.round(h.tuples);
}

/** A text array's elements, NULLs left out. */
export function names(text: string | null): string[] {
  return parseTextArray(text).filter((n): n is string => n !== null);
}
