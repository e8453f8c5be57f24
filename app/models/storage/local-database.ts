import { existsSync, rmSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type Migration } from 'kysely';
import { checkDatabaseFile, moveAside, repairInto } from './db-integrity';
import { getLogger } from '../logging/logging';
import type { LocalSchema } from './local-schema';
import { runMigrations } from './migrations-runner';
import type { Notice } from '../logging/notices';
import { TuskSqliteDialect } from './sqlite-dialect';

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
  /** The database file, or null in memory. */
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
  now?: Date;
  /** The migrations to apply (tests give others); default db/migrations. */
  migrations?: Record<string, Migration>;
}

/**
 * Opens `<dataDir>/tusk.db` with the pragmas of research.md §3 and applies the migrations.
 * At start it runs `quick_check`; a damaged file is kept as `tusk.db.corrupt-<time>`, its
 * data recovered into a new file when possible, else a fresh database is started. When the
 * folder or the file cannot be used at all, the database lives in memory. Each of these
 * comes with a notice. Never throws for a damaged or unusable file.
 */
export async function openLocalDatabase(options: OpenOptions): Promise<LocalDatabase> {
  const now = options.now ?? new Date();
  const notices: Omit<Notice, 'id'>[] = [];
  const health: DatabaseHealth = {
    isHealthy: true,
    errors: [],
    backupPath: null,
    repaired: false,
    partial: false,
    inMemory: false,
    path: null,
    migrations: [],
  };
  if (options.dataDir === null) {
    return inMemory(health, notices, options, options.dataDirProblem ?? 'no data folder');
  }
  const path = join(options.dataDir, DATABASE_FILE);
  try {
    if (existsSync(path)) recoverIfDamaged(path, now, health, notices);
    const sqlite = new Database(path);
    applyPragmas(sqlite, true);
    return await ready(sqlite, { ...health, path }, notices, options);
  } catch (error) {
    log.error(`cannot use ${path}`, error);
    return inMemory(
      health,
      notices,
      options,
      `${path} cannot be used: ${(error as Error).message}`,
    );
  }
}

function recoverIfDamaged(
  path: string,
  now: Date,
  health: DatabaseHealth,
  notices: Omit<Notice, 'id'>[],
): void {
  const errors = checkDatabaseFile(path);
  if (errors.length === 0) return;
  log.warn(`${path} failed its integrity check: ${errors.join('; ')}`);
  health.isHealthy = false;
  health.errors = errors;
  const repaired = `${path}.repair`;
  const outcome = repairInto(path, repaired);
  health.backupPath = moveAside(path, now);
  if (outcome !== 'failed') {
    renameSync(repaired, path);
    health.repaired = true;
    health.partial = outcome === 'partial';
    notices.push({
      level: 'warning',
      message: health.partial
        ? `Tusk's local database was damaged; what could be read has been recovered, some entries are lost. The damaged file was kept as ${health.backupPath}.`
        : `Tusk's local database was damaged and has been repaired. The damaged file was kept as ${health.backupPath}.`,
      detail: errors.slice(0, 5).join('; '),
    });
  } else {
    rmSync(repaired, { force: true });
    notices.push({
      level: 'error',
      message: `Tusk's local database was damaged beyond repair, so Tusk started a new one: saved connections, history and settings are reset. The damaged file was kept as ${health.backupPath}.`,
      detail: errors.slice(0, 5).join('; '),
    });
  }
}

async function inMemory(
  health: DatabaseHealth,
  notices: Omit<Notice, 'id'>[],
  options: OpenOptions,
  why: string,
): Promise<LocalDatabase> {
  notices.push({
    level: 'error',
    message: `Nothing will be kept after Tusk closes: ${why}.`,
    detail:
      'Connections, history, saved queries and settings live in memory for this session. Start Tusk with a writable --data-dir to keep them.',
  });
  const sqlite = new Database(':memory:');
  applyPragmas(sqlite, false);
  return ready(sqlite, { ...health, inMemory: true, path: null }, notices, options);
}

async function ready(
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
