import Database from 'better-sqlite3';
import { Kysely, type Migration } from 'kysely';
import { checkDatabaseFile, readDatabaseImage, removeDatabase } from './db-integrity';
import { makePrivate } from './file-modes';
import { MIGRATION_TABLE, runMigrations } from './migrations-runner';
import { TuskSqliteDialect } from './sqlite-dialect';

/** How a rebuild went: every row copied, only the readable ones, or nothing usable. */
export type RepairOutcome = 'complete' | 'partial' | 'failed';

/**
 * Rebuilds a database: `target` (empty) gets the schema of the migrations themselves, so
 * it opens and migrates like any database Tusk made, whatever happened to the source's
 * schema or migrations table; then every table's rows that `source` still yields are
 * copied in, by column name (a source at an older schema fills what it has, the rest
 * takes the defaults). Indexes, full-text indexes and the migrations table are the
 * target's own, so damage to them in the source loses nothing. A table that stops being
 * readable keeps the rows read before it; a row the schema refuses is left out.
 * @returns `failed` when the source's schema cannot be read at all (nothing to copy),
 *   `partial` when some rows could not be read or stored, else `complete`.
 * @throws the migrations' TuskError when they fail on the empty target.
 */
export async function rebuildInto(
  source: Database.Database,
  target: Database.Database,
  migrations?: Record<string, Migration>,
): Promise<RepairOutcome> {
  let sourceTables: Set<string>;
  try {
    sourceTables = new Set(
      source
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all() as string[],
    );
  } catch {
    return 'failed';
  }
  // Not destroyed: that would close `target`, which the caller still uses.
  await runMigrations(new Kysely<unknown>({ dialect: new TuskSqliteDialect(target) }), migrations);
  const tables = (
    target
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
           AND name NOT LIKE 'sqlite_%' AND name NOT IN (?, ?) ORDER BY rowid`,
      )
      .pluck()
      .all(MIGRATION_TABLE, `${MIGRATION_TABLE}_lock`) as string[]
  ).filter((name) => sourceTables.has(name) && !isShadowTable(target, name));
  let complete = true;
  target.transaction(() => {
    for (const table of tables) complete = copyRows(source, target, table) && complete;
  })();
  return complete ? 'complete' : 'partial';
}

/** True for the tables a virtual table (FTS5) keeps its data in: rebuilt by its triggers. */
function isShadowTable(db: Database.Database, name: string): boolean {
  const virtual = db
    .prepare("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")
    .pluck()
    .all() as string[];
  return virtual.some((v) => name.startsWith(`${v}_`));
}

/** Copies the rows of `table` in rowid order; false when some could not be read or stored. */
function copyRows(source: Database.Database, target: Database.Database, table: string): boolean {
  const wanted = new Set(
    target.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[],
  );
  let read: Database.Statement;
  try {
    read = source.prepare(`SELECT * FROM ${quote(table)}`).raw();
  } catch (error) {
    return !isDamage(error);
  }
  const all = read.columns().map((c) => c.name);
  const columns = all.filter((name) => wanted.has(name));
  const positions = columns.map((name) => all.indexOf(name));
  const write = target.prepare(
    `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let complete = true;
  try {
    for (const row of read.iterate() as Iterable<unknown[]>) {
      try {
        write.run(positions.map((i) => row[i]));
      } catch (error) {
        if (!(error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw error;
        complete = false; // a damaged value the schema refuses
      }
    }
    return complete;
  } catch (error) {
    if (isDamage(error)) return false;
    throw error;
  }
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Rebuilds the database file at `path` into a new file `target` with
 * {@link rebuildInto}, reading `path` (and its `-wal`) without changing them, and checks
 * the result. On `failed`, `target` does not exist. Never throws.
 */
export async function repairInto(
  path: string,
  target: string,
  migrations?: Record<string, Migration>,
): Promise<RepairOutcome> {
  removeDatabase(target);
  let outcome: RepairOutcome;
  let source: Database.Database | undefined;
  let copy: Database.Database | undefined;
  try {
    source = new Database(readDatabaseImage(path));
    copy = new Database(target);
    makePrivate(target);
    outcome = await rebuildInto(source, copy, migrations);
  } catch {
    outcome = 'failed';
  } finally {
    source?.close();
    copy?.close();
  }
  if (outcome !== 'failed' && checkDatabaseFile(target).length === 0) return outcome;
  removeDatabase(target);
  return 'failed';
}
