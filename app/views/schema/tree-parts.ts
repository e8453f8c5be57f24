import type { ObjectDetails, TreeObject } from '../../controllers/api';
import type { ConnectionCatalog } from '../data/schema-store';
import { CONSTRAINT_LABEL, type ObjectRef } from './object-kinds';
import { qualifiedName } from './sql-names';
import { note, objectDraft } from './tree-drafts';
import type { Draft, RowType, TreeInput, TreeRow } from './tree-types';

/** The tree object of a row's relation, from its loaded schema. */
function treeObject(ref: ObjectRef, catalog: ConnectionCatalog): TreeObject | undefined {
  return catalog.objects[ref.schema]?.find((o) => o.oid === ref.oid);
}

/** The partitions of a partitioned table (those of its schema's objects). */
function partitionsOf(ref: ObjectRef, catalog: ConnectionCatalog): TreeObject[] {
  const name = qualifiedName(ref.schema, ref.name);
  return (catalog.objects[ref.schema] ?? []).filter((o) => o.partitionOf === name);
}

/**
 * A relation's parts: Columns (open by default), Keys and constraints, Indexes (counted
 * once its details came), Triggers when it has some, Partitions of a partitioned table.
 */
export function partRows(row: TreeRow, catalog: ConnectionCatalog, input: TreeInput): Draft[] {
  const ref = row.object!;
  const details = input.details(row.connectionId, ref.oid);
  const part = (id: string, label: string, icon: string, count?: number): Draft => {
    const key = `${row.key}/p:${id}`;
    return {
      key,
      type: 'part',
      label,
      icon,
      connectionId: row.connectionId,
      schema: ref.schema,
      object: ref,
      ...(count === undefined ? {} : { count }),
      expanded: input.isExpanded(key, id === 'columns'),
    };
  };
  const parts = [
    part('columns', 'Columns', 'symbol-field', treeObject(ref, catalog)?.columns?.length),
  ];
  if (['table', 'partitioned_table', 'foreign_table'].includes(ref.kind))
    parts.push(part('keys', 'Keys and constraints', 'key', details?.constraints?.length));
  if (['table', 'partitioned_table', 'materialized_view'].includes(ref.kind))
    parts.push(part('indexes', 'Indexes', 'list-tree', details?.indexes?.length));
  if (details?.triggers?.length)
    parts.push(part('triggers', 'Triggers', 'symbol-event', details.triggers.length));
  const partitions = partitionsOf(ref, catalog);
  if (partitions.length)
    parts.push(part('partitions', 'Partitions', 'type-hierarchy', partitions.length));
  return parts;
}

/** A column's marks from its relation's details: primary or foreign key, nullability, default. */
function columnRow(name: string, type: string, details: ObjectDetails | undefined): Partial<Draft> {
  const constraints = details?.constraints ?? [];
  const on = (kind: string) => constraints.some((c) => c.type === kind && c.columns.includes(name));
  const info = details?.columns?.find((c) => c.name === name);
  const primary = on('primary');
  const foreign = on('foreign');
  const facts = [
    `${name} ${type}`,
    primary ? 'primary key' : foreign ? 'foreign key' : '',
    info ? (info.nullable ? 'nullable' : 'not null') : '',
    info?.default ? `default ${info.default}` : '',
    info?.identity ? `identity ${info.identity}` : '',
    info?.generated ? `generated: ${info.generated.expression}` : '',
  ];
  return {
    icon: primary ? 'key' : foreign ? 'link' : 'symbol-field',
    detail: type,
    column: name,
    ...(info?.nullable ? { mark: 'null' } : {}),
    title: facts.filter(Boolean).join(', '),
  };
}

/** The rows of a part: columns, constraints, indexes, triggers or partitions. */
export function partChildren(row: TreeRow, catalog: ConnectionCatalog, input: TreeInput): Draft[] {
  const ref = row.object!;
  const part = row.key.slice(row.key.lastIndexOf('/p:') + 3);
  const details = input.details(row.connectionId, ref.oid);
  const leaf = (type: RowType, name: string, rest: Partial<Draft>): Draft => ({
    key: `${row.key}/x:${name}`,
    type,
    label: name,
    icon: 'symbol-field',
    connectionId: row.connectionId,
    schema: ref.schema,
    object: ref,
    ...rest,
  });
  if (part === 'columns')
    return (treeObject(ref, catalog)?.columns ?? []).map((c) =>
      leaf('column', c.name, columnRow(c.name, c.type, details)),
    );
  if (part === 'partitions')
    return partitionsOf(ref, catalog).map((o) => objectDraft(row.key, row.connectionId, o, input));
  if (!details) return [note(row.key, row.connectionId, 'Loading…')];
  if (part === 'keys') {
    const list = details.constraints ?? [];
    if (!list.length) return [note(row.key, row.connectionId, 'None')];
    return list.map((c) =>
      leaf('constraint', c.name, {
        icon: c.type === 'foreign' ? 'link' : c.type === 'check' ? 'pass' : 'key',
        detail: CONSTRAINT_LABEL[c.type] + (c.columns.length ? ` (${c.columns.join(', ')})` : ''),
        title: c.definition,
      }),
    );
  }
  if (part === 'indexes') {
    const list = details.indexes ?? [];
    if (!list.length) return [note(row.key, row.connectionId, 'None')];
    return list.map((i) =>
      leaf('index', i.name, {
        icon: 'list-tree',
        detail: `${i.primary ? 'primary key index' : i.unique ? 'unique index' : 'index'} (${i.columns.join(', ')})`,
        title: i.definition,
        ...(i.valid ? {} : { mark: 'invalid' }),
      }),
    );
  }
  return (details.triggers ?? []).map((t) =>
    leaf('trigger', t.name, {
      icon: 'symbol-event',
      title: t.definition,
      ...(t.enabled ? {} : { mark: 'disabled' }),
    }),
  );
}
