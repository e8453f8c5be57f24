import { sql, type Kysely } from 'kysely';

/**
 * Saved connections (never a password: those live in the OS keychain) and preferences
 * (JSON values by key). STRICT tables; ids are UUIDs as text; times ISO 8601 text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE connections (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      host TEXT NOT NULL,
      port INTEGER NOT NULL DEFAULT 5432 CHECK (port BETWEEN 1 AND 65535),
      database TEXT NOT NULL,
      username TEXT NOT NULL,
      ssl_mode TEXT NOT NULL DEFAULT 'prefer'
        CHECK (ssl_mode IN ('disable', 'prefer', 'require', 'verify-ca', 'verify-full')),
      ssl_ca_cert TEXT,
      ssh_tunnel_json TEXT,
      read_only INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),
      statement_timeout_ms INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_connected_at TEXT
    ) STRICT`.execute(db);
  await sql`
    CREATE TABLE preferences (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE preferences`.execute(db);
  await sql`DROP TABLE connections`.execute(db);
}
