import { runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';

const MiB = 1024 * 1024;

/** Every request gets an answer, and no reply is larger than its bound. */
describe('replies within their bounds', () => {
  let q: QueryBackend;
  let socket: TestSocket;
  let connection = '';

  beforeAll(async () => {
    q = await startQueryBackend('tusk_bounds');
    socket = q.socket;
    connection = await q.open('bounds');
  }, 60_000);
  afterAll(() => q?.stop());

  it('a page of 5,000 rows of 64 KiB cells comes in parts under 16 MiB each, every row once', async () => {
    const { queryId } = await runQuery(
      socket,
      connection,
      "SELECT g, repeat('x', 70000) AS big FROM generate_series(1, 5000) g",
    );
    socket.resetLargest();
    const seen: (string | null | undefined)[] = [];
    let offset = 0;
    let replies = 0;
    while (offset < 5000) {
      const page = await q.call('queries.page', { queryId, offset, limit: 5000 - offset });
      replies += 1;
      expect(page.rows.length).toBeGreaterThan(0);
      if (offset + page.rows.length < 5000) expect(page.more).toBe(true);
      else expect(page.more).toBeUndefined();
      // Cells are cut at 64 KiB and said so.
      expect(page.cut?.[0]).toEqual({ row: offset, column: 1, totalBytes: 70000 });
      seen.push(...page.rows.map((r) => r[0]));
      offset += page.rows.length;
    }
    expect(replies).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: 5000 }, (_, i) => String(i + 1)));
    expect(socket.largestFrame()).toBeLessThanOrEqual(16 * MiB + 64 * 1024);
    await q.call('queries.close', { queryId });
  }, 60_000);

  it('500 rows of three 66,000-byte cells of chr(1): every page is answered, within the bound', async () => {
    const { queryId } = await runQuery(
      socket,
      connection,
      'SELECT repeat(chr(1), 66000) AS a, repeat(chr(1), 66000) AS b, repeat(chr(1), 66000) AS c FROM generate_series(1, 500)',
    );
    socket.resetLargest();
    let offset = 0;
    while (offset < 500) {
      const page = await q.call('queries.page', { queryId, offset, limit: 500 });
      expect(page.rows[0][0]).toHaveLength(65536);
      offset += page.rows.length;
    }
    expect(socket.largestFrame()).toBeLessThanOrEqual(16 * MiB + 64 * 1024);
    await q.call('queries.close', { queryId });
  }, 60_000);

  it('a copy of 60M characters of chr(1) is refused as too large (it is 343 MB of JSON), the cell too', async () => {
    const { queryId } = await runQuery(
      socket,
      connection,
      'SELECT repeat(chr(1), 30000000) AS a FROM generate_series(1, 2)',
    );
    socket.resetLargest();
    const copy = await socket.request('queries.copy', {
      queryId,
      rows: { from: 0, to: 2 },
      columns: [0],
      format: 'tsv',
      headers: false,
    });
    expect(copy['error']).toMatchObject({ kind: 'validation', code: 'COPY_TOO_LARGE' });
    const cell = await socket.request('queries.cell', { queryId, row: 0, column: 0 });
    expect(cell['error']).toMatchObject({
      kind: 'validation',
      code: 'CELL_TOO_LARGE',
      message: 'This cell holds 28.6 MB: too large to show whole',
    });
    expect(socket.largestFrame()).toBeLessThan(MiB);
    expect(await q.call('app.health', {})).toMatchObject({ name: 'Tusk' });
    await q.call('queries.close', { queryId });
  }, 60_000);

  it('65,535 parameters are a validation error, not a connection error', async () => {
    const reply = await socket.request('queries.execute', {
      connectionId: connection,
      sql: 'SELECT $1::int',
      params: Array.from({ length: 65_535 }, () => 1),
    });
    expect(reply['error']).toMatchObject({
      kind: 'validation',
      message: 'Invalid parameters for queries.execute',
      detail: expect.stringContaining('At most 65,533 parameters ($1…) per statement'),
    });
  });
});
