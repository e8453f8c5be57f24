import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Opens the SQLite file at `path` and runs `PRAGMA quick_check`. Returns the problems
 * found: none for a healthy file; the check's messages, or the error that stopped the
 * check (a header that is not SQLite's, a truncated file). Never throws.
 */
export function checkDatabaseFile(path: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const messages = rows.map((row) => row.quick_check);
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return [`${code ? `${code}: ` : ''}${(error as Error).message}`];
  } finally {
    db?.close();
  }
}

/**
 * Copies what can be read from a damaged database into `target` (`VACUUM INTO` rebuilds
 * every table and index) and checks the copy. True when `target` now holds a healthy
 * database; on false, `target` does not exist. Never throws.
 */
export function repairInto(path: string, target: string): boolean {
  rmSync(target, { force: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.prepare('VACUUM INTO ?').run(target);
  } catch {
    rmSync(target, { force: true });
    return false;
  } finally {
    db?.close();
  }
  if (checkDatabaseFile(target).length === 0) return true;
  rmSync(target, { force: true });
  return false;
}

/**
 * Renames a database and its `-wal`/`-shm` companions to `<path>.corrupt-<time>` (and
 * `…-wal`, `…-shm`). Returns the backup's path.
 * @throws the rename's error when the main file cannot be moved.
 */
export function moveAside(path: string, now: Date): string {
  const backup = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, backup);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, backup + suffix);
  }
  return backup;
}
