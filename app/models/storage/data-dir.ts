import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { TuskError } from '../errors/errors';
import { makePrivate, PRIVATE_DIR_MODE } from './file-modes';

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

/** The folder next to the app that makes Tusk portable (the PortableApps convention). */
export const PORTABLE_FOLDER = 'tusk-data';

/** Where Tusk's data goes, and whether that is the portable folder next to the app. */
export interface DataLocation {
  dir: string;
  portable: boolean;
}

/** What decides the data folder (see {@link locateDataDir}). */
export interface DataLocationOptions {
  /** `--data-dir`. */
  explicit?: string | undefined;
  /** `--portable`. */
  portable?: boolean | undefined;
  /** The folders "next to the app", in order of preference (see `appFolders`). */
  appDirs: readonly string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/**
 * The data folder: `--data-dir` wins; else portable mode — with `--portable`, or when a
 * folder named {@link PORTABLE_FOLDER} exists in one of `appDirs` — keeps the data in that
 * folder (with `--portable` and none existing, in the first of `appDirs`, created later by
 * {@link ensureDataDir}); else `TUSK_DATA_DIR`; else the OS folder ({@link defaultDataDir}).
 * The portable folder goes before `TUSK_DATA_DIR` because it belongs to this copy of the app
 * and the variable to the whole machine. Creates nothing.
 */
export function locateDataDir(options: DataLocationOptions): DataLocation {
  const env = options.env ?? process.env;
  if (options.explicit) return { dir: resolve(options.explicit), portable: false };
  const candidates = [...new Set(options.appDirs)].map((d) => join(resolve(d), PORTABLE_FOLDER));
  const found = candidates.find(isDirectory);
  if (found) return { dir: found, portable: true };
  if (options.portable && candidates[0]) return { dir: candidates[0], portable: true };
  return { dir: defaultDataDir(undefined, env, options.platform), portable: false };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Creates `dir` (and parents) if needed, makes it private to the user (0700, on creation
 * and on every start; where modes do not exist or cannot be set, it stays as it is) and
 * checks it is writable.
 * @throws TuskError of kind `initialization` naming the folder and what to do.
 */
export function ensureDataDir(dir: string): string {
  try {
    makeDir(dir);
    makePrivate(dir, 'dir');
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

/** Creates `dir` 0700 if missing; its missing parents get the usual modes. */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    if (code !== 'ENOENT') throw error;
    mkdirSync(dirname(dir), { recursive: true });
    mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  }
}

/** The data folder to use, or null with the reason when it cannot be used. */
export interface DataDirChoice {
  dataDir: string | null;
  /** Why `dataDir` is null: the folder and the error. */
  problem?: string;
  /** With `dataDir` null: the folder when it exists and can be read, just not written. */
  readOnlyDir?: string;
}

/** Like {@link ensureDataDir}, but reports an unusable folder instead of throwing. */
export function chooseDataDir(dir: string): DataDirChoice {
  try {
    return { dataDir: ensureDataDir(dir) };
  } catch (error) {
    const problem = (error as Error).message;
    return isReadableDir(dir)
      ? { dataDir: null, problem, readOnlyDir: dir }
      : { dataDir: null, problem };
  }
}

function isReadableDir(dir: string): boolean {
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
