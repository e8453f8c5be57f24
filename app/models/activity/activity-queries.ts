/**
 * The SQL of a sample and of a snapshot, by server version (12 to 18): one statement, one
 * row, its sets aggregated as JSON arrays (set-based, one round trip). `pg_blocking_pids()`
 * and `pg_locks` take the lock manager's locks: they are read only for sessions waiting on
 * a lock (`wait_event_type = 'Lock'`), and `pg_locks` not at all when none waits, unless a
 * snapshot asks for every lock. Nothing depends on session state (a transaction pooler may
 * run each statement on another server connection).
 */

/** The `server_version` text's major number ("15.4 (Debian …)" → 15). */
export function majorOf(serverVersion: string): number {
  const major = Number.parseInt(serverVersion, 10);
  return Number.isFinite(major) ? major : 0;
}

/** What a session row holds, in this order (a JSON array per session). */
export type SessionRow = [
  pid: number,
  user: string | null,
  database: string | null,
  application: string | null,
  client: string | null,
  backendType: string | null,
  state: string | null,
  waitEventType: string | null,
  waitEvent: string | null,
  backendStart: string | null,
  xactStart: string | null,
  queryStart: string | null,
  stateChange: string | null,
  query: string | null,
  blockedBy: number[] | null,
];

/** A lock a waiting session waits for, or a tuple lock it holds (whose row it waits for). */
export type WaitRow = [
  pid: number,
  mode: string,
  granted: boolean,
  locktype: string,
  relation: string | null,
  transactionId: string | null,
  waitStart: string | null,
];

/** One of `pg_locks` (snapshot). */
export type LockRow = [
  pid: number | null,
  mode: string,
  granted: boolean,
  relation: string | null,
  locktype: string,
];

/** Server-wide counters of `pg_stat_database`, in {@link COUNTERS} order. */
export type CounterRow = (number | null)[];

/** The sums of `pg_stat_database` a sample reads, in order. */
export const COUNTERS = [
  'xact_commit',
  'xact_rollback',
  'tup_returned',
  'tup_fetched',
  'tup_inserted',
  'tup_updated',
  'tup_deleted',
  'blks_read',
  'blks_hit',
  'temp_bytes',
  'deadlocks',
] as const;

/** The one row of a sample or snapshot query. */
export interface ActivityRow {
  /** The server's clock when it ran. */
  at: string;
  /** The backend that ran it (behind a pooler: the server connection of that moment). */
  self: number;
  sessions: SessionRow[] | string | null;
  waits: WaitRow[] | string | null;
  counters: CounterRow | string | null;
  locks?: LockRow[] | string | null;
}

const QUALIFIED = `CASE WHEN l.relation IS NOT NULL
      THEN coalesce(n.nspname || '.' || c.relname, 'oid ' || l.relation) END`;

/**
 * The sample's SQL: sessions (with `blockedBy` for lock waits only), what the waiting ones
 * wait for, and the server-wide counters; with `locks`, every lock but its own (snapshot).
 * `waitstart` exists from PostgreSQL 14 on.
 */
export function activitySql(major: number, options: { locks: boolean }): string {
  const waitStart = major >= 14 ? 'l.waitstart' : 'NULL::timestamptz';
  const locks = options.locks
    ? `,
  (SELECT json_agg(json_build_array(l.pid, l.mode, l.granted, ${QUALIFIED}, l.locktype))
     FROM pg_locks l
     LEFT JOIN pg_class c ON c.oid = l.relation
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE l.pid IS DISTINCT FROM pg_backend_pid()) AS locks`
    : '';
  return `WITH s AS MATERIALIZED (
  SELECT pid, usename, datname, application_name, client_addr, client_port, backend_type,
         state, wait_event_type, wait_event, backend_start, xact_start, query_start,
         state_change, query
    FROM pg_stat_activity
), w AS MATERIALIZED (
  SELECT pid, pg_blocking_pids(pid) AS blocked_by FROM s WHERE wait_event_type = 'Lock'
)
SELECT clock_timestamp() AS at, pg_backend_pid() AS self,
  (SELECT json_agg(json_build_array(s.pid, s.usename, s.datname, s.application_name,
            CASE WHEN s.client_addr IS NOT NULL THEN host(s.client_addr) || ':' || s.client_port
                 WHEN s.client_port = -1 THEN 'local' END,
            s.backend_type, s.state, s.wait_event_type, s.wait_event, s.backend_start,
            s.xact_start, s.query_start, s.state_change, s.query, w.blocked_by))
     FROM s LEFT JOIN w ON w.pid = s.pid) AS sessions,
  (SELECT json_agg(json_build_array(l.pid, l.mode, l.granted, l.locktype, ${QUALIFIED},
            l.transactionid::text, ${waitStart}))
     FROM pg_locks l
     LEFT JOIN pg_class c ON c.oid = l.relation
     LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE EXISTS (SELECT FROM w)
      AND l.pid IN (SELECT pid FROM w)
      AND (NOT l.granted OR l.locktype = 'tuple')) AS waits,
  (SELECT json_build_array(${COUNTERS.map((c) => `sum(${c})`).join(', ')})
     FROM pg_stat_database) AS counters${locks}`;
}

/** A JSON column as its value (postgres.js parses `json`; text is parsed here). */
export function fromJson<T>(value: T | string | null | undefined): T | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
