import { RequestError } from '../client';
import type { AppServices } from '../data/app-context';
import { OpenActivityEvent } from '../activity/open-activity';
import { OpenObjectEvent } from './open-object';
import { qualifiedName, quoteName } from './sql-names';
import { exportTable, importInto } from '../transfer/open-transfer';
import { ROW_KINDS, TABLE_KINDS, type ObjectRef } from './object-kinds';
import type { TreeRow } from './tree-model';

/** What can be done to a row of the schema tree (its context menu and keys). */
export type TreeAction =
  | 'open'
  | 'firstRows'
  | 'definition'
  | 'export'
  | 'import'
  | 'copyName'
  | 'refresh'
  | 'systemSchemas'
  | 'activity';

/** The actions of the menu, with their words and keys, in the menu's order. */
/** An item of the menu. */
export interface MenuItem {
  id: TreeAction;
  label: string;
  /** Keys that do it from the tree ('' for none). */
  keys: string;
  /** Set for an on/off item (a `menuitemcheckbox`, after a separator): whether it is on. */
  checked?: boolean;
}

export const TREE_ACTIONS: readonly { id: TreeAction; label: string; keys: string }[] = [
  { id: 'open', label: 'Open', keys: 'Enter' },
  { id: 'firstRows', label: 'Open the first rows', keys: 'Ctrl+Enter' },
  { id: 'definition', label: 'Show the definition', keys: 'Shift+Enter' },
  { id: 'export', label: 'Export…', keys: '' },
  { id: 'import', label: 'Import CSV…', keys: '' },
  { id: 'copyName', label: 'Copy the name', keys: 'Ctrl+C' },
  { id: 'activity', label: 'Server activity', keys: '' },
  { id: 'refresh', label: 'Refresh', keys: 'F5' },
  { id: 'systemSchemas', label: 'Show system schemas', keys: '' },
];

/**
 * The actions a row offers: an object's (open, first rows of a relation, definition, export
 * of a relation, import into a table), its
 * name to copy, refresh; on an open connection its server activity; and on its own rows (the connection, its schemas,
 * a note in their place) the toggle of its system schemas.
 */
export function actionsOf(row: TreeRow): TreeAction[] {
  if (row.type === 'connection')
    return row.expanded === undefined ? [] : ['activity', 'refresh', 'systemSchemas'];
  if (row.type === 'note') return row.level === 2 ? ['refresh', 'systemSchemas'] : ['refresh'];
  if (row.type === 'schema') return ['copyName', 'refresh', 'systemSchemas'];
  if (!row.object) return ['copyName', 'refresh'];
  const rows = ROW_KINDS.includes(row.object.kind);
  const table = TABLE_KINDS.includes(row.object.kind);
  return [
    'open',
    ...(rows ? (['firstRows'] as const) : []),
    'definition',
    ...(rows ? (['export'] as const) : []),
    ...(table ? (['import'] as const) : []),
    'copyName',
    'refresh',
  ];
}

/** The menu of a row: its actions in order, the system schemas' toggle with its state. */
export function menuItems(row: TreeRow, app: AppServices): MenuItem[] {
  const offered = actionsOf(row);
  return TREE_ACTIONS.filter((a) => offered.includes(a.id)).map((a) =>
    a.id === 'systemSchemas'
      ? { ...a, checked: app.schema.includesSystem(row.connectionId) }
      : { ...a },
  );
}

/** The name a row copies, as SQL: quoted only where needed, qualified by its schema. */
export function nameOf(row: TreeRow): string {
  if (row.column && (row.type === 'column' || row.type === 'hit')) return quoteName(row.column);
  if (row.object && (row.type === 'object' || row.type === 'hit'))
    return qualifiedName(row.object.schema, row.object.name);
  if (row.type === 'schema' && row.schema) return quoteName(row.schema);
  return quoteName(row.label);
}

/**
 * Carries out `action` on `row`; resolves with a line to tell the user (`Copied …`), or
 * null. Failures become notices.
 */
export async function runTreeAction(
  host: HTMLElement,
  app: AppServices,
  row: TreeRow,
  action: TreeAction,
): Promise<string | null> {
  const object = row.object;
  try {
    switch (action) {
      case 'open':
        if (object) host.dispatchEvent(new OpenObjectEvent(object));
        return null;
      case 'firstRows':
        if (object && ROW_KINDS.includes(object.kind))
          host.dispatchEvent(new OpenObjectEvent(object, { showData: true }));
        return null;
      case 'definition':
        if (object) await showDefinition(app, object);
        return null;
      case 'export':
        if (object) void exportTable(host, object);
        return null;
      case 'import':
        if (object) void importInto(host, object);
        return null;
      case 'copyName': {
        const name = nameOf(row);
        await navigator.clipboard.writeText(name);
        return `Copied ${name}`;
      }
      case 'activity':
        host.dispatchEvent(new OpenActivityEvent(row.connectionId));
        return null;
      case 'refresh':
        await app.schema.refresh(row.connectionId);
        return 'Refreshed';
      case 'systemSchemas': {
        const on = !app.schema.includesSystem(row.connectionId);
        await app.schema.setIncludeSystem(row.connectionId, on);
        return on ? 'System schemas shown' : 'System schemas hidden';
      }
    }
  } catch (error) {
    const info = error instanceof RequestError ? error.info : undefined;
    app.notices.add({
      id: `schema-action:${row.connectionId}`,
      level: 'error',
      message: `Could not ${TREE_ACTIONS.find((a) => a.id === action)!.label.toLowerCase()}: ${info?.message ?? String(error)}`,
      ...(info?.hint ? { detail: info.hint } : {}),
    });
    return null;
  }
}

/** A new query tab holding the object's definition (not run). */
export async function showDefinition(app: AppServices, object: ObjectRef): Promise<void> {
  const details = await app.schema.details(object.connectionId, object.oid, object.kind);
  await app.tabs.open(object.connectionId, {
    title: `${object.name} definition`,
    sql: details.ddl,
  });
}
