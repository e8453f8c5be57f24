/**
 * The events the server pushes, by name, with their payloads: the views' stores take them
 * (`TuskClient.on`). Type-only: nothing here runs.
 */
import type { ActivitySample } from '../common/activity-shapes';
import type { ConnectionConfig } from '../models/connections/connection-config';
import type { ConnectionDrop, LiveStatus } from '../models/connections/live-connections';
import type { TransactionState } from '../models/connections/pool-session';
import type { SecretKind } from '../models/credentials/credentials';
import type { ErrorInfo } from '../models/errors/error-info';
import type { Notice } from '../models/logging/notices';
import type { ResultPage } from '../models/queries/result-reads';
import type { StatementOutcome } from '../models/queries/statement-run';
import type { SessionLost } from '../models/sessions/tab-sessions';
import type { Preferences } from '../models/storage/preferences';
import type { Layout, Workspace, WorkspaceTab } from '../models/storage/workspace-schema';

/**
 * A connection as the views see it: which secrets are stored (never their values), and
 * whether it exists for this run only (`ephemeral`; the `--demo` one is also `demo`).
 */
export type ConnectionView = ConnectionConfig & {
  storedSecrets: SecretKind[];
  ephemeral: boolean;
  demo: boolean;
};

/**
 * One change of the workspace, as `workspace.*` made it: a tab saved (created or
 * changed; the tab as stored), a tab deleted, the tabs' new order, the active tab, the
 * layout (whole), or the whole workspace replaced (`workspace.save`).
 */
export type WorkspaceChange =
  | { kind: 'tab'; tab: WorkspaceTab }
  | { kind: 'tabDeleted'; id: string }
  | { kind: 'order'; ids: string[] }
  | { kind: 'active'; activeTabId: string | null }
  | { kind: 'layout'; layout: Layout }
  | { kind: 'workspace'; workspace: Workspace };

/** A query's outcome as its terminal event reports it. */
interface QueryEnded {
  queryId: string;
  elapsedMs: number;
  /** The session's transaction state after the run (psql's %x). */
  transaction: TransactionState;
  /** Each statement run, in order. */
  results: StatementOutcome[];
}

/**
 * Events pushed by the server, by name. Every event goes to every open page; one that a
 * request made (a change of connections, preferences or the workspace) reaches the socket
 * that sent the request with `own: true` beside its payload.
 */
export interface ServerEvents {
  /** A sample of a watched connection's activity (`activity.watch`), every interval. */
  'activity.sample': ActivitySample;
  /**
   * Rows fetched so far (at most ~10 a second; the first rows at once) by the statement
   * `result` (its index, as in `results[].index` and `queries.page`).
   */
  'query.progress': { queryId: string; rowCount: number; result: number };
  /**
   * The first rows of the statement `result` (a page from offset 0, as `queries.page`
   * answers it), pushed once as soon as it has rows, after its first `query.progress`.
   */
  'query.rows': ResultPage & { queryId: string; result: number };
  /** `rowCount`: rows returned (held) or affected; `truncated`: the budget or row cap stopped the fetch. */
  'query.completed': QueryEnded & { rowCount: number; truncated: boolean; command: string | null };
  'query.failed': QueryEnded & { error: ErrorInfo };
  'query.cancelled': QueryEnded;
  /** A tab's session was lost; its next run is refused until `sessions.close` acknowledges it. */
  'session.lost': SessionLost;
  'app.notice': Notice;
  /** The server dropped sessions of an open connection (they reconnect on next use). */
  'connection.dropped': ConnectionDrop;
  /**
   * The saved connections changed (saved, deleted, connected: `lastConnectedAt`, a host key
   * recorded): all of them, as `connections.list` gives them.
   */
  'connections.changed': { connections: ConnectionView[] };
  /** A connection was opened (`status`, as `connections.connect` gives it) or closed (null). */
  'connection.status': { id: string; status: LiveStatus | null };
  /** The preferences changed: all of them, as `preferences.get` gives them. */
  'preferences.changed': Preferences;
  /** The workspace changed: one tab, the order, the active tab, the layout, or all. */
  'workspace.changed': WorkspaceChange;
  /** The catalog of a connection was loaded again (after `schema.refresh` or DDL run in Tusk). */
  'schema.changed': { connectionId: string };
  /** An export under way: rows and bytes written so far (a few times a second). */
  'export.progress': { exportId: string; rows: number; bytes: number; elapsedMs: number };
  /**
   * An export ended: `path` is the written file's absolute path for a `{folder}` export;
   * `warning` says when a held result was truncated (a statement that writes is not re-run).
   */
  'export.completed': {
    exportId: string;
    rows: number;
    bytes: number;
    elapsedMs: number;
    path?: string;
    warning?: string;
  };
  /** An export failed or was cancelled (`error.code` `EXPORT_CANCELLED`); no file is left. */
  'export.failed': { exportId: string; error: ErrorInfo };
  /** An import under way: rows copied and bytes received so far. */
  'import.progress': { importId: string; rows: number; bytes: number; elapsedMs: number };
  /** An import committed `rows` rows. */
  'import.completed': { importId: string; rows: number; elapsedMs: number };
  /** An import failed (a bad line: the line and column in the error) or was cancelled; nothing inserted. */
  'import.failed': { importId: string; error: ErrorInfo };
}

/** An event's name. */
export type EventName = keyof ServerEvents;
