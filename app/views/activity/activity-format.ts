import type { ActivitySession } from '../../controllers/api';

/** An `idle in transaction` session this long is marked (ms). */
export const LONG_IDLE_IN_TRANSACTION_MS = 60_000;
/** An active query this long is marked (ms). */
export const LONG_QUERY_MS = 10_000;

/** Ms from `since` (ISO) to `at` (ISO), never negative; null when `since` is null. */
export function elapsedMs(since: string | null, at: string): number | null {
  if (!since) return null;
  return Math.max(0, Date.parse(at) - Date.parse(since));
}

/** A duration as a compact clock: `850ms`, `42s`, `3m 05s`, `2h 14m`, `3d 4h`; `` for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** A sample's time as the local clock (`14:02:07`). */
export function formatClock(at: string): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

/** What is long about a session (for its highlight), with how long; null when nothing is. */
export function longOf(
  session: ActivitySession,
  at: string,
): { kind: 'idle-in-transaction' | 'long-query'; ms: number } | null {
  if (session.state?.startsWith('idle in transaction')) {
    const ms = elapsedMs(session.stateChange ?? session.xactStart, at);
    return ms !== null && ms >= LONG_IDLE_IN_TRANSACTION_MS
      ? { kind: 'idle-in-transaction', ms }
      : null;
  }
  if (session.state === 'active') {
    const ms = elapsedMs(session.queryStart, at);
    return ms !== null && ms >= LONG_QUERY_MS ? { kind: 'long-query', ms } : null;
  }
  return null;
}

/** The query on one line (whitespace runs folded). */
export function oneLine(query: string | null): string {
  return query ? query.replace(/\s+/g, ' ').trim() : '';
}
