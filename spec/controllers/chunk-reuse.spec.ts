import { sharedPgServer } from '../support/postgres';
import { page, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';

/**
 * Results of the same size one after another (each closed before the next) take their
 * full-size chunks from the spares the previous one gave back: after the first, the
 * allocator is not asked again (`app.health`'s `results`).
 */
describe('result chunks reused across results (real PostgreSQL, the real backend)', () => {
  sharedPgServer();
  let q: QueryBackend;
  let connection = '';
  // About 30 MB held: 7 full-size (4 MiB) chunks after the small first ones, within the
  // 64 MiB of spares kept.
  const sql = `SELECT g, md5(g::text) AS h, now() AS at, g % 3 = 0 AS f
    FROM generate_series(1, 300000) g`;

  beforeAll(async () => {
    q = await startQueryBackend('tusk_chunks');
    connection = await q.open('chunks');
  }, 60_000);
  afterAll(async () => q?.stop());

  const results = async () => (await q.call('app.health', {})).results;

  /** Runs the SELECT to its end, reads its last row, closes it; the memory it held. */
  const fetchAndClose = async () => {
    const { queryId, end } = await runQuery(q.socket, connection, sql);
    expect(end.event).toBe('query.completed');
    expect((await page(q.socket, queryId, 299_999, 1)).rows[0]![0]).toBe('300000');
    const held = (await results()).heldBytes;
    await q.call('queries.close', { queryId });
    return held;
  };

  it('asks the allocator for full-size chunks for the first result only', async () => {
    const start = await results();
    const held = await fetchAndClose();
    const first = await results();
    expect(held).toBeGreaterThan(25 * 2 ** 20);
    expect(first.chunksMade - start.chunksMade).toBeGreaterThanOrEqual(6);
    // Closed: its full-size chunks wait as spares, counted in what results hold.
    expect(first.spareBytes).toBeGreaterThanOrEqual(6 * 4 * 2 ** 20);
    expect(first.heldBytes).toBe(first.spareBytes);
    await fetchAndClose();
    const second = await results();
    await fetchAndClose();
    const third = await results();
    expect(second.chunksMade).toBe(first.chunksMade);
    expect(third.chunksMade).toBe(first.chunksMade);
    expect(third.chunksReused - first.chunksReused).toBe(2 * (first.chunksMade - start.chunksMade));
  }, 60_000);
});
