import { childrenOf, hitRows, schemaRows } from './tree-nodes';
import type { Draft, TreeInput, TreeRow } from './tree-types';

export type { Draft, RowType, TreeInput, TreeRow } from './tree-types';

/**
 * The rows the tree shows, in order: each connection, and under an open and expanded one
 * its schemas, their folders, objects and parts (or, with a filter, its hits). Only what
 * is expanded is listed, so the list is what scrolls (the tree draws only its visible part).
 */
export function visibleRows(input: TreeInput): TreeRow[] {
  const rows: TreeRow[] = [];
  const add = (drafts: Draft[], level: number, parent: string | null, open: (r: TreeRow) => void) =>
    drafts.forEach((draft, index) => {
      const row: TreeRow = { ...draft, level, parent, setSize: drafts.length, posInSet: index + 1 };
      rows.push(row);
      if (row.expanded) open(row);
    });
  const connections = input.items.map((item): Draft => {
    const id = item.connection.id;
    const open = item.live !== undefined;
    const key = `c:${id}`;
    return {
      key,
      type: 'connection',
      label: item.connection.name,
      icon: 'database',
      connectionId: id,
      connection: item,
      ...(open ? { expanded: input.isExpanded(key, true) } : {}),
    };
  });
  add(connections, 1, null, (row) => {
    const children = input.filter
      ? hitRows(row, input.filter.text, input.filter.hits.get(row.connectionId))
      : schemaRows(row, input.catalog(row.connectionId), input.isExpanded);
    addTree(children, 2, row.key);
  });
  return rows;

  function addTree(drafts: Draft[], level: number, parent: string) {
    add(drafts, level, parent, (row) => addTree(childrenOf(row, input), level + 1, row.key));
  }
}
