import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Migration } from 'kysely';
import { MIGRATIONS } from '../../../db/migrations';
import { TuskError } from '../../../app/models/errors/errors';
import { acquireInstanceLock } from '../../../app/models/storage/instance-lock';
import {
  DATABASE_FILE,
  openLocalDatabase,
  type LocalDatabase,
} from '../../../app/models/storage/local-database';
import { tempDir } from '../../support/backend';
import { overwriteHeader, scrambleIndexPage, truncateMidPage } from '../../support/corrupt';

const NAMES = Object.keys(MIGRATIONS);
const NOW = new Date('2026-11-23T12:34:56.789Z');
const BACKUP = `${DATABASE_FILE}.corrupt-2026-11-23T12-34-56-789Z`;

/** Saves `count` connections named c0000… through Kysely. */
async function addConnections(local: LocalDatabase, count: number): Promise<void> {
  const at = new Date().toISOString();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `id-${i}`,
    name: `c${String(i).padStart(4, '0')} ${'x'.repeat(60)}`,
    host: `host-${i}.example`,
    port: 5432,
    database: 'app',
    username: 'alice',
    ssl_mode: 'prefer',
    ssl_ca_cert: null,
    ssh_tunnel_json: null,
    read_only: 0,
    statement_timeout_ms: null,
    created_at: at,
    updated_at: at,
    last_connected_at: null,
  }));
  for (let i = 0; i < rows.length; i += 200) {
    await local.db
      .insertInto('connections')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

async function connectionNames(local: LocalDatabase): Promise<string[]> {
  const rows = await local.db.selectFrom('connections').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

describe('the local database: migrations, integrity, memory fallback, one instance per folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('tusk-db-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a fresh folder gets every migration, WAL, STRICT tables and a healthy report', async () => {
    const local = await openLocalDatabase({ dataDir: dir, now: NOW });
    expect(local.health).toEqual({
      isHealthy: true,
      errors: [],
      backupPath: null,
      repaired: false,
      partial: false,
      inMemory: false,
      readOnly: false,
      path: join(dir, DATABASE_FILE),
      migrations: NAMES,
    });
    expect(local.notices).toEqual([]);
    await local.close();
    const raw = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const strict = raw
      .prepare(
        "SELECT name FROM pragma_table_list WHERE strict = 1 AND schema = 'main' ORDER BY name",
      )
      .pluck()
      .all();
    expect(strict).toEqual([
      'connections',
      'preferences',
      'query_history',
      'saved_queries',
      'ui_state',
      'workspace_tabs',
    ]);
    raw.close();
  });

  it('a database at the previous schema version is upgraded with its data', async () => {
    const first = { [NAMES[0]!]: MIGRATIONS[NAMES[0]!]! };
    const old = await openLocalDatabase({ dataDir: dir, migrations: first });
    expect(old.health.migrations).toEqual([NAMES[0]]);
    await addConnections(old, 3);
    await old.close();

    const upgraded = await openLocalDatabase({ dataDir: dir });
    expect(upgraded.health.migrations).toEqual(NAMES);
    expect(await connectionNames(upgraded)).toHaveLength(3);
    await upgraded.db
      .insertInto('ui_state')
      .values({ key: 'k', value: '1', updated_at: 'now' })
      .execute();
    await upgraded.close();
  });

  it('a migration that throws leaves the database as it was and is reported by name', async () => {
    const local = await openLocalDatabase({ dataDir: dir });
    await addConnections(local, 2);
    await local.close();
    const broken: Migration = {
      async up(db) {
        await sql`CREATE TABLE half_done (x INTEGER) STRICT`.execute(db);
        await sql`ALTER TABLE connections ADD COLUMN colour TEXT`.execute(db);
        throw new Error('boom in the middle');
      },
    };
    const failure = await openLocalDatabase({
      dataDir: dir,
      migrations: { ...MIGRATIONS, '2099-01-01-01-broken': broken },
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TuskError);
    expect((failure as TuskError).toErrorInfo()).toMatchObject({
      kind: 'storage',
      message:
        "Tusk's local database could not be upgraded (migration 2099-01-01-01-broken failed)",
      detail: 'boom in the middle',
      hint: expect.stringContaining('Nothing was changed'),
    });
    const raw = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('half_done');
    const columns = raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('connections');
    expect(columns).not.toContain('colour');
    expect(raw.prepare('SELECT name FROM migrations ORDER BY name').pluck().all()).toEqual(NAMES);
    expect(raw.prepare('SELECT count(*) FROM connections').pluck().get()).toBe(2);
    raw.close();
  });

  it('corruption 1: a header overwritten with garbage → fresh database, backup kept, notice', async () => {
    const local = await openLocalDatabase({ dataDir: dir });
    await addConnections(local, 5);
    await local.close();
    overwriteHeader(join(dir, DATABASE_FILE));

    const reopened = await openLocalDatabase({ dataDir: dir, now: NOW });
    expect(reopened.health).toMatchObject({
      isHealthy: false,
      repaired: false,
      backupPath: join(dir, BACKUP),
      errors: ['SQLITE_NOTADB: file is not a database'],
    });
    expect(reopened.notices).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/beyond repair.*kept as .*tusk\.db\.corrupt-/),
      }),
    ]);
    expect(existsSync(join(dir, BACKUP))).toBe(true);
    expect(await connectionNames(reopened)).toEqual([]);
    await addConnections(reopened, 1);
    await reopened.close();
  });

  it('corruption 2: a file truncated mid-page → the app goes on, backup kept, notice', async () => {
    const local = await openLocalDatabase({ dataDir: dir });
    await addConnections(local, 600);
    const expectedNames = await connectionNames(local);
    await local.close();
    truncateMidPage(join(dir, DATABASE_FILE));

    const reopened = await openLocalDatabase({ dataDir: dir, now: NOW });
    expect(reopened.health.isHealthy).toBe(false);
    expect(reopened.health.backupPath).toBe(join(dir, BACKUP));
    expect(existsSync(join(dir, BACKUP))).toBe(true);
    expect(reopened.notices[0]!.message).toContain(join(dir, BACKUP));
    expect(reopened.health).toMatchObject({ repaired: true, partial: true });
    expect(reopened.notices[0]!.message).toContain('some entries are lost');
    // The rows before the cut are back, readable and consistent; the tail is lost.
    const names = await connectionNames(reopened);
    expect(names.length).toBeGreaterThan(100);
    expect(names.length).toBeLessThan(600);
    expect(names).toEqual(expectedNames.slice(0, names.length));
    await reopened.db
      .insertInto('ui_state')
      .values({ key: 'after-repair', value: '1', updated_at: 'now' })
      .execute();
    await reopened.close();
  });

  it('corruption 3: a damaged index page → repaired from the table, every row intact', async () => {
    const local = await openLocalDatabase({ dataDir: dir });
    await addConnections(local, 400);
    const before = await connectionNames(local);
    await local.close();
    scrambleIndexPage(join(dir, DATABASE_FILE), 'sqlite_autoindex_connections_2');

    const reopened = await openLocalDatabase({ dataDir: dir, now: NOW });
    expect(reopened.health).toMatchObject({
      isHealthy: false,
      repaired: true,
      partial: false,
      backupPath: join(dir, BACKUP),
    });
    expect(reopened.health.errors.length).toBeGreaterThan(0);
    expect(reopened.notices).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining('has been repaired'),
      }),
    ]);
    expect(await connectionNames(reopened)).toEqual(before);
    await reopened.close();
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining([DATABASE_FILE, BACKUP]));
  });

  it('no usable folder: memory only, with a notice saying why and that nothing is kept', async () => {
    const local = await openLocalDatabase({
      dataDir: null,
      dataDirProblem: 'Cannot use the data folder /x (EACCES)',
    });
    expect(local.health).toMatchObject({ inMemory: true, path: null, migrations: NAMES });
    expect(local.notices).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'Nothing will be kept after Tusk closes: Cannot use the data folder /x (EACCES).',
      }),
    ]);
    await addConnections(local, 2);
    expect(await connectionNames(local)).toHaveLength(2);
    await local.close();
  });

  it('one Tusk per data folder: a second is refused; a lock left by a crash is taken over', () => {
    const lock = acquireInstanceLock(dir);
    expect(() => acquireInstanceLock(dir)).toThrow(
      expect.objectContaining({
        kind: 'initialization',
        message: `Tusk is already running with the data folder ${dir} (process ${process.pid})`,
      }),
    );
    lock.release();
    writeFileSync(join(dir, 'tusk.lock'), '4194311\n'); // above pid_max: no such process
    const taken = acquireInstanceLock(dir);
    taken.release();
    expect(existsSync(join(dir, 'tusk.lock'))).toBe(false);
  });
});
