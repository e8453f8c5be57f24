import { sql, type Kysely } from 'kysely';

/** The `ui_state` keys of the workspace after this migration (the repository's too). */
const LAYOUT_KEY = 'workspace.layout';
const ACTIVE_KEY = 'workspace.active';
/** Where the whole workspace was kept as one JSON value before. */
const OLD_KEY = 'workspace';

/**
 * The workspace one tab per row: `workspace_tabs` (its SQL, connection, place among the
 * tabs, and the query tab's own state: results height, cursor, the saved query it came
 * from, unsaved changes, and an open JSON map for what later views add), so the views save
 * one tab at a time. The layout and the active tab stay in `ui_state`, each under its own
 * key. The old whole-workspace value is moved in: every tab that has an id becomes a row
 * (its fields copied as they are; the repository validates each row when it reads it, so
 * one that no longer fits is reported and kept, never dropped). An old value that is not
 * JSON is left where it was. No CHECK on the values: the rules live in the app and may change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE workspace_tabs (
      id TEXT PRIMARY KEY NOT NULL,
      position INTEGER NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      sql TEXT NOT NULL DEFAULT '',
      connection_id TEXT,
      results_height INTEGER,
      cursor INTEGER NOT NULL DEFAULT 0,
      saved_query_id TEXT,
      dirty INTEGER NOT NULL DEFAULT 0,
      extra_json TEXT NOT NULL DEFAULT '{}',
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
  const { rows } = await sql<{ value: string; updated_at: string }>`
    SELECT value, updated_at FROM ui_state WHERE key = ${OLD_KEY}`.execute(db);
  const old = rows[0];
  if (!old) return;
  let workspace: Record<string, unknown>;
  try {
    workspace = objectOr(JSON.parse(old.value), {});
  } catch {
    return;
  }
  const tabs = Array.isArray(workspace['tabs']) ? (workspace['tabs'] as unknown[]) : [];
  const seen = new Set<string>();
  for (const item of tabs) {
    const tab = objectOr(item, {});
    const id = tab['id'];
    if (typeof id !== 'string' || id === '' || seen.has(id)) continue;
    seen.add(id);
    await sql`
      INSERT INTO workspace_tabs (id, position, title, sql, connection_id, updated_at)
      VALUES (${id}, ${seen.size - 1}, ${text(tab['title'])}, ${text(tab['sql'])},
        ${typeof tab['connectionId'] === 'string' ? tab['connectionId'] : null},
        ${old.updated_at})`.execute(db);
  }
  const layout = workspace['layout'];
  if (layout !== null && typeof layout === 'object') {
    await sql`INSERT INTO ui_state (key, value, updated_at)
      VALUES (${LAYOUT_KEY}, ${JSON.stringify(layout)}, ${old.updated_at})`.execute(db);
  }
  const active = workspace['activeTabId'];
  if (typeof active === 'string' && seen.has(active)) {
    await sql`INSERT INTO ui_state (key, value, updated_at)
      VALUES (${ACTIVE_KEY}, ${JSON.stringify(active)}, ${old.updated_at})`.execute(db);
  }
  await sql`DELETE FROM ui_state WHERE key = ${OLD_KEY}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE workspace_tabs`.execute(db);
  await sql`DELETE FROM ui_state WHERE key IN (${LAYOUT_KEY}, ${ACTIVE_KEY})`.execute(db);
}

function objectOr(value: unknown, fallback: Record<string, unknown>): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fallback;
}

/** A stored field as text: strings as they are, anything else as its JSON (never lost). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}
