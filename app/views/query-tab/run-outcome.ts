import type { StatementOutcome, TabRun } from '../data/runs-store';

/** How a run that did not complete ended, as its last statement says it. */
export type Ending = 'cancelled' | 'timed out' | 'failed';

/** How `run` ended when not completed (undefined while running or once completed). */
export function endingOf(run: TabRun): Ending | undefined {
  if (run.status === 'cancelled') return 'cancelled';
  if (run.status === 'timeout') return 'timed out';
  if (run.status === 'failed') return 'failed';
  return undefined;
}

/**
 * A statement as the results bar and Messages name it: its tag (the server's command, or
 * how it ended when it never completed: "Cancelled") and its figures ("3 rows", "5 rows
 * affected"; empty for a tag that says it all, such as BEGIN). `ending` is given for the
 * statement a run stopped at.
 */
export function describeOutcome(
  o: StatementOutcome,
  ending?: Ending,
): { tag: string; figures: string } {
  const rows = `${o.rowCount.toLocaleString('en')} ${o.rowCount === 1 ? 'row' : 'rows'}`;
  const parts: string[] = [];
  if (o.hasRows) parts.push(`${rows}${o.truncated ? ' (stopped: memory budget or row cap)' : ''}`);
  else if (/^(INSERT|UPDATE|DELETE|MERGE|COPY)/.test(o.command ?? ''))
    parts.push(`${rows} affected`);
  const tag = o.command ?? (ending ? ending[0]!.toUpperCase() + ending.slice(1) : 'Done');
  return { tag, figures: parts.join(', ') };
}

/** "345 ms", "2.6 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The toolbar's run status: "running 1.2 s · 300 rows", "cancelled in 2.6 s · 0 rows". */
export function describeRun(run: TabRun, elapsedMs: number): string {
  const { status, rowCount: rows } = run;
  const time = formatMs(elapsedMs);
  const count = `${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'}`;
  if (run.waitingFor === 'cancel')
    return `waiting for the last cancel to reach the server… ${time}`;
  if (status === 'starting' || status === 'queued') return `waiting for the session… ${time}`;
  if (status === 'running') return `running ${time} · ${count}`;
  const word = status === 'timeout' ? 'timed out' : status;
  return `${word} in ${time} · ${count}`;
}

/**
 * The offset (code points, from 0) in `text` of `line`:`column` (1-based) counted from
 * `start`, clamped to the text.
 */
export function offsetOf(text: string, start: number, line: number, column: number): number {
  const points = Array.from(text);
  let at = Math.min(Math.max(0, start), points.length);
  for (let l = 1; l < line && at < points.length; at++) if (points[at] === '\n') l++;
  return Math.min(at + Math.max(0, column - 1), points.length);
}

/** The toolbar's words for a tab session's transaction state (or a lost session). */
export function describeTransaction(tx: string): string {
  if (tx === 'idle') return 'no transaction';
  if (tx === 'open') return 'transaction open';
  if (tx === 'failed') return 'transaction failed: ROLLBACK';
  return 'session lost';
}
