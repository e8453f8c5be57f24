import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the daily files `<prefix>.<yyyy-MM-dd>.log` in `dir` dated more than `keepDays`
 * days before `now` (today's file and the `keepDays - 1` before it stay). Other files are
 * never touched. Returns the names removed; a file that cannot be removed is left.
 */
export function pruneOldLogs(
  dir: string,
  prefix: string,
  keepDays: number,
  now = new Date(),
): string[] {
  const pattern = new RegExp(`^${prefix}\\.(\\d{4})-(\\d{2})-(\\d{2})\\.log$`);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const oldest = today - (Math.max(1, keepDays) - 1) * DAY_MS;
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const match = pattern.exec(name);
    if (!match) continue;
    const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (day >= oldest) continue;
    try {
      rmSync(join(dir, name));
      removed.push(name);
    } catch {
      // Left for the next start; logging must never fail the app.
    }
  }
  return removed.sort();
}
