import { isMac } from '../shared/shortcuts';
import type { TreeAction } from './tree-actions';
import { actionsOf } from './tree-actions';
import type { TreeRow } from './tree-model';

/** What the tree does to a connection's row (the connections list's own actions). */
export interface ConnectionHandlers {
  /** Enter, double-click: connect and open a tab. */
  connect(id: string): void;
  /** F2 */
  edit(id: string): void;
  /** Delete (asked first). */
  remove(id: string): void;
  /** Shift+F10 or the Menu key: to the connection's actions (the toolbar). */
  toolbar(): void;
}

/** What a key handler may do to the tree. */
export interface TreeKeyContext {
  at: number;
  rows: readonly TreeRow[];
  indexOf(key: string): number;
  /** Rows in a page (Page Up/Down). */
  page: number;
  move(index: number): void;
  toggle(row: TreeRow, open: boolean): void;
  act(row: TreeRow, action: TreeAction): void;
  menu(row: TreeRow): void;
  connection: ConnectionHandlers;
}

/**
 * The tree's keys, as the connections list had them and a file tree has them: ↑ ↓ Home End
 * Page Up/Down move; → opens a node (or goes to its first child), ← closes it (or goes to
 * its parent); Enter connects a connection, opens an object's view, opens or closes a
 * folder; Ctrl+Enter opens a relation's first rows, Shift+Enter its definition; Ctrl+C
 * copies the name; F5 reads the catalog again; Shift+F10 or the Menu key: the node's menu
 * (a connection's toolbar). F2 and Delete act on a connection's row only, never on a schema
 * node. The action for `event`, or undefined when the key is not the tree's.
 */
export function treeKeyAction(
  event: KeyboardEvent,
  row: TreeRow,
  c: TreeKeyContext,
): (() => void) | undefined {
  if (event.altKey) return undefined;
  const mod = isMac() ? event.metaKey : event.ctrlKey;
  if (!isMac() && event.metaKey) return undefined;
  const name = `${mod ? 'Mod+' : ''}${event.shiftKey ? 'Shift+' : ''}${event.key.length === 1 ? event.key.toLowerCase() : event.key}`;
  const isConnection = row.type === 'connection';
  const offers = (action: TreeAction) => actionsOf(row).includes(action);
  const keys: Record<string, () => void> = {
    ArrowDown: () => c.move(c.at + 1),
    ArrowUp: () => c.move(c.at - 1),
    Home: () => c.move(0),
    End: () => c.move(c.rows.length - 1),
    PageDown: () => c.move(c.at + c.page),
    PageUp: () => c.move(c.at - c.page),
    ArrowRight: () => {
      if (row.expanded === false) c.toggle(row, true);
      else if (row.expanded && c.rows[c.at + 1]?.parent === row.key) c.move(c.at + 1);
    },
    ArrowLeft: () => {
      if (row.expanded) c.toggle(row, false);
      else if (row.parent) c.move(c.indexOf(row.parent));
    },
    Enter: () => {
      if (isConnection) c.connection.connect(row.connectionId);
      else if (row.object && row.type !== 'part') c.act(row, 'open');
      else if (row.expanded !== undefined) c.toggle(row, !row.expanded);
    },
    'Mod+Enter': () => offers('firstRows') && c.act(row, 'firstRows'),
    'Shift+Enter': () => offers('definition') && c.act(row, 'definition'),
    'Mod+c': () => offers('copyName') && c.act(row, 'copyName'),
    F5: () => offers('refresh') && c.act(row, 'refresh'),
    ContextMenu: () => (isConnection ? c.connection.toolbar() : c.menu(row)),
    'Shift+F10': () => (isConnection ? c.connection.toolbar() : c.menu(row)),
    ...(isConnection
      ? {
          F2: () => c.connection.edit(row.connectionId),
          Delete: () => c.connection.remove(row.connectionId),
        }
      : {}),
  };
  return keys[name];
}
