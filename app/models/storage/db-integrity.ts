import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeDatabasePrivate, PRIVATE_FILE_MODE } from './file-modes';

/**
 * Runs `PRAGMA quick_check` on an open database. Returns the problems found: none when
 * healthy; the check's messages, or the error that stopped it (a header that is not
 * SQLite's, a truncated file). Never throws.
 */
export function quickCheck(db: Database.Database): string[] {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const messages = rows.map((row) => row.quick_check);
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  } catch (error) {
    return [describe(error)];
  }
}

/** {@link quickCheck} on the SQLite file at `path`. Never throws. */
export function checkDatabaseFile(path: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    return quickCheck(db);
  } catch (error) {
    return [describe(error)];
  } finally {
    db?.close();
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  return `${code ? `${code}: ` : ''}${(error as Error).message}`;
}

/** True when `path` is an empty file and no `-wal` holds changes for it. */
export function isEmptyDatabaseFile(path: string): boolean {
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return existsSync(path) && size(path) === 0 && size(`${path}-wal`) === 0;
}

/**
 * The database at `path` as one file image that `new Database(image)` opens in memory,
 * written nowhere near it (it may be read-only): committed changes still in its `-wal`
 * are applied in a private temporary copy; the header is made to say "rollback journal"
 * (SQLite cannot open a WAL image in memory) and, for a truncated file, to count only the
 * whole pages left. @throws the file system's error when `path` cannot be read.
 */
export function readDatabaseImage(path: string): Buffer {
  const bytes = wholePages(readFileSync(path));
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'tusk-image-'));
    try {
      writeFileSync(join(dir, 'copy.db'), bytes, { mode: PRIVATE_FILE_MODE });
      copyFileSync(wal, join(dir, 'copy.db-wal'));
      const copy = new Database(join(dir, 'copy.db'));
      try {
        copy.pragma('journal_mode = DELETE'); // applies the WAL to the copy
        return copy.serialize();
      } finally {
        copy.close();
      }
    } catch {
      // A WAL SQLite cannot apply: the main file alone is what can be read.
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
  return bytes;
}

/**
 * A truncated file whose header still counts the lost pages is refused outright, so the
 * image keeps whole pages only and its header counts them.
 */
function wholePages(bytes: Buffer): Buffer {
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') {
    return bytes;
  }
  const raw = bytes.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = Math.floor(bytes.length / pageSize);
  if (pageSize < 512 || bytes.readUInt32BE(28) <= pages) return bytes;
  bytes.writeUInt32BE(pages, 28);
  return bytes.subarray(0, pages * pageSize);
}

/** Removes a database file and its `-wal` and `-shm`. Never throws. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/**
 * Renames a database and its `-wal`/`-shm` companions to `<path>.corrupt-<time>` (and
 * `…-wal`, `…-shm`), private to the user like the database. Returns the backup's path.
 * @throws the rename's error when the main file cannot be moved.
 */
export function moveAside(path: string, now: Date): string {
  const backup = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, backup);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, backup + suffix);
  }
  makeDatabasePrivate(backup);
  return backup;
}
