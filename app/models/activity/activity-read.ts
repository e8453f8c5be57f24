import type {
  ActivitySession,
  ActivityStats,
  BlockingEntry,
  LockEntry,
} from '../../common/activity-shapes';
import type { PoolSession } from '../connections/pool-session';
import {
  activitySql,
  fromJson,
  type ActivityRow,
  type CounterRow,
  type LockRow,
  type SessionRow,
  type WaitRow,
} from './activity-queries';
import { blockingOf, sessionsOf } from './blocking';

/** One read of a server's activity (a sample, or a snapshot with `locks`). */
export interface ActivityRead {
  at: string;
  /** The backend that ran it: one of Tusk's own. */
  self: number;
  sessions: ActivitySession[];
  blocking: BlockingEntry[];
  locks: LockEntry[];
  counters: CounterRow;
}

/**
 * Reads sessions, blocking, counters (and every lock with `locks`) in one round trip on
 * `session`: behind a transaction pooler its `SET LOCAL statement_timeout` goes in the same
 * message (one implicit transaction). `tusk()` gives the pids of Tusk's own sessions.
 * @throws the driver's error (a statement timeout, a lost connection).
 */
export async function readActivity(
  session: PoolSession,
  major: number,
  options: { locks: boolean; tusk(): Iterable<number> },
): Promise<ActivityRead> {
  const sql = activitySql(major, { locks: options.locks });
  const local = session.localSettings?.sql;
  const rows = await session.query<ActivityRow>(local ? `${local}; ${sql}` : sql);
  const row = rows[0]!;
  const at = new Date(row.at).toISOString();
  const tusk = new Set(options.tusk());
  tusk.add(row.self);
  const sessions = sessionsOf(fromJson<SessionRow[]>(row.sessions) ?? [], tusk);
  const blocking = blockingOf(sessions, fromJson<WaitRow[]>(row.waits) ?? [], at);
  const locks = (fromJson<LockRow[]>(row.locks) ?? []).map(
    ([pid, mode, granted, relation, locktype]) => ({ pid, mode, granted, relation, locktype }),
  );
  return {
    at,
    self: row.self,
    sessions,
    blocking,
    locks,
    counters: fromJson<CounterRow>(row.counters) ?? [],
  };
}

/**
 * The stats of a sample: sessions by state (`other` for those with none: background
 * processes, and others' sessions the role may not see), and per-second rates of the
 * server-wide counters since `previous` (zero without one, or across a stats reset).
 */
export function statsOf(
  read: ActivityRead,
  previous: { at: string; counters: CounterRow } | null,
): ActivityStats {
  const sessionsByState: Record<string, number> = {};
  for (const s of read.sessions) {
    const state = s.state ?? 'other';
    sessionsByState[state] = (sessionsByState[state] ?? 0) + 1;
  }
  const seconds = previous ? (Date.parse(read.at) - Date.parse(previous.at)) / 1000 : 0;
  const delta = (i: number) => {
    if (!previous || seconds <= 0) return 0;
    const change = Number(read.counters[i] ?? 0) - Number(previous.counters[i] ?? 0);
    return Math.max(0, change);
  };
  const rate = (i: number) => (seconds > 0 ? round(delta(i) / seconds) : 0);
  return {
    sessionsByState,
    commitsPerSec: rate(0),
    rollbacksPerSec: rate(1),
    tuplesReturnedPerSec: rate(2),
    tuplesFetchedPerSec: rate(3),
    tuplesInsertedPerSec: rate(4),
    tuplesUpdatedPerSec: rate(5),
    tuplesDeletedPerSec: rate(6),
    blocksReadPerSec: rate(7),
    blocksHitPerSec: rate(8),
    tempBytesPerSec: rate(9),
    deadlocks: delta(10),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
