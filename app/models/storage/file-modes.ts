import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { getLogger } from '../logging/logging';

const log = getLogger('storage');

/** Mode of the data folder: only its owner may list or enter it. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file Tusk keeps there: only its owner may read or write it. */
export const PRIVATE_FILE_MODE = 0o600;

/** Whether a failed chmod was already logged at info level this run. */
let modesFailureLogged = false;

/**
 * Sets `path` to {@link PRIVATE_DIR_MODE} or {@link PRIVATE_FILE_MODE}. A file system
 * without modes (FAT, exFAT: a portable Tusk on a USB stick), a read-only folder or a file
 * of another owner makes chmod fail (EPERM, ENOTSUP, EROFS…): that is not an error, the
 * data just stays as private as the place allows. The first such failure of a run is
 * logged at info level, the others at debug, so a stick without modes does not fill the
 * log. Never throws; a missing path is skipped.
 */
export function makePrivate(path: string, kind: 'dir' | 'file' = 'file'): void {
  try {
    chmodSync(path, kind === 'dir' ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (code === 'ENOENT') return;
    if (modesFailureLogged) {
      log.debug(`cannot make ${path} private (${code})`);
      return;
    }
    modesFailureLogged = true;
    log.info(
      `cannot make ${path} private (${code}): the file system may keep no modes (FAT, exFAT); Tusk's files there stay as private as it allows (further cases are logged at debug level)`,
    );
  }
}

/** {@link makePrivate} for an SQLite database and its `-wal` and `-shm` where they exist. */
export function makeDatabasePrivate(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) makePrivate(file);
  }
}

/** True when this process may write `path` (modes, ACLs, immutable flag, read-only mount). */
export function canWrite(path: string): boolean {
  return accessible(path, constants.W_OK);
}

/** True when `path` exists and this process may read it. */
export function canRead(path: string): boolean {
  return existsSync(path) && accessible(path, constants.R_OK);
}

function accessible(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
