import { execute, queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

/**
 * `queries.arrange`: sort and filter of a held result on the backend; `queries.page`,
 * `queries.cell` and `queries.copy` then read the rows through it.
 */
describe('queries.arrange (real PostgreSQL)', () => {
  let q: QueryBackend;
  let socket: TestSocket;
  let connection = '';
  let fruit = '';
  let large = '';

  const arrange = (queryId: string, params: Record<string, unknown> = {}) =>
    socket.call('queries.arrange', { queryId, ...params });
  const page = (queryId: string, params: Record<string, unknown> = {}) =>
    socket.call('queries.page', { queryId, offset: 0, limit: 100, ...params });
  /** Column `column` of every row a page shows. */
  const column = async (queryId: string, column = 0) =>
    ((await page(queryId)).rows as (string | null)[][]).map((row) => row[column]);
  /** The ErrorInfo a request is refused with. */
  const refusal = async (method: string, params: unknown) => {
    const reply = await socket.request(method, params);
    expect(reply['result']).toBeUndefined();
    return reply['error'] as Record<string, unknown>;
  };

  beforeAll(async () => {
    q = await startQueryBackend('tusk_arrange');
    socket = q.socket;
    connection = await q.open('arrange');
    const run = await runQuery(
      socket,
      connection,
      `SELECT * FROM (VALUES
         (1, 'banana', 10.5::numeric, true),
         (2, 'Apple', NULL, false),
         (3, 'cherry', -2, NULL),
         (4, 'apple', 100, true),
         (5, NULL, 9, false)
       ) AS t(id, fruit, price, ripe)`,
    );
    expect(run.end.event).toBe('query.completed');
    fruit = run.queryId;
    const big = await runQuery(
      socket,
      connection,
      'SELECT md5(g::text) AS h, g FROM generate_series(1, 200000) g',
    );
    expect(big.end.event).toBe('query.completed');
    large = big.queryId;
  }, 60_000);
  afterAll(async () => q?.stop());
  afterEach(async () => {
    await arrange(fruit);
  });

  it('sorts by a numeric column both ways: by value, NULL last ascending and first descending', async () => {
    const sort = [{ column: 2, descending: false }];
    expect(await arrange(fruit, { sort })).toEqual({
      rowCount: 5,
      heldRows: 5,
      sort,
      filter: null,
    });
    expect(await column(fruit)).toEqual(['3', '5', '1', '4', '2']);
    const shown = await page(fruit);
    expect(shown.rowCount).toBe(5);
    expect(shown.arranged).toEqual({ sort, filter: null, heldRows: 5 });
    await arrange(fruit, { sort: [{ column: 2, descending: true }] });
    expect(await column(fruit)).toEqual(['2', '4', '1', '5', '3']);
  });

  it('sorts text ignoring case (ties by code points), booleans false first, several keys', async () => {
    await arrange(fruit, { sort: [{ column: 1, descending: false }] });
    expect(await column(fruit, 1)).toEqual(['Apple', 'apple', 'banana', 'cherry', null]);
    await arrange(fruit, {
      sort: [
        { column: 3, descending: false },
        { column: 0, descending: true },
      ],
    });
    expect(await column(fruit)).toEqual(['5', '2', '4', '1', '3']);
  });

  it('filters in any column or one, ignoring case, then sorts what it kept', async () => {
    const filter = { text: 'AN' };
    expect(await arrange(fruit, { filter })).toEqual({
      rowCount: 1,
      heldRows: 5,
      sort: [],
      filter,
    });
    expect(await column(fruit)).toEqual(['1']);
    // '1' is in id 1, price 10.5 and price 100.
    await arrange(fruit, { filter: { text: '1' } });
    expect(await column(fruit)).toEqual(['1', '4']);
    const reply = await arrange(fruit, {
      filter: { text: 'e', column: 1 },
      sort: [{ column: 0, descending: true }],
    });
    expect(reply.rowCount).toBe(3);
    expect(await column(fruit)).toEqual(['4', '3', '2']);
    const shown = await page(fruit);
    expect(shown.rowCount).toBe(3);
    expect(shown.arranged).toEqual({
      sort: [{ column: 0, descending: true }],
      filter: { text: 'e', column: 1 },
      heldRows: 5,
    });
  });

  it('cell and copy read through the arrangement, in view rows', async () => {
    await arrange(fruit, { sort: [{ column: 2, descending: true }] });
    expect(await socket.call('queries.cell', { queryId: fruit, row: 0, column: 1 })).toEqual({
      value: 'Apple',
    });
    expect(await socket.call('queries.cell', { queryId: fruit, row: 4, column: 1 })).toEqual({
      value: 'cherry',
    });
    const copy = await socket.call('queries.copy', {
      queryId: fruit,
      rows: { from: 1, to: 3 },
      columns: [0, 1],
      format: 'tsv',
      headers: true,
    });
    expect(copy).toEqual({ rows: 2, text: 'id\tfruit\n4\tapple\n1\tbanana' });
    await arrange(fruit, { filter: { text: 'cherry' } });
    const outside = await refusal('queries.cell', { queryId: fruit, row: 1, column: 0 });
    expect(outside).toMatchObject({ kind: 'validation', hint: expect.stringContaining('1 rows') });
  });

  it('reports cut cells in view rows', async () => {
    const run = await runQuery(
      socket,
      connection,
      `SELECT g, CASE WHEN g = 1 THEN repeat('x', 70000) ELSE 'short' END AS t
         FROM generate_series(1, 3) g`,
    );
    await arrange(run.queryId, { sort: [{ column: 0, descending: true }] });
    const shown = await page(run.queryId);
    expect(shown.rows.map((r) => r[0])).toEqual(['3', '2', '1']);
    expect(shown.cut).toEqual([{ row: 2, column: 1, totalBytes: 70000 }]);
  });

  it('clears: no sort and no filter is the server order with every row, and no `arranged`', async () => {
    await arrange(fruit, { sort: [{ column: 1, descending: true }], filter: { text: 'a' } });
    expect((await page(fruit)).rowCount).toBe(3);
    expect(await arrange(fruit, { sort: [] })).toEqual({
      rowCount: 5,
      heldRows: 5,
      sort: [],
      filter: null,
    });
    const shown = await page(fruit);
    expect(shown.arranged).toBeUndefined();
    expect(shown.rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('arranges the statement `result` names, leaving the others as they are', async () => {
    const run = await runQuery(
      socket,
      connection,
      `SELECT 'only' AS a; SELECT g FROM generate_series(1, 3) g`,
    );
    await arrange(run.queryId, { result: 1, sort: [{ column: 0, descending: true }] });
    const second = await page(run.queryId, { result: 1 });
    expect(second.rows).toEqual([['3'], ['2'], ['1']]);
    expect(second.arranged).toBeDefined();
    expect((await page(run.queryId, { result: 0 })).arranged).toBeUndefined();
  });

  it('refuses while the result is still fetching; once cancelled its rows can be sorted', async () => {
    const queryId = await execute(
      socket,
      connection,
      `SELECT g, md5(g::text) AS h FROM generate_series(1, 50000) g
       UNION ALL SELECT 0, pg_sleep(20)::text`,
    );
    await waitUntil(
      () =>
        socket.events.some(
          (e) =>
            e.event === 'query.progress' && (e.payload as { queryId: string }).queryId === queryId,
        ),
      15_000,
    );
    const error = await refusal('queries.arrange', {
      queryId,
      sort: [{ column: 0, descending: true }],
    });
    expect(error).toEqual({
      kind: 'validation',
      code: 'RESULT_NOT_COMPLETE',
      message: 'Sort and filter wait for the whole result',
      hint: 'Wait for the query to finish, or cancel it: the rows fetched so far can then be sorted and filtered.',
    });
    await socket.call('queries.cancel', { queryId });
    expect((await queryEnd(socket, queryId)).event).toBe('query.cancelled');
    const reply = await arrange(queryId, { sort: [{ column: 0, descending: true }] });
    expect(reply.heldRows).toBeGreaterThan(0);
    expect(reply.rowCount).toBe(reply.heldRows);
    const shown = await page(queryId, { limit: 3 });
    expect(shown.rows.map((r) => Number(r[0]))).toEqual([
      reply.heldRows,
      reply.heldRows - 1,
      reply.heldRows - 2,
    ]);
  });

  it('refuses a column out of range (saying how many there are) and bad params', async () => {
    for (const params of [
      { sort: [{ column: 4, descending: false }] },
      { filter: { text: 'a', column: 4 } },
    ]) {
      expect(await refusal('queries.arrange', { queryId: fruit, ...params })).toMatchObject({
        kind: 'validation',
        message: 'There is no column 4',
        hint: 'The result has 4 columns, counted from 0.',
      });
    }
    for (const params of [
      { sort: Array.from({ length: 9 }, () => ({ column: 0, descending: false })) },
      { sort: [{ column: -1, descending: false }] },
      { sort: [{ column: 0 }] },
      { filter: { text: '' } },
      { filter: { text: 'x'.repeat(1001) } },
      { filter: { text: 'a', extra: 1 } },
      { order: 'id' },
      { result: -1 },
    ]) {
      expect(await refusal('queries.arrange', { queryId: fruit, ...params })).toMatchObject({
        kind: 'validation',
      });
    }
    expect((await page(fruit)).arranged).toBeUndefined();
  });

  it('a newer arrange of the same result supersedes one still running', async () => {
    const older = socket.request('queries.arrange', {
      queryId: large,
      sort: [{ column: 0, descending: false }],
    });
    const newer = socket.request('queries.arrange', {
      queryId: large,
      sort: [{ column: 1, descending: true }],
    });
    expect((await older)['error']).toEqual({
      kind: 'query_cancelled',
      code: 'SUPERSEDED',
      message: 'A newer sort or filter of this result replaced this one',
    });
    expect((await newer)['result']).toMatchObject({ rowCount: 200_000, heldRows: 200_000 });
    const shown = await page(large, { limit: 2 });
    expect(shown.rows.map((r) => r[1])).toEqual(['200000', '199999']);
    // Sorted by md5 text, and the whole result still readable after a sort of it.
    await arrange(large, { sort: [{ column: 0, descending: false }] });
    const hashes = (await page(large, { limit: 1000 })).rows.map((r) => r[0]);
    expect(hashes).toEqual([...hashes].sort());
    expect(hashes[0]).toMatch(/^000/);
  });

  it('cancel stops the sort running, and the arrangement in force before stays (issue 22, item 5)', async () => {
    await arrange(large, { filter: { text: 'ffff' } });
    const before = await page(large, { limit: 5 });
    const sorting = socket.request('queries.arrange', {
      queryId: large,
      sort: [{ column: 0, descending: true }],
    });
    const reply = await arrange(large, { cancel: true });
    expect(reply).toEqual({
      rowCount: before.rowCount,
      heldRows: 200_000,
      sort: [],
      filter: { text: 'ffff' },
    });
    expect((await sorting)['error']).toMatchObject({
      kind: 'query_cancelled',
      code: 'ARRANGE_CANCELLED',
    });
    expect((await page(large, { limit: 5 })).rows).toEqual(before.rows);
    expect(
      await refusal('queries.arrange', { queryId: large, cancel: true, sort: [] }),
    ).toMatchObject({
      kind: 'validation',
    });
    await arrange(large);
  });

  it('a filter changed or cleared under the same sort gives what filter-then-sort gives (ties in server order)', async () => {
    const run = await runQuery(
      socket,
      connection,
      "SELECT g % 7 AS k, 'row ' || g AS label FROM generate_series(1, 4000) g",
    );
    const id = run.queryId;
    const labels = async () =>
      ((await page(id, { limit: 5000 })).rows as string[][]).map((r) => `${r[0]}:${r[1]}`);
    const sort = [{ column: 0, descending: false }];
    // Each step reuses the sort in force; each is compared with the same request made fresh.
    const steps = [{}, { filter: { text: '12' } }, { filter: { text: '3' } }, {}];
    const reused: string[][] = [];
    await arrange(id, { sort });
    for (const step of steps) {
      await arrange(id, { sort, ...step });
      reused.push(await labels());
    }
    for (const [i, step] of steps.entries()) {
      await arrange(id); // nothing in force: a fresh sort
      await arrange(id, { sort, ...step });
      expect(reused[i]).toEqual(await labels());
    }
    expect(reused[1]!.every((l) => l.includes('12'))).toBe(true);
    expect(reused[0]!.slice(0, 2)).toEqual(['0:row 7', '0:row 14']);
  });

  it('a close while it runs stops it: the reply says the query is gone', async () => {
    const run = await runQuery(
      socket,
      connection,
      'SELECT md5(g::text) AS h FROM generate_series(1, 200000) g',
    );
    const sorting = socket.request('queries.arrange', {
      queryId: run.queryId,
      sort: [{ column: 0, descending: true }],
    });
    expect(await socket.call('queries.close', { queryId: run.queryId })).toEqual({ closed: true });
    expect((await sorting)['error']).toMatchObject({
      kind: 'validation',
      message: 'There is no such query',
    });
  });
});
