import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../db/migrations';
import { HistoryRepository } from '../../../app/models/storage/history-repository';
import {
  DATABASE_FILE,
  openLocalDatabase,
  type LocalDatabase,
} from '../../../app/models/storage/local-database';
import { SavedQueriesRepository } from '../../../app/models/storage/saved-queries-repository';
import { tempDir } from '../../support/backend';
import { rootPage, zeroPage } from '../../support/corrupt';

const NAMES = Object.keys(MIGRATIONS);
const NOW = new Date('2026-11-23T12:34:56.789Z');
const BACKUP = `${DATABASE_FILE}.corrupt-2026-11-23T12-34-56-789Z`;

/** Saves 50 connections, 3 saved queries and 20 history entries. */
async function addData(local: LocalDatabase): Promise<void> {
  const at = new Date().toISOString();
  await local.db
    .insertInto('connections')
    .values(
      Array.from({ length: 50 }, (_, i) => ({
        id: `id-${i}`,
        name: `c${String(i).padStart(3, '0')}`,
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
      })),
    )
    .execute();
  const saved = new SavedQueriesRepository(local.db);
  for (const name of ['monthly', 'weekly', 'daily']) {
    await saved.save({ name, sql: `SELECT '${name}'`, folder: 'reports', tags: ['kpi'] });
  }
  const history = new HistoryRepository(local.db);
  for (let i = 0; i < 20; i++) {
    await history.add({
      connectionId: 'id-1',
      sql: `SELECT ${i} FROM needle_${i % 2 ? 'odd' : 'even'}`,
      startedAt: new Date(Date.now() - i * 1000).toISOString(),
      durationMs: 3,
      rowCount: 1,
      outcome: 'ok',
      sqlstate: null,
    });
  }
}

/** What a user sees of the data: connection names, saved queries, a full-text search. */
async function visibleData(local: LocalDatabase) {
  const connections = await local.db
    .selectFrom('connections')
    .select('name')
    .orderBy('name')
    .execute();
  const saved = await new SavedQueriesRepository(local.db).list({ folder: 'reports' });
  const found = await new HistoryRepository(local.db).search({ text: 'needle_odd' });
  return {
    connections: connections.map((c) => c.name),
    saved: saved.map((s) => s.name),
    history: found.map((h) => h.sql).sort(),
  };
}

describe('repair: what a damaged database still holds goes into a new, fully migrated file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = tempDir('tusk-repair-');
    file = join(dir, DATABASE_FILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('damage 4: the migrations table zeroed → repaired on disk, data intact, the next start is healthy', async () => {
    const local = await openLocalDatabase({ dataDir: dir });
    await addData(local);
    const before = await visibleData(local);
    await local.close();
    expect(before.connections).toHaveLength(50);
    expect(before.history).toHaveLength(10);
    expect(rootPage(file, 'migrations')).toBe(2);
    zeroPage(file, 2);

    const repaired = await openLocalDatabase({ dataDir: dir, now: NOW });
    expect(repaired.health).toMatchObject({
      isHealthy: false,
      repaired: true,
      partial: false,
      inMemory: false,
      path: file,
      backupPath: join(dir, BACKUP),
      migrations: NAMES,
    });
    expect(repaired.notices).toEqual([
      {
        level: 'warning',
        message: `Tusk's local database was damaged and has been repaired. The damaged file was kept as ${join(dir, BACKUP)}.`,
        detail: expect.any(String),
      },
    ]);
    expect(await visibleData(repaired)).toEqual(before);
    await repaired.close();

    const next = await openLocalDatabase({ dataDir: dir });
    expect(next.health).toMatchObject({ isHealthy: true, inMemory: false, migrations: NAMES });
    expect(next.notices).toEqual([]);
    expect(await visibleData(next)).toEqual(before);
    await next.close();
  });

  it('a file whose migrations table lost its rows (an earlier repair) is rebuilt instead of kept in memory', async () => {
    const local = await openLocalDatabase({ dataDir: dir });
    await addData(local);
    const before = await visibleData(local);
    await local.close();
    const raw = new Database(file);
    raw.exec('DELETE FROM migrations');
    raw.close();

    const rebuilt = await openLocalDatabase({ dataDir: dir, now: NOW });
    expect(rebuilt.health).toMatchObject({
      inMemory: false,
      path: file,
      repaired: true,
      partial: false,
      backupPath: join(dir, BACKUP),
      migrations: NAMES,
    });
    expect(rebuilt.notices).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: `Tusk's local database could not be upgraded, so its data was copied into a new one. The old file was kept as ${join(dir, BACKUP)}.`,
      }),
    ]);
    expect(await visibleData(rebuilt)).toEqual(before);
    await rebuilt.close();
    const next = await openLocalDatabase({ dataDir: dir });
    expect(next.notices).toEqual([]);
    expect(next.health).toMatchObject({ isHealthy: true, inMemory: false });
    await next.close();
  });

  it('damage 11b: a 0-byte tusk.db is replaced by a new database, and a notice says so', async () => {
    writeFileSync(file, '');
    const local = await openLocalDatabase({ dataDir: dir, now: NOW });
    expect(local.health).toMatchObject({
      isHealthy: false,
      errors: ['the file was empty (0 bytes)'],
      inMemory: false,
      path: file,
      migrations: NAMES,
    });
    expect(local.notices).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: `Tusk's local database ${file} was empty (0 bytes), so Tusk started a new one: saved connections, queries, history and settings start empty.`,
      }),
    ]);
    await local.close();
    expect(existsSync(file)).toBe(true);
    const next = await openLocalDatabase({ dataDir: dir });
    expect(next.notices).toEqual([]);
    await next.close();
  });
});
