import { sql, type Kysely } from 'kysely';

/**
 * Whether a connection is marked production: 0 (the default) or 1. Tusk asks before any
 * write to it from the editor or the grid, and shows the mark with its colour.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE connections ADD COLUMN production INTEGER NOT NULL
    DEFAULT 0 CHECK (production IN (0, 1))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE connections DROP COLUMN production`.execute(db);
}
