import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Opens the SQLite file at `path` and runs `PRAGMA quick_check`. Returns the problems
 * found: none for a healthy file; the check's messages, or the error that stopped the
 * check (a header that is not SQLite's, a truncated file). Never throws.
 */
export function checkDatabaseFile(path: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const messages = rows.map((row) => row.quick_check);
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return [`${code ? `${code}: ` : ''}${(error as Error).message}`];
  } finally {
    db?.close();
  }
}

/** How a repair went: every row recovered, only the readable ones, or nothing usable. */
export type RepairOutcome = 'complete' | 'partial' | 'failed';

/**
 * Recovers a damaged database into `target` and checks the result: first a rebuild that
 * reads every table's rows and writes them into a new file with the same schema (indexes
 * and full-text indexes built afresh, so a damaged index loses nothing; a table that stops
 * being readable keeps the rows read before), else `VACUUM INTO`. On `failed`, `target`
 * does not exist. The damaged file is never changed. Never throws.
 */
export function repairInto(path: string, target: string): RepairOutcome {
  for (const attempt of [rebuildInto, vacuumInto]) {
    removeDatabase(target);
    try {
      const outcome = attempt(path, target);
      if (checkDatabaseFile(target).length === 0) return outcome;
    } catch {
      // Try the next way.
    }
  }
  removeDatabase(target);
  return 'failed';
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

function rebuildInto(path: string, target: string): RepairOutcome {
  const readable = `${target}.source`;
  writeReadableCopy(path, readable);
  const source = new Database(readable, { readonly: true, fileMustExist: true });
  const copy = new Database(target);
  let complete = true;
  try {
    const objects = source
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
      )
      .all() as SchemaObject[];
    const virtual = objects.filter((o) => /^CREATE VIRTUAL TABLE/i.test(o.sql)).map((o) => o.name);
    const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
    const tables = objects.filter((o) => o.type === 'table' && !isShadow(o.name));
    copy.transaction(() => {
      for (const table of tables) copy.exec(table.sql);
      for (const table of tables.filter((t) => !virtual.includes(t.name))) {
        complete = copyRows(source, copy, table.name) && complete;
      }
      for (const other of objects.filter((o) => o.type === 'index' || o.type === 'trigger')) {
        copy.exec(other.sql);
      }
      for (const name of virtual) {
        const quoted = quote(name);
        copy.exec(`INSERT INTO ${quoted} (${quoted}) VALUES ('rebuild')`);
      }
    })();
  } finally {
    source.close();
    copy.close();
    removeDatabase(readable);
  }
  return complete ? 'complete' : 'partial';
}

/**
 * Copies a database file so that SQLite can read what is left of it: a truncated file
 * whose header still counts the lost pages is refused outright, so the copy keeps whole
 * pages only and its header counts them.
 */
function writeReadableCopy(path: string, target: string): void {
  const bytes = readFileSync(path);
  if (bytes.length >= 100 && bytes.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') {
    const raw = bytes.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const pages = Math.floor(bytes.length / pageSize);
    if (pageSize >= 512 && bytes.readUInt32BE(28) > pages) {
      bytes.writeUInt32BE(pages, 28);
      writeFileSync(target, bytes.subarray(0, pages * pageSize));
      return;
    }
  }
  writeFileSync(target, bytes);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${target}-wal`);
}

/** Copies the rows of `table` in rowid order; false when reading stopped at damage. */
function copyRows(source: Database.Database, copy: Database.Database, table: string): boolean {
  const read = source.prepare(`SELECT * FROM ${quote(table)}`).raw();
  const columns = read.columns().length;
  const write = copy.prepare(
    `INSERT INTO ${quote(table)} VALUES (${Array(columns).fill('?').join(', ')})`,
  );
  try {
    for (const row of read.iterate() as Iterable<unknown[]>) write.run(row);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_CORRUPT')) return false;
    throw error;
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function vacuumInto(path: string, target: string): RepairOutcome {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(target);
    return 'complete';
  } finally {
    db.close();
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/**
 * Renames a database and its `-wal`/`-shm` companions to `<path>.corrupt-<time>` (and
 * `…-wal`, `…-shm`). Returns the backup's path.
 * @throws the rename's error when the main file cannot be moved.
 */
export function moveAside(path: string, now: Date): string {
  const backup = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, backup);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, backup + suffix);
  }
  return backup;
}
