import type { Generated } from 'kysely';

/** Row of `connections` (no password: the keychain holds those). */
export interface ConnectionsTable {
  id: string;
  name: string;
  host: string;
  port: number;
  database: string;
  username: string;
  ssl_mode: string;
  ssl_ca_cert: string | null;
  ssh_tunnel_json: string | null;
  read_only: number;
  statement_timeout_ms: number | null;
  connect_timeout_ms: number | null;
  keepalive_seconds: number | null;
  pool_size: number | null;
  /** 1: the password may go in clear text over a plain connection (default 0). */
  allow_cleartext_password: Generated<number>;
  /** A palette colour name, or null for none. */
  color: string | null;
  /** 1: a production connection (asks before writes; default 0). */
  production: Generated<number>;
  created_at: string;
  updated_at: string;
  last_connected_at: string | null;
}

/** Row of `preferences` and of `ui_state`: a JSON value by key. */
export interface KeyValueTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Row of `query_history`. */
export interface QueryHistoryTable {
  id: Generated<number>;
  connection_id: string | null;
  sql: string;
  started_at: string;
  duration_ms: number | null;
  row_count: number | null;
  outcome: 'ok' | 'error' | 'cancelled' | 'timeout';
  sqlstate: string | null;
  run_count: Generated<number>;
}

/** Row of `saved_queries`. */
export interface SavedQueriesTable {
  id: string;
  name: string;
  sql: string;
  folder: string;
  tags_json: string;
  connection_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Row of `workspace_tabs`: one editor tab. Values are checked when read (a row that no
 * longer fits is skipped and reported, never dropped), so the types here are the columns'.
 */
export interface WorkspaceTabsTable {
  id: string;
  position: number;
  title: Generated<string>;
  sql: Generated<string>;
  connection_id: string | null;
  /** Height of the tab's results pane, px; null: the layout's. */
  results_height: number | null;
  /** The editor's cursor, a character offset in `sql`. */
  cursor: Generated<number>;
  saved_query_id: string | null;
  /** 1: the SQL has changes not saved to its saved query. */
  dirty: Generated<number>;
  /** An open map of the tab's view state (JSON object). */
  extra_json: Generated<string>;
  updated_at: string;
  /** What the tab is: `query`, `object` (the views' kinds; 2026-12-01-01). */
  kind: Generated<string>;
}

/** Tusk's local SQLite database, as Kysely sees it. */
export interface LocalSchema {
  connections: ConnectionsTable;
  preferences: KeyValueTable;
  query_history: QueryHistoryTable;
  saved_queries: SavedQueriesTable;
  ui_state: KeyValueTable;
  workspace_tabs: WorkspaceTabsTable;
}
