import { createHash } from 'node:crypto';
import { psqlRows } from '../support/psql-rows';
import { sharedPgServer } from '../support/postgres';
import { execute, page, queryEnd, runQuery } from '../support/queries';
import type { TestBackend } from '../support/backend';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

describe('query results: compact, budgeted, exact', () => {
  const pg = sharedPgServer();
  let user: TestRole;
  let q: QueryBackend;
  let backend: TestBackend;
  let socket: TestSocket;
  let connection = '';
  let single = '';

  beforeAll(async () => {
    q = await startQueryBackend('tusk_results');
    ({ user, backend, socket } = q);
    connection = await q.open('results');
    single = await q.open('results single', { sslMode: 'disable', poolSize: 1 });
  }, 60_000);
  afterAll(async () => q?.stop());

  it('500 run/cancel cycles at random moments on one session: every next query gets exactly its own answer', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 500; i++) {
      const moment = i % 3;
      const sql =
        moment === 1
          ? 'SELECT g, md5(g::text) FROM generate_series(1, 200000) g'
          : `SELECT ${i} AS n`;
      const queryId = await execute(socket, single, sql);
      if (moment === 1) {
        // Mid-stream: once rows are arriving.
        while (
          !socket.events.some(
            (e) =>
              e.event === 'query.progress' &&
              (e.payload as { queryId: string }).queryId === queryId,
          )
        ) {
          if (
            socket.events.some(
              (e) =>
                (e.payload as { queryId?: string }).queryId === queryId &&
                e.event !== 'query.progress',
            )
          )
            break;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      } else if (moment === 2) {
        await queryEnd(socket, queryId);
      } else {
        await new Promise((resolve) => setTimeout(resolve, random() * 3));
      }
      await socket.call('queries.cancel', { queryId });
      const end = await queryEnd(socket, queryId);
      outcomes.set(end.event, (outcomes.get(end.event) ?? 0) + 1);
      await socket.call('queries.close', { queryId });
      const check = await runQuery(socket, single, 'SELECT $1::int AS n', [i]);
      expect([i, end.event, check.end.event, check.end.payload.error?.message]).toEqual([
        i,
        end.event,
        'query.completed',
        undefined,
      ]);
      expect((await page(socket, check.queryId)).rows).toEqual([[String(i)]]);
      await socket.call('queries.close', { queryId: check.queryId });
      socket.events.length = 0;
    }
    // Both ends of the race happened: some runs were cancelled, some completed first.
    expect(outcomes.get('query.cancelled')).toBeGreaterThan(100);
    expect(outcomes.get('query.completed')).toBeGreaterThan(100);
  }, 120_000);

  it('a 5M-row select under a small budget: first page before the end, memory within the budget, truncated with the right count; health answers meanwhile', async () => {
    await socket.call('preferences.set', { values: { resultMemoryMb: 16 } });
    try {
      const other = await openSocket(socketUrl(backend.port, backend.token));
      const queryId = await execute(
        socket,
        connection,
        'SELECT g, md5(g::text) AS h, CASE WHEN g % 50000 = 0 THEN pg_sleep(0.05) END AS pause FROM generate_series(1, 5000000) g',
      );
      const mine = (e: { event: string; payload: unknown }) =>
        e.event === 'query.progress' && (e.payload as { queryId?: string }).queryId === queryId;
      while (!socket.events.some(mine)) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const first = await page(socket, queryId, 0, 3);
      expect(first.complete).toBe(false);
      expect(first.rows[0]).toEqual(['1', 'c4ca4238a0b923820dcc509a6f75849b', null]);
      const health = await other.request('app.health', {});
      expect(health['result']).toMatchObject({ name: 'Tusk' });
      other.close();
      const end = await queryEnd(socket, queryId, 30_000);
      expect(end).toMatchObject({
        event: 'query.completed',
        payload: { truncated: true, command: 'SELECT' },
      });
      const held = end.payload.rowCount as number;
      expect(held).toBeGreaterThan(50_000);
      expect(held).toBeLessThan(5_000_000);
      const status = await socket.call('queries.status', { queryId });
      expect(status).toMatchObject({ status: 'completed', truncated: true, rowCount: held });
      expect(status.memoryBytes).toBeLessThanOrEqual(16 * 1024 * 1024);
      const last = await page(socket, queryId, held - 1, 10);
      expect(last.rows).toEqual([[String(held), expect.any(String), null]]);
      expect(last).toMatchObject({ rowCount: held, complete: true, truncated: true });
      await socket.call('queries.close', { queryId });
    } finally {
      await socket.call('preferences.set', { values: { resultMemoryMb: 512 } });
    }
  }, 60_000);

  it('with the defaults a 1M-row select is held whole and its last page reads right', async () => {
    const { queryId, end } = await runQuery(
      socket,
      connection,
      "SELECT g, 'row ' || g AS label FROM generate_series(1, 1000000) g",
    );
    expect(end.payload).toMatchObject({ rowCount: 1_000_000, truncated: false });
    expect((await page(socket, queryId, 999_998, 5)).rows).toEqual([
      ['999999', 'row 999999'],
      ['1000000', 'row 1000000'],
    ]);
    const status = await socket.call('queries.status', { queryId });
    expect(status.memoryBytes).toBeLessThan(60 * 1024 * 1024);
    await socket.call('queries.close', { queryId });
  }, 60_000);

  it('a 20 MB text cell comes back cut in the page, with its size, and whole on request', async () => {
    const { queryId } = await runQuery(
      socket,
      connection,
      "SELECT 1 AS n, repeat('é', 10485760) AS big",
    );
    const first = await page(socket, queryId);
    expect(first.cut).toEqual([{ row: 0, column: 1, totalBytes: 20_971_520 }]);
    expect(first.rows[0][1]).toBe('é'.repeat(32_768));
    const whole = await socket.call('queries.cell', { queryId, row: 0, column: 1 });
    expect(whole.value?.length).toBe(10_485_760);
    expect(whole.value).toBe('é'.repeat(10_485_760));
    await socket.call('queries.close', { queryId });
  }, 30_000);

  it('awkward values come back exactly as psql prints them, cell for cell', async () => {
    const sql = `SELECT * FROM (VALUES
      (9007199254740993::bigint, 123456789012345678901234567890.123456789012::numeric,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, ARRAY[1, 2, NULL]::int[], ARRAY['a b', 'c"d', NULL, '']::text[],
       '{"b": 1, "a": [1, 2.50]}'::json, '{"b": 1, "a": [1, 2.50]}'::jsonb, '\\xdeadbeef00'::bytea,
       '2024-02-29 13:14:15.123456+00'::timestamptz, '1 year 2 mons 3 days 04:05:06.789'::interval,
       E'tab\\there\\nnew line, back\\\\slash, ünïcödé 🐘', 'NULL', NULL::text, 0.1::float8 + 0.2::float8, true),
      (-9223372036854775808, -0.000000000000000000000000000001, NULL, '{}', '{}', 'null', '[]', '\\x', 'infinity',
       '-00:00:00.000001', '', '', '', 'NaN'::float8, NULL)
    ) AS t(big, num, id, ints, texts, j, jb, bin, ts, iv, txt, null_text, real_null, f, b)`;
    const { queryId, end } = await runQuery(socket, connection, sql);
    expect(end.event).toBe('query.completed');
    const tusk = (await page(socket, queryId)).rows as (string | null)[][];
    // psql's own session settings, as the role has them (PGTZ and PGDATESTYLE left out).
    const expected = psqlRows(pg, { role: user.role, password: user.password }, sql);
    expect(tusk).toEqual(expected);
    expect(tusk[0]![11]).toBe('NULL');
    expect(tusk[0]![12]).toBeNull();
  });

  it('rows of every size, split anywhere across the socket’s reads, arrive byte for byte', async () => {
    // Row sizes from 0 to 3 KB, multi-byte ones, and cells of 150 KB that span several
    // reads: the server's md5 of each cell against the text Tusk gives back.
    const sql = `SELECT g, md5(c) AS sum, c FROM (SELECT g, CASE
        WHEN g % 500 = 0 THEN repeat(chr(65 + g % 26), 150000)
        WHEN g % 97 = 0 THEN repeat('é', 3000 + g)
        ELSE repeat(chr(97 + g % 26), (g * 7919) % 3000) END AS c
      FROM generate_series(1, 5000) g) s`;
    const { queryId, end } = await runQuery(socket, connection, sql);
    expect(end.event).toBe('query.completed');
    let checked = 0;
    for (let offset = 0; offset < 5000; offset += 500) {
      const got = await page(socket, queryId, offset, 500);
      const cut = new Set((got.cut ?? []).map((c) => c.row));
      for (const [i, row] of got.rows.entries()) {
        const at = offset + i;
        const text = cut.has(at)
          ? (await socket.call('queries.cell', { queryId, row: at, column: 2 })).value!
          : row[2]!;
        const sum = createHash('md5').update(text, 'utf8').digest('hex');
        expect([row[0], sum]).toEqual([String(at + 1), row[1]]);
        checked += 1;
      }
    }
    expect(checked).toBe(5000);
  });

  it('$n values typed as text reach the server exactly, whatever type it gives them', async () => {
    const values = [
      'true',
      '2024-02-29 13:14:15.123456+00',
      '{"b": 1, "a": [1, 2.50]}',
      '\\xdeadbeef',
      '2024-05-06',
      '{1,NULL,3}',
      '123456789012345678901234567890.5',
    ];
    const sql = `SELECT $1 = true AS b, $2::timestamptz = '2024-02-29 13:14:15.123456+00' AS ts,
      $3::jsonb #>> '{a,1}' AS j, length($4::bytea) AS bin, $5::date AS d, $6::int[] AS ints,
      $7::numeric AS num`;
    const { queryId, end } = await runQuery(socket, connection, sql, values);
    expect(end.event).toBe('query.completed');
    expect((await page(socket, queryId)).rows).toEqual([
      ['t', 't', '2.50', '4', '2024-05-06', '{1,NULL,3}', '123456789012345678901234567890.5'],
    ]);
  });
});
