import type { ActivitySession, BlockingEntry } from '../../common/activity-shapes';
import type { SessionRow, WaitRow } from './activity-queries';

/** What `pg_stat_activity` shows in place of another user's query without the right to see it. */
const HIDDEN_QUERY = '<insufficient privilege>';

/**
 * The sessions of a sample's rows: another user's backend the role may not see is
 * `hidden` (its fields null); `tusk` marks the pids of Tusk's own sessions.
 */
export function sessionsOf(rows: SessionRow[], tusk: ReadonlySet<number>): ActivitySession[] {
  return rows.map((r) => {
    const hidden = r[13] === HIDDEN_QUERY;
    return {
      pid: r[0],
      user: r[1],
      database: r[2],
      application: r[3],
      client: r[4],
      backendType: r[5],
      state: r[6],
      waitEventType: r[7],
      waitEvent: r[8],
      backendStart: r[9],
      xactStart: r[10],
      queryStart: r[11],
      stateChange: r[12],
      query: hidden ? null : r[13],
      blockedBy: r[14] ?? [],
      tusk: tusk.has(r[0]),
      hidden,
    };
  });
}

/**
 * Who blocks whom: one entry per session waiting on a lock held by others, with the lock
 * mode it waits for, the relation (of the lock, or of the row it waits for), how long it
 * has waited (`pg_locks.waitstart` from 14 on, else since its query began) and a sentence.
 */
export function blockingOf(
  sessions: ActivitySession[],
  waits: WaitRow[],
  at: string,
): BlockingEntry[] {
  const now = Date.parse(at);
  const byPid = new Map(sessions.map((s) => [s.pid, s]));
  return sessions
    .filter((s) => s.blockedBy.length > 0)
    .map((s) => {
      const mine = waits.filter((w) => w[0] === s.pid);
      const waiting = mine.find((w) => !w[2]);
      const tuple = mine.find((w) => w[2] && w[3] === 'tuple');
      const since = waiting?.[6] ?? s.queryStart ?? s.stateChange;
      const waitingMs = since ? Math.max(0, now - Date.parse(since)) : 0;
      const mode = waiting?.[1] ?? null;
      const relation = waiting?.[4] ?? tuple?.[4] ?? null;
      const holders = s.blockedBy.map((pid) => holderWords(pid, byPid.get(pid), now));
      const what = lockWords(waiting, relation);
      const sentence = `pid ${s.pid} waits ${duration(waitingMs)} for ${what} held by ${listOf(holders)}`;
      return { pid: s.pid, blockedBy: s.blockedBy, mode, relation, waitingMs, sentence };
    });
}

/** "a ShareLock on a row of public.orders", "an AccessExclusiveLock on public.orders"… */
function lockWords(waiting: WaitRow | undefined, relation: string | null): string {
  if (!waiting) return relation ? `a lock on ${relation}` : 'a lock';
  const [, mode, , locktype, , xid] = waiting;
  const lock = `${/^[AEIOU]/.test(mode) ? 'an' : 'a'} ${mode}`;
  if (locktype === 'relation' && relation) return `${lock} on ${relation}`;
  if ((locktype === 'tuple' || locktype === 'transactionid') && relation)
    return `${lock} on a row of ${relation}`;
  if (locktype === 'transactionid') return `${lock} on transaction ${xid ?? '?'}`;
  if (locktype === 'advisory') return `an advisory ${mode}`;
  return relation ? `${lock} on ${relation} (${locktype})` : `${lock} (${locktype})`;
}

/** "pid 3990, idle in transaction for 14 min" */
function holderWords(pid: number, holder: ActivitySession | undefined, now: number): string {
  if (pid === 0) return 'a prepared transaction';
  if (!holder) return `pid ${pid}`;
  if (holder.hidden) return `pid ${pid} (another role's session)`;
  const since = holder.stateChange ? Date.parse(holder.stateChange) : NaN;
  const state = holder.state ?? holder.backendType ?? 'running';
  if (Number.isNaN(since)) return `pid ${pid}, ${state}`;
  return `pid ${pid}, ${state} for ${duration(Math.max(0, now - since))}`;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  // Each holder has its own comma clause: separated by semicolons.
  return `${items.slice(0, -1).join('; ')} and ${items.at(-1)}`;
}

/** "350 ms", "12 s", "2 min", "1 h 5 min" */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`;
  const hours = Math.floor(ms / 3_600_000);
  return `${hours} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
}
