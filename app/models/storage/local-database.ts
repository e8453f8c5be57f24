import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type Migration } from 'kysely';
import { checkDatabaseFile, isEmptyDatabaseFile, moveAside, removeDatabase } from './db-integrity';
import { openReadOnlyCopy } from './db-read-only';
import { repairInto } from './db-rebuild';
import { canRead, canWrite, makeDatabasePrivate, makePrivate } from './file-modes';
import { getLogger } from '../logging/logging';
import type { LocalSchema } from './local-schema';
import { MIGRATION_TABLE, runMigrations } from './migrations-runner';
import { MIGRATIONS } from '../../../db/migrations';
import type { Notice } from '../logging/notices';
import { TuskSqliteDialect } from './sqlite-dialect';
import * as say from './storage-notices';

const log = getLogger('storage');

/** Name of the database file in the data folder. */
export const DATABASE_FILE = 'tusk.db';

/** The state of the local database (data-model.md DatabaseHealth), for `app.health`. */
export interface DatabaseHealth {
  /** False when the file failed its integrity check at start (even if it was repaired). */
  isHealthy: boolean;
  /** What the check found. */
  errors: string[];
  /** Where the damaged file was kept, when it was. */
  backupPath: string | null;
  /** True when the damaged file's data was recovered into a new file. */
  repaired: boolean;
  /** True when the repair could read only part of the data (the rest is in the backup). */
  partial: boolean;
  /** True when nothing is kept on disk (the folder or the file could not be used). */
  inMemory: boolean;
  /** True when the data shown was read from a file Tusk cannot write (then `inMemory`). */
  readOnly: boolean;
  /** The database file (read-only: the one the data came from), or null in memory. */
  path: string | null;
  /** Migrations applied, in order. */
  migrations: string[];
}

/** An open local database. */
export interface LocalDatabase {
  db: Kysely<LocalSchema>;
  health: DatabaseHealth;
  /** What the user should be told about it (repair, backup, memory only). */
  notices: Omit<Notice, 'id'>[];
  close(): Promise<void>;
}

/** Options of {@link openLocalDatabase}. */
export interface OpenOptions {
  /** The data folder, or null when it cannot be used (then: memory only). */
  dataDir: string | null;
  /** Why the folder cannot be used, for the notice. */
  dataDirProblem?: string;
  /**
   * With `dataDir` null: the folder that exists but cannot be written; its `tusk.db`, if
   * readable, is shown from memory.
   */
  readOnlyDir?: string;
  now?: Date;
  /** The migrations to apply (tests give others); default db/migrations. */
  migrations?: Record<string, Migration>;
}

/**
 * Opens `<dataDir>/tusk.db` with the pragmas of research.md §3 and applies the migrations.
 * At start it runs `quick_check`; a damaged file is kept as `tusk.db.corrupt-<time>` and
 * what it still holds is rebuilt into a new, fully migrated file, else a fresh database is
 * started; so is a file whose migrations cannot be applied (its migrations table lost).
 * A file or folder Tusk cannot write has its data shown from memory; when nothing can be
 * used, the database lives in memory, empty. Each case comes with one notice; the files
 * are made private (0600). Never throws for a damaged or unusable file.
 * @throws TuskError `storage` only when the migrations fail even on an empty database.
 */
export async function openLocalDatabase(options: OpenOptions): Promise<LocalDatabase> {
  const health = freshHealth();
  if (options.dataDir === null) {
    const why = options.dataDirProblem ?? 'no data folder';
    const file = options.readOnlyDir ? join(options.readOnlyDir, DATABASE_FILE) : null;
    if (file && canRead(file)) {
      return readOnly(file, `the data folder ${options.readOnlyDir} cannot be written`, options);
    }
    return inMemory(health, options, why);
  }
  const path = join(options.dataDir, DATABASE_FILE);
  const notices: Omit<Notice, 'id'>[] = [];
  try {
    if (existsSync(path) && !canWrite(path)) {
      return await readOnly(path, `${path} cannot be written`, options);
    }
    if (isEmptyDatabaseFile(path)) {
      health.isHealthy = false;
      health.errors = ['the file was empty (0 bytes)'];
      notices.push(say.emptyFile(path));
    } else if (existsSync(path)) {
      await recoverIfDamaged(path, health, notices, options);
    }
    return await openFile(path, health, notices, options);
  } catch (error) {
    log.error(`cannot use ${path}`, error);
    removeDatabase(`${path}.repair`);
    // A repair notice would say the data is back in the file: only what follows holds now.
    const why = `${path} cannot be used: ${(error as Error).message}`;
    const prior = { ...health, repaired: false, partial: false };
    if (canRead(path)) return readOnly(path, why, options, prior);
    return inMemory(prior, options, why);
  }
}

function freshHealth(): DatabaseHealth {
  return {
    isHealthy: true,
    errors: [],
    backupPath: null,
    repaired: false,
    partial: false,
    inMemory: false,
    readOnly: false,
    path: null,
    migrations: [],
  };
}

