import { sql, type Kysely } from 'kysely';

/**
 * Query history with a full-text index (FTS5, kept in step by triggers), saved queries
 * (folder and tags), and UI state (the workspace's tabs and layout) by key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE query_history (
      id INTEGER PRIMARY KEY,
      connection_id TEXT,
      sql TEXT NOT NULL,
      started_at TEXT NOT NULL,
      duration_ms INTEGER,
      row_count INTEGER,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'cancelled', 'timeout')),
      sqlstate TEXT,
      run_count INTEGER NOT NULL DEFAULT 1
    ) STRICT`.execute(db);
  await sql`CREATE INDEX query_history_started ON query_history (started_at)`.execute(db);
  await sql`
    CREATE VIRTUAL TABLE query_history_fts USING fts5 (
      sql, content = 'query_history', content_rowid = 'id', tokenize = 'unicode61'
    )`.execute(db);
  await sql`
    CREATE TRIGGER query_history_ai AFTER INSERT ON query_history BEGIN
      INSERT INTO query_history_fts (rowid, sql) VALUES (new.id, new.sql);
    END`.execute(db);
  await sql`
    CREATE TRIGGER query_history_ad AFTER DELETE ON query_history BEGIN
      INSERT INTO query_history_fts (query_history_fts, rowid, sql) VALUES ('delete', old.id, old.sql);
    END`.execute(db);
  await sql`
    CREATE TRIGGER query_history_au AFTER UPDATE OF sql ON query_history BEGIN
      INSERT INTO query_history_fts (query_history_fts, rowid, sql) VALUES ('delete', old.id, old.sql);
      INSERT INTO query_history_fts (rowid, sql) VALUES (new.id, new.sql);
    END`.execute(db);
  await sql`
    CREATE TABLE saved_queries (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      sql TEXT NOT NULL,
      folder TEXT NOT NULL DEFAULT '',
      tags_json TEXT NOT NULL DEFAULT '[]',
      connection_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (folder, name)
    ) STRICT`.execute(db);
  await sql`
    CREATE TABLE ui_state (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`DROP TABLE ui_state`,
    sql`DROP TABLE saved_queries`,
    sql`DROP TABLE query_history_fts`,
    sql`DROP TABLE query_history`,
  ]) {
    await statement.execute(db);
  }
}
