import { sql, type Kysely } from 'kysely';

/**
 * Whether a connection may send its password when the server asks for it in clear text
 * over a plain connection (no TLS, no SSH tunnel): 0 (refused, the default) or 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE connections ADD COLUMN allow_cleartext_password INTEGER NOT NULL
    DEFAULT 0 CHECK (allow_cleartext_password IN (0, 1))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE connections DROP COLUMN allow_cleartext_password`.execute(db);
}