async function recoverIfDamaged(
  path: string,
  health: DatabaseHealth,
  notices: Omit<Notice, 'id'>[],
  options: OpenOptions,
): Promise<void> {
  const errors = checkDatabaseFile(path);
  if (errors.length === 0) return;
  log.warn(`${path} failed its integrity check: ${errors.join('; ')}`);
  health.isHealthy = false;
  health.errors = errors;
  const repaired = `${path}.repair`;
  const outcome = await repairInto(path, repaired, options.migrations);
  health.backupPath = moveAside(path, options.now ?? new Date());
  if (outcome === 'failed') {
    notices.push(say.beyondRepair(health.backupPath, errors));
    return;
  }
  renameSync(repaired, path);
  health.repaired = true;
  health.partial = outcome === 'partial';
  notices.push(say.repaired(health.backupPath, health.partial, errors));
}

/**
 * Opens the file and migrates it. A file whose pending migrations fail although it passed
 * its check (its migrations table lost rows, e.g. in a repair by an earlier Tusk, or data
 * a new migration refuses) is rebuilt by the migrations themselves, as a damaged one is;
 * not a file another program holds, nor one migrated by a newer Tusk.
 */
async function openFile(
  path: string,
  health: DatabaseHealth,
  notices: Omit<Notice, 'id'>[],
  options: OpenOptions,
): Promise<LocalDatabase> {
  const sqlite = openOnDisk(path);
  try {
    return await migrated(sqlite, { ...health, path }, notices, options);
  } catch (error) {
    const known = Object.keys(options.migrations ?? MIGRATIONS);
    const recorded = recordedMigrations(path);
    const behind = recorded.length < known.length && recorded.every((n) => known.includes(n));
    if (!behind || isBusy(error)) throw error;
    const rebuilt = `${path}.repair`;
    const outcome = await repairInto(path, rebuilt, options.migrations);
    if (outcome === 'failed') throw error;
    log.warn(`${path} could not be migrated, rebuilt: ${(error as Error).message}`);
    health.backupPath = moveAside(path, options.now ?? new Date());
    renameSync(rebuilt, path);
    health.repaired = true;
    health.partial = outcome === 'partial';
    notices.push(say.rebuiltForUpgrade(health.backupPath, health.partial, error));
    return migrated(openOnDisk(path), { ...health, path }, notices, options);
  }
}

function openOnDisk(path: string): Database.Database {
  const sqlite = new Database(path);
  try {
    makePrivate(path); // before WAL mode: SQLite gives -wal and -shm the database's mode
    applyPragmas(sqlite, true);
    makeDatabasePrivate(path);
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** True when SQLite's busy or locked error is in the chain: another program holds the file. */
function isBusy(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (/^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? '')) return true;
  }
  return false;
}

/** The migrations the file says ran; [] when it cannot say. Never throws. */
function recordedMigrations(path: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.prepare(`SELECT name FROM "${MIGRATION_TABLE}"`).pluck().all() as string[];
  } catch {
    return [];
  } finally {
    db?.close();
  }
}

/**
 * The data of a file Tusk cannot write (or use), shown from memory; `prior` is what an
 * attempt to use it in place found (damage, a backup).
 */
async function readOnly(
  path: string,
  why: string,
  options: OpenOptions,
  prior: DatabaseHealth = freshHealth(),
): Promise<LocalDatabase> {
  const copy = await openReadOnlyCopy(path, options.migrations);
  const health: DatabaseHealth = {
    ...prior,
    isHealthy: prior.isHealthy && copy.errors.length === 0,
    errors: [...prior.errors, ...copy.errors],
    partial: copy.partial,
  };
  if (!copy.sqlite) return inMemory(health, options, `${why}, and nothing could be read from it`);
  const notices = [say.readOnly(why, prior.backupPath)];
  return migrated(
    copy.sqlite,
    { ...health, inMemory: true, readOnly: true, path },
    notices,
    options,
  );
}

async function inMemory(
  health: DatabaseHealth,
  options: OpenOptions,
  why: string,
): Promise<LocalDatabase> {
  const sqlite = new Database(':memory:');
  applyPragmas(sqlite, false);
  const notices = [say.inMemory(why, health.backupPath)];
  return migrated(sqlite, { ...health, inMemory: true, path: null }, notices, options);
}

async function migrated(
  sqlite: Database.Database,
  health: DatabaseHealth,
  notices: Omit<Notice, 'id'>[],
  options: OpenOptions,
): Promise<LocalDatabase> {
  const db = new Kysely<LocalSchema>({ dialect: new TuskSqliteDialect(sqlite) });
  try {
    const report = await runMigrations(db as Kysely<unknown>, options.migrations);
    if (report.applied.length) log.info(`migrations applied: ${report.applied.join(', ')}`);
    health.migrations = report.all;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, health, notices, close: () => db.destroy() };
}

function applyPragmas(sqlite: Database.Database, onDisk: boolean): void {
  if (onDisk) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -64000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('temp_store = MEMORY');
}
