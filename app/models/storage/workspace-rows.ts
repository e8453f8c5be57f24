import type { Kysely, Selectable, Transaction } from 'kysely';
import type { z } from 'zod';
import type { LocalSchema, WorkspaceTabsTable } from './local-schema';
import type { tabSchema } from './workspace-schema';

/** The database or a transaction on it. */
export type Db = Kysely<LocalSchema> | Transaction<LocalSchema>;
/** A stored row of `workspace_tabs`. */
export type TabRow = Selectable<WorkspaceTabsTable>;

/** Stands for a stored JSON text that did not parse. */
export const UNREADABLE = Symbol('unreadable JSON');

/** A row's fields under the tab's names, as stored (not checked). */
export function rawFields(row: TabRow): Record<string, unknown> {
  return {
    kind: row.kind,
    title: row.title,
    sql: row.sql,
    connectionId: row.connection_id,
    resultsHeight: row.results_height,
    cursor: row.cursor,
    savedQueryId: row.saved_query_id,
    dirty: row.dirty === 1 ? true : row.dirty === 0 ? false : row.dirty,
    extra: parseJson(row.extra_json),
  };
}

/** A checked tab as the row that stores it. */
export function toRow(tab: z.output<typeof tabSchema>, position: number, at: string): TabRow {
  return {
    id: tab.id,
    kind: tab.kind,
    position,
    title: tab.title,
    sql: tab.sql,
    connection_id: tab.connectionId,
    results_height: tab.resultsHeight,
    cursor: tab.cursor,
    saved_query_id: tab.savedQueryId,
    dirty: tab.dirty ? 1 : 0,
    extra_json: JSON.stringify(tab.extra),
    updated_at: at,
  };
}

/** Every stored tab's id, by position. */
export async function storedOrder(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('workspace_tabs')
    .select('id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Positions 0…n-1 in the order of `ids`. */
export async function renumber(db: Db, ids: readonly string[]): Promise<void> {
  for (const [position, id] of ids.entries())
    await db.updateTable('workspace_tabs').set({ position }).where('id', '=', id).execute();
}

/** A `ui_state` value: undefined when absent, {@link UNREADABLE} when not JSON. */
export async function getState(db: Db, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('ui_state')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? parseJson(row.value) : undefined;
}

/** Stores a `ui_state` value as JSON. */
export async function putState(
  db: Db,
  key: string,
  value: unknown,
  now = new Date(),
): Promise<void> {
  const text = JSON.stringify(value);
  const at = now.toISOString();
  await db
    .insertInto('ui_state')
    .values({ key, value: text, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: at }))
    .execute();
}

/** The value of a JSON text, or {@link UNREADABLE}; never throws. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return UNREADABLE;
  }
}
