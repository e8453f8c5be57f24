import type { SearchHit, TreeObject } from '../../controllers/api';
import type { ConnectionCatalog } from '../data/schema-store';
import { GROUPS, KIND_ICONS, KIND_LABEL } from './object-kinds';
import { qualifiedName } from './sql-names';
import { note, objectDraft } from './tree-drafts';
import { partChildren, partRows } from './tree-parts';
import type { Draft, TreeInput, TreeRow } from './tree-types';

/**
 * An open connection's schemas, user ones first (as the backend orders them), then the
 * system ones while they are shown, marked `system` (drawn quieter); `public`, or the only
 * user schema, opens by default.
 */
export function schemaRows(
  row: TreeRow,
  catalog: ConnectionCatalog,
  isExpanded: TreeInput['isExpanded'],
): Draft[] {
  if (catalog.error) return [note(row.key, row.connectionId, catalog.error)];
  if (!catalog.schemas) return [note(row.key, row.connectionId, 'Loading…')];
  const schemas = catalog.schemas.filter((s) => catalog.includeSystem || !s.system);
  if (schemas.length === 0) return [note(row.key, row.connectionId, 'No schemas')];
  const user = schemas.filter((s) => !s.system);
  const main = user.find((s) => s.name === 'public') ?? (user.length === 1 ? user[0] : null);
  return schemas.map((schema): Draft => {
    const key = `${row.key}/s:${schema.name}`;
    return {
      key,
      type: 'schema',
      label: schema.name,
      icon: 'symbol-namespace',
      connectionId: row.connectionId,
      schema: schema.name,
      title: `${schema.system ? 'System schema' : 'Schema'} ${schema.name}, owner ${schema.owner}`,
      expanded: isExpanded(key, schema === main),
      ...(schema.system ? { system: true } : {}),
    };
  });
}

/** The children of an expanded row other than a connection. */
export function childrenOf(row: TreeRow, input: TreeInput): Draft[] {
  const catalog = input.catalog(row.connectionId);
  if (row.type === 'schema') return folderRows(row, catalog, input);
  if (row.type === 'folder') return objectRows(row, catalog, input);
  if (row.type === 'object') return partRows(row, catalog, input);
  if (row.type === 'part') return partChildren(row, catalog, input);
  return [];
}

/** A schema's objects by folder; a partition of a table of the schema goes under it. */
function byGroup(objects: readonly TreeObject[]): Map<string, TreeObject[]> {
  const parents = new Set(
    objects
      .filter((o) => o.kind === 'partitioned_table')
      .map((o) => qualifiedName(o.schema, o.name)),
  );
  const groups = new Map<string, TreeObject[]>(GROUPS.map((g) => [g.id, []]));
  for (const object of objects) {
    if (object.partitionOf && parents.has(object.partitionOf)) continue;
    const group = GROUPS.find((g) => g.kinds.includes(object.kind));
    if (group) groups.get(group.id)!.push(object);
  }
  return groups;
}

/** A schema's folders with what they hold (counted from the summary until loaded). */
function folderRows(row: TreeRow, catalog: ConnectionCatalog, input: TreeInput): Draft[] {
  const schema = row.schema!;
  const summary = catalog.schemas?.find((s) => s.name === schema);
  const objects = catalog.objects[schema];
  const loaded = objects ? byGroup(objects) : null;
  const drafts: Draft[] = [];
  for (const group of GROUPS) {
    const count =
      loaded?.get(group.id)?.length ??
      group.kinds.reduce((sum, kind) => sum + (summary?.counts[kind] ?? 0), 0);
    if (count === 0) continue;
    const key = `${row.key}/f:${group.id}`;
    drafts.push({
      key,
      type: 'folder',
      label: group.label,
      count,
      icon: 'folder',
      connectionId: row.connectionId,
      schema,
      expanded: input.isExpanded(key, group.id === 'tables'),
    });
  }
  return drafts.length ? drafts : [note(row.key, row.connectionId, 'Empty')];
}

function objectRows(row: TreeRow, catalog: ConnectionCatalog, input: TreeInput): Draft[] {
  const objects = catalog.objects[row.schema!];
  if (!objects) return [note(row.key, row.connectionId, 'Loading…')];
  const group = row.key.slice(row.key.lastIndexOf('/f:') + 3);
  const list = byGroup(objects).get(group) ?? [];
  return list.map((o) => objectDraft(row.key, row.connectionId, o, input));
}

/** A connection's search hits, the matched part of each name marked. */
export function hitRows(row: TreeRow, text: string, hits: SearchHit[] | null | undefined): Draft[] {
  if (hits === undefined) return [];
  if (hits === null) return [note(row.key, row.connectionId, 'Searching…')];
  if (hits.length === 0) return [note(row.key, row.connectionId, `Nothing named like “${text}”`)];
  const lower = text.toLowerCase();
  return hits.map((hit, index): Draft => {
    const label = hit.column ?? hit.name;
    const at = label.toLowerCase().indexOf(lower);
    const where = qualifiedName(hit.schema, hit.name);
    return {
      key: `${row.key}/h:${index}:${hit.oid}:${hit.column ?? ''}`,
      type: 'hit',
      label,
      detail: hit.column ? where : `${hit.schema} · ${KIND_LABEL[hit.kind]}`,
      icon: hit.column ? 'symbol-field' : KIND_ICONS[hit.kind],
      connectionId: row.connectionId,
      schema: hit.schema,
      object: {
        connectionId: row.connectionId,
        kind: hit.kind,
        schema: hit.schema,
        name: hit.name,
        oid: hit.oid,
      },
      title: hit.column ? `column ${hit.column} of ${where}` : `${KIND_LABEL[hit.kind]} ${where}`,
      ...(hit.column ? { column: hit.column } : {}),
      ...(at >= 0 ? { match: [at, at + text.length] as [number, number] } : {}),
    };
  });
}
