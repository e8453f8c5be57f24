import { sql, type Kysely } from 'kysely';

/**
 * A colour per saved connection, so the views can tell production from a laptop at a
 * glance: a palette name (the app's rule, not a CHECK here, so the palette can grow) or
 * NULL for none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE connections ADD COLUMN color TEXT`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE connections DROP COLUMN color`.execute(db);
}
