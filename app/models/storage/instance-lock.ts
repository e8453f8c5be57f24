import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TuskError } from '../errors/errors';

/** Name of the lock file in the data folder. */
export const LOCK_FILE = 'tusk.lock';

/** A held lock on a data folder; `release()` removes it (idempotent). */
export interface InstanceLock {
  path: string;
  release(): void;
}

/**
 * Takes the data folder for this process: creates `tusk.lock` holding this pid, or takes
 * over a lock whose process is gone (a crash).
 * @throws TuskError of kind `initialization` when a live Tusk holds the folder.
 */
export function acquireInstanceLock(dataDir: string, pid = process.pid): InstanceLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      let held = true;
      return {
        path,
        release() {
          if (!held) return;
          held = false;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && isAlive(holder)) {
        throw new TuskError(
          'initialization',
          `Tusk is already running with the data folder ${dataDir} (process ${holder})`,
          {
            hint: 'Switch to the Tusk that is running, or start this one with another folder: --data-dir DIR.',
          },
        );
      }
      rmSync(path, { force: true }); // left by a Tusk that crashed
    }
  }
  throw new TuskError('initialization', `Cannot lock the data folder ${dataDir}`, {
    hint: 'Another Tusk may be starting with the same folder; try again.',
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
