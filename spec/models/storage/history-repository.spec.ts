import { rmSync } from 'node:fs';
import {
  HistoryRepository,
  type HistoryInput,
} from '../../../app/models/storage/history-repository';
import { openLocalDatabase, type LocalDatabase } from '../../../app/models/storage/local-database';
import { tempDir } from '../../support/backend';

const run = (sql: string, at: string, extra: Partial<HistoryInput> = {}): HistoryInput => ({
  connectionId: 'c1',
  sql,
  startedAt: at,
  durationMs: 12,
  rowCount: 3,
  outcome: 'ok',
  sqlstate: null,
  ...extra,
});

describe('query history', () => {
  let dir: string;
  let local: LocalDatabase;
  let history: HistoryRepository;
  beforeEach(async () => {
    dir = tempDir('tusk-history-');
    local = await openLocalDatabase({ dataDir: dir });
    history = new HistoryRepository(local.db);
  });
  afterEach(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the same text run again right after; anything in between starts a new entry', async () => {
    await history.add(run('SELECT 1', '2026-11-20T10:00:00.000Z'));
    const folded = await history.add(
      run('SELECT 1', '2026-11-20T10:01:00.000Z', { outcome: 'error', sqlstate: '57014' }),
    );
    expect(folded).toMatchObject({
      runCount: 2,
      startedAt: '2026-11-20T10:01:00.000Z',
      outcome: 'error',
      sqlstate: '57014',
    });
    await history.add(run('SELECT 2', '2026-11-20T10:02:00.000Z'));
    await history.add(run('SELECT 1', '2026-11-20T10:03:00.000Z'));
    await history.add(run('SELECT 1', '2026-11-20T10:04:00.000Z', { connectionId: 'c2' }));
    const all = await history.search();
    expect(all.map((e) => [e.sql, e.connectionId, e.runCount])).toEqual([
      ['SELECT 1', 'c2', 1],
      ['SELECT 1', 'c1', 1],
      ['SELECT 2', 'c1', 1],
      ['SELECT 1', 'c1', 2],
    ]);
  });

  it('finds words by prefix, all required; FTS syntax in the text is just text', async () => {
    await history.add(run('SELECT * FROM customers WHERE city = $1', '2026-11-20T10:00:00.000Z'));
    await history.add(run("UPDATE orders SET status = 'shipped'", '2026-11-20T10:01:00.000Z'));
    await history.add(run('SELECT count(*) FROM orders', '2026-11-20T10:02:00.000Z'));
    const sqls = async (text: string) => (await history.search({ text })).map((e) => e.sql);
    expect(await sqls('orders')).toEqual([
      'SELECT count(*) FROM orders',
      "UPDATE orders SET status = 'shipped'",
    ]);
    expect(await sqls('sel ord')).toEqual(['SELECT count(*) FROM orders']);
    expect(await sqls('cust')).toEqual(['SELECT * FROM customers WHERE city = $1']);
    expect(await sqls('"unbalanced NEAR( OR * -')).toEqual([]);
    expect(await sqls('')).toHaveLength(3);
  });

  it('clears all or one connection, prunes by age, refuses bad input', async () => {
    await history.add(run('old', '2026-01-01T00:00:00.000Z'));
    await history.add(run('new', '2026-11-22T00:00:00.000Z'));
    await history.add(run('other', '2026-11-22T00:00:00.000Z', { connectionId: 'c2' }));
    expect(await history.prune(90, new Date('2026-11-23T00:00:00.000Z'))).toBe(1);
    expect(await history.clear('c2')).toBe(1);
    expect((await history.search()).map((e) => e.sql)).toEqual(['new']);
    await expect(
      history.add(run('x'.repeat(1_000_001), '2026-11-22T00:00:00.000Z')),
    ).rejects.toMatchObject({
      kind: 'validation',
      detail: expect.stringContaining('longer than 1000000 characters'),
    });
    expect(await history.clear()).toBe(1);
    expect(await history.search()).toEqual([]);
  });
});
