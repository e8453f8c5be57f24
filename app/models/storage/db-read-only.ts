import Database from 'better-sqlite3';
import type { Migration } from 'kysely';
import { quickCheck, readDatabaseImage } from './db-integrity';
import { rebuildInto } from './db-rebuild';
import { getLogger } from '../logging/logging';

const log = getLogger('storage');

/** A database file's data, in memory. */
export interface ReadOnlyCopy {
  /** In memory, migrated: the app works on it for the session; null when nothing was read. */
  sqlite: Database.Database | null;
  /** What `quick_check` found in the file's data, or why it could not be read. */
  errors: string[];
  /** True when some rows could not be read. */
  partial: boolean;
}

/**
 * Reads the database at `path` (and its `-wal`) into memory without writing anything in
 * its folder: no `-wal`, `-shm` or lock is created there, the file is never changed. Its
 * rows are rebuilt into a fresh in-memory database made by the migrations, so a file at an
 * older schema, with a lost migrations table or some damage still shows what it holds.
 * `sqlite` is null when nothing can be read from it. Never throws.
 */
export async function openReadOnlyCopy(
  path: string,
  migrations?: Record<string, Migration>,
): Promise<ReadOnlyCopy> {
  let source: Database.Database | undefined;
  const target = new Database(':memory:');
  let errors: string[] = [];
  try {
    source = new Database(readDatabaseImage(path));
    errors = quickCheck(source);
    const outcome = await rebuildInto(source, target, migrations);
    if (outcome !== 'failed') return { sqlite: target, errors, partial: outcome === 'partial' };
  } catch (error) {
    errors = [...errors, (error as Error).message];
  } finally {
    source?.close();
  }
  log.warn(`nothing could be read from ${path}: ${errors.join('; ')}`);
  target.close();
  return { sqlite: null, errors, partial: false };
}
