import { sql, type Kysely } from 'kysely';

/**
 * What each workspace tab is: `kind` names its view (`query`: an editor tab; `object`: the
 * view of one database object; later kinds such as `activity`). Every tab stored before is
 * a query tab. No CHECK on the value: the kinds a Tusk knows are the app's rule, and a tab
 * of a kind an older Tusk does not know is skipped when read, never dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspace_tabs ADD COLUMN kind TEXT NOT NULL DEFAULT 'query'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspace_tabs DROP COLUMN kind`.execute(db);
}
