import {
  closeSync,
  openSync,
  readSync,
  realpathSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { TuskError } from '../errors/errors';
import { makePrivate, PRIVATE_FILE_MODE } from './file-modes';

/** Name of the lock file in the data folder. */
export const LOCK_FILE = 'tusk.lock';

/** A held lock on a data folder; `release()` removes it (idempotent). */
export interface InstanceLock {
  path: string;
  release(): void;
}

/** Locks held by this process, by path: SQLite sees them, a file read here would drop them. */
const heldHere = new Map<string, number>();

/**
 * Takes the data folder for this process. `tusk.lock` is a small SQLite database written
 * once under SQLite's exclusive lock and kept open: the operating system holds that lock
 * for exactly as long as this process lives, so a crash or a reboot frees the folder at
 * once, and a pid reused by another program blocks nothing. The holder's pid is in the
 * file's header (`user_version`) for the refusal. A `tusk.lock` that is no such database
 * (an older Tusk's pid file) is replaced.
 * @throws TuskError of kind `initialization` when another Tusk holds the folder, or when
 *   the lock cannot be made at all.
 */
export function acquireInstanceLock(dataDir: string, pid = process.pid): InstanceLock {
  const path = join(realFolder(dataDir), LOCK_FILE);
  const here = heldHere.get(path);
  if (here !== undefined) throw alreadyRunning(dataDir, here);
  let problem: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const inode = createLockFile(path);
    let db: Database.Database | undefined;
    try {
      // A short wait: two Tusks starting together settle who goes on instead of both failing.
      db = new Database(path, { timeout: 200 });
      db.pragma('journal_mode = MEMORY'); // no -journal file next to the lock
      db.exec('BEGIN EXCLUSIVE');
      db.pragma('locking_mode = EXCLUSIVE'); // kept after the commit, until close or exit
      db.pragma(`user_version = ${pid}`);
      db.exec('COMMIT');
    } catch (error) {
      db?.close();
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        throw alreadyRunning(dataDir, readHolder(path));
      }
      if (code !== 'SQLITE_NOTADB') throw cannotLock(dataDir, path, error);
      // Not an SQLite lock (an older Tusk's pid file): nobody can hold it, so it is reused.
      problem = error;
      try {
        truncateSync(path, 0);
      } catch (truncate) {
        throw cannotLock(dataDir, path, truncate);
      }
      continue;
    }
    if (inodeOf(path) !== inode) {
      // The file was removed (a Tusk quitting) while this one opened it: that lock guards
      // nothing any more, so take the new file instead.
      db.close();
      continue;
    }
    makePrivate(path);
    heldHere.set(path, pid);
    return { path, release: releaser(path, db) };
  }
  throw cannotLock(dataDir, path, problem);
}

/** The folder's real path, so that a link to it finds the lock this process holds. */
function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

function releaser(path: string, db: Database.Database): () => void {
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    // Removed while still locked, so no other Tusk can lock the file that is going away.
    const removed = remove(path);
    db.close();
    heldHere.delete(path);
    if (!removed) remove(path); // Windows: an open file cannot be removed
  };
}

function remove(path: string): boolean {
  try {
    rmSync(path, { force: true });
    return true;
  } catch {
    return false;
  }
}

/** Creates the lock file private to the user if missing; returns its inode. */
function createLockFile(path: string): number | null {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  return inodeOf(path);
}

function inodeOf(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/**
 * The pid another process wrote in the lock's header; null when unreadable. Only for a
 * lock held elsewhere: closing a file of a lock this process holds would release it.
 */
function readHolder(path: string): number | null {
  const header = Buffer.alloc(64);
  try {
    const fd = openSync(path, 'r');
    try {
      if (readSync(fd, header, 0, 64, 0) < 64) return null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const pid = header.readUInt32BE(60);
  return pid > 0 ? pid : null;
}

function alreadyRunning(dataDir: string, pid: number | null): TuskError {
  const holder = pid === null ? '' : ` (process ${pid})`;
  return new TuskError(
    'initialization',
    `Tusk is already running with the data folder ${dataDir}${holder}`,
    {
      hint: `Switch to the Tusk that is running, or start this one with another folder: --data-dir DIR. The folder is free as soon as ${pid === null ? 'that Tusk' : `process ${pid}`} ends.`,
    },
  );
}

function cannotLock(dataDir: string, path: string, cause: unknown): TuskError {
  const code = (cause as { code?: string } | undefined)?.code;
  return new TuskError(
    'initialization',
    `Cannot lock the data folder ${dataDir}${code ? ` (${code})` : ''}`,
    {
      ...(cause instanceof Error ? { detail: cause.message } : {}),
      hint: `No other Tusk holds it: remove ${path} (or make it writable) and start Tusk again, or choose another folder with --data-dir DIR.`,
      cause,
    },
  );
}
