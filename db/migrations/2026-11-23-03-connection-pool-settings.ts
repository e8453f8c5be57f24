import { sql, type Kysely } from 'kysely';

/**
 * Per-connection pool settings: connect timeout (ms), TCP keepalive interval (s; 0 = off)
 * and pool size (1–8). NULL means "the default" (10 s, 60 s, the preferences' pool size).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE connections ADD COLUMN connect_timeout_ms INTEGER
    CHECK (connect_timeout_ms BETWEEN 500 AND 300000)`.execute(db);
  await sql`ALTER TABLE connections ADD COLUMN keepalive_seconds INTEGER
    CHECK (keepalive_seconds BETWEEN 0 AND 7200)`.execute(db);
  await sql`ALTER TABLE connections ADD COLUMN pool_size INTEGER
    CHECK (pool_size BETWEEN 1 AND 8)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['pool_size', 'keepalive_seconds', 'connect_timeout_ms'])
    await sql`ALTER TABLE connections DROP COLUMN ${sql.ref(column)}`.execute(db);
}
