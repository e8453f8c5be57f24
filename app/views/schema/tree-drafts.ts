import type { TreeObject } from '../../controllers/api';
import { KIND_ICONS, KIND_LABEL, ROW_KINDS } from './object-kinds';
import { qualifiedName } from './sql-names';
import type { Draft, TreeInput } from './tree-types';

/** A row saying something in place of children (loading, an error, none). */
export function note(parent: string, connectionId: string, label: string): Draft {
  return { key: `${parent}/note`, type: 'note', label, icon: 'blank', connectionId };
}

/** An object's row: a function with its arguments and result; a relation opens. */
export function objectDraft(
  parent: string,
  connectionId: string,
  o: TreeObject,
  input: TreeInput,
): Draft {
  const key = `${parent}/o:${o.oid}`;
  const fn = o.arguments !== undefined;
  return {
    key,
    type: 'object',
    label: fn ? `${o.name}(${o.arguments})` : o.name,
    ...(fn && o.returns ? { detail: o.returns } : {}),
    icon: KIND_ICONS[o.kind],
    connectionId,
    schema: o.schema,
    object: { connectionId, kind: o.kind, schema: o.schema, name: o.name, oid: o.oid },
    title: [`${KIND_LABEL[o.kind]} ${qualifiedName(o.schema, o.name)}`, o.comment]
      .filter(Boolean)
      .join('\n'),
    ...(o.readable ? {} : { mark: 'no access' }),
    ...(ROW_KINDS.includes(o.kind) ? { expanded: input.isExpanded(key, false) } : {}),
  };
}
