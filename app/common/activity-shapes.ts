/**
 * What the `activity.*` methods and the `activity.sample` event carry: a server's sessions,
 * who blocks whom, its locks, its load over time, top statements, sizes and settings. A
 * field the role may not see (another user's query without `pg_read_all_stats`) is `null`
 * with `hidden: true` on its session, never an error.
 */

/** One backend of `pg_stat_activity`. Times are ISO strings; null when unknown or hidden. */
export interface ActivitySession {
  pid: number;
  user: string | null;
  database: string | null;
  application: string | null;
  /** Client address and port (`10.0.0.5:51234`), `local` for a Unix socket, null for none. */
  client: string | null;
  /** `client backend`, `autovacuum worker`, `walsender`… */
  backendType: string | null;
  /** `active`, `idle`, `idle in transaction`, `idle in transaction (aborted)`, `fastpath function call`, `disabled`; null when hidden. */
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
  backendStart: string | null;
  xactStart: string | null;
  queryStart: string | null;
  stateChange: string | null;
  /** The query text (the last one when idle); null when hidden. */
  query: string | null;
  /** Pids this backend waits for (`pg_blocking_pids`, asked only for `Lock` waits). */
  blockedBy: number[];
  /** One of this Tusk's own sessions (a pool's, a tab's, the sampler's). */
  tusk: boolean;
  /** The role may not see this backend's details (another user's, without `pg_read_all_stats`). */
  hidden: boolean;
}

/** A waiting session and what it waits for, with the sentence that says it. */
export interface BlockingEntry {
  pid: number;
  blockedBy: number[];
  /** The lock mode it waits for (`RowExclusiveLock`), null when not a relation/tuple lock. */
  mode: string | null;
  /** `schema.name` of the relation waited on, when the lock names one. */
  relation: string | null;
  waitingMs: number;
  /** "pid 4121 waits 2 min for a RowExclusiveLock on public.orders held by pid 3990, idle in transaction for 14 min" */
  sentence: string;
}

/** One row of `pg_locks`, its relation by name. */
export interface LockEntry {
  pid: number | null;
  mode: string;
  granted: boolean;
  relation: string | null;
  /** `relation`, `tuple`, `transactionid`, `virtualxid`, `advisory`… */
  locktype: string;
}

/** `activity.snapshot`: everything at one instant (`at`, the server's clock). */
export interface ActivitySnapshot {
  at: string;
  sessions: ActivitySession[];
  blocking: BlockingEntry[];
  locks: LockEntry[];
}

/** Rates over the interval since the previous sample (per second), and counts now. */
export interface ActivityStats {
  /** Sessions by state (`active`, `idle`, `idle in transaction`, …, and `other`). */
  sessionsByState: Record<string, number>;
  commitsPerSec: number;
  rollbacksPerSec: number;
  tuplesReturnedPerSec: number;
  tuplesFetchedPerSec: number;
  tuplesInsertedPerSec: number;
  tuplesUpdatedPerSec: number;
  tuplesDeletedPerSec: number;
  blocksReadPerSec: number;
  blocksHitPerSec: number;
  tempBytesPerSec: number;
  /** Deadlocks since the previous sample. */
  deadlocks: number;
}

/** The `activity.sample` event: one sample of a watched connection. */
export interface ActivitySample {
  connectionId: string;
  at: string;
  stats: ActivityStats;
  sessions: ActivitySession[];
  blocking: BlockingEntry[];
}

/** One statement of `pg_stat_statements`. */
export interface TopStatement {
  queryId: string | null;
  query: string;
  user: string | null;
  database: string | null;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  sharedBlocksHit: number;
  sharedBlocksRead: number;
  tempBlocksRead: number;
  tempBlocksWritten: number;
}

/** `activity.statements`: the top statements, or why there are none and how to enable them. */
export type StatementsReport =
  | { available: true; version: string; statements: TopStatement[] }
  | { available: false; reason: string; howTo: string };

/** A relation with its size. */
export interface SizedRelation {
  schema: string;
  name: string;
  bytes: number;
}

/** `activity.database`: sizes, unused indexes, dead tuples, replication. */
export interface DatabaseReport {
  databases: { name: string; bytes: number | null }[];
  tables: SizedRelation[];
  indexes: (SizedRelation & { table: string })[];
  unusedIndexes: (SizedRelation & { table: string })[];
  deadTuples: {
    schema: string;
    name: string;
    live: number;
    dead: number;
    lastVacuum: string | null;
    lastAutovacuum: string | null;
    lastAnalyze: string | null;
    lastAutoanalyze: string | null;
  }[];
  /** On a primary: its standbys; on a standby: its lag. */
  replication:
    | {
        role: 'primary';
        standbys: {
          client: string | null;
          state: string | null;
          sentLsn: string | null;
          replayLsn: string | null;
          replayLagMs: number | null;
        }[];
      }
    | { role: 'standby'; replayLagMs: number | null; lastReplayAt: string | null };
}

/** One of `pg_settings`. */
export interface ServerSetting {
  name: string;
  setting: string;
  unit: string | null;
  category: string;
  description: string;
  /** Where it comes from: `default`, `configuration file`, `session`… */
  source: string;
  /** Changed from its default. */
  changed: boolean;
}
