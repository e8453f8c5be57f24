import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { TuskError } from '../errors/errors';

/**
 * The data folder by OS convention (Linux `$XDG_DATA_HOME/tusk`, macOS
 * `~/Library/Application Support/dev.tusk.Tusk`, Windows `%APPDATA%\Tusk`), unless
 * `explicit` (from `--data-dir`) or `TUSK_DATA_DIR` names one. Pure: creates nothing.
 */
export function defaultDataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (explicit) return resolve(explicit);
  if (env['TUSK_DATA_DIR']) return resolve(env['TUSK_DATA_DIR']);
  const home = env['HOME'] ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'dev.tusk.Tusk');
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Tusk');
  return join(env['XDG_DATA_HOME'] ?? join(home, '.local', 'share'), 'tusk');
}

/**
 * Creates `dir` (and parents) if needed and checks it is writable.
 * @throws TuskError of kind `initialization` naming the folder and what to do.
 */
export function ensureDataDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown';
    throw new TuskError('initialization', `Cannot use the data folder ${dir} (${code})`, {
      detail: (cause as Error).message,
      hint: 'Choose a folder you can write to with --data-dir DIR or TUSK_DATA_DIR, or fix its permissions.',
      cause,
    });
  }
}

/** The data folder to use, or null with the reason when it cannot be used. */
export interface DataDirChoice {
  dataDir: string | null;
  /** Why `dataDir` is null: the folder and the error. */
  problem?: string;
}

/** Like {@link ensureDataDir}, but reports an unusable folder instead of throwing. */
export function chooseDataDir(dir: string): DataDirChoice {
  try {
    return { dataDir: ensureDataDir(dir) };
  } catch (error) {
    return { dataDir: null, problem: (error as Error).message };
  }
}
