import { readdirSync } from 'node:fs';
import { tempDir } from '../support/backend';
import { downloadExport, exportEnd, superuserRun } from '../support/exports';
import { runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';

/** Exports of every common type loaded back, held results, and a cancel (real PostgreSQL). */
describe('export: types, held results, cancel (real PostgreSQL)', () => {
  let q: QueryBackend;
  let socket: TestSocket;
  let connection = '';
  let typed = '';
  let mood = '';

  beforeAll(async () => {
    q = await startQueryBackend('tusk_exp_rows');
    socket = q.socket;
    connection = await q.open('export rows');
    mood = `exp_mood_${q.user.suffix}`;
    await q.admin(`CREATE TYPE ${mood} AS ENUM ('sad', 'ok', 'it''s great')`);
    typed = await q.table(
      'exp_types',
      `id int PRIMARY KEY, n numeric(30,10), f float8, ts timestamptz, iv interval,
       ints int[], texts text[], j jsonb, js json, b bytea, u uuid, e ${mood},
       ok boolean, d date, t text, "Mixed Case" text`,
    );
    await q.admin(
      `INSERT INTO ${typed} VALUES
        (1, 12345678901234567890.0123456789, 0.1, '2024-02-29 23:59:59.123456+05:30',
         '1 year 2 mons 3 days 04:05:06.789', '{1,NULL,-3}', '{"a,b","c\\"d",NULL,""}',
         '{"k": [1, 2.50, null], "s": "x\\ny"}', E'{"a" : 1,\\n "b": [true]}', '\\x00ff10',
         'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'it''s great', true, '2000-01-01',
         E'quote '' and \\\\ backslash\\nnewline', 'naïve 🐘'),
        (2, 'NaN', 'Infinity', '-infinity', '-1 day', '{}', '{}', '"a string"', '[]', '\\x', NULL,
         'sad', false, 'infinity', '', NULL),
        (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
    );
  }, 60_000);
  afterAll(async () => {
    await q?.stop();
    if (mood) await superuserRun(`DROP TYPE IF EXISTS ${mood}`);
  });

  // (A jsonb `null` would load back as NULL: JSON has one null for both.)
  /** Rows of `a` not in `b` and of `b` not in `a` (json compared as text), and both counts. */
  const compare = async (a: string, b: string) => {
    const cols = `id, n, f, ts, iv, ints, texts, j, js::text, b, u, e, ok, d, t, "Mixed Case"`;
    const [row] = await q.admin(
      `SELECT (SELECT count(*) FROM (SELECT ${cols} FROM ${a} EXCEPT ALL SELECT ${cols} FROM ${b}) x)::int AS a_only,
              (SELECT count(*) FROM (SELECT ${cols} FROM ${b} EXCEPT ALL SELECT ${cols} FROM ${a}) x)::int AS b_only,
              (SELECT count(*) FROM ${a})::int AS a_rows, (SELECT count(*) FROM ${b})::int AS b_rows`,
    );
    return row;
  };

  it('JSON and JSON Lines of every common type load back equal (json_populate_recordset)', async () => {
    const copy = await q.table('exp_json', `LIKE ${typed}`);
    const json = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { table: { schema: 'public', name: typed } },
      format: 'json',
      options: {},
      destination: 'download',
    });
    expect(json.end.event).toBe('export.completed');
    const parsed = JSON.parse(json.body.toString()) as Record<string, unknown>[];
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({ id: 1, ok: true, j: { k: [1, 2.5, null], s: 'x\ny' } });
    await superuserRun(
      `INSERT INTO ${copy} SELECT * FROM json_populate_recordset(NULL::${copy}, $1::text::json)`,
      [json.body.toString()],
    );
    expect(await compare(typed, copy)).toEqual({ a_only: 0, b_only: 0, a_rows: 3, b_rows: 3 });
    const lines = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { sql: `SELECT * FROM ${typed} ORDER BY id` },
      format: 'jsonl',
      options: {},
      destination: 'download',
    });
    const objects = lines.body.toString().trimEnd().split('\n');
    expect(objects).toHaveLength(3);
    expect(objects.map((line) => JSON.parse(line))).toEqual(parsed);
  });

  it('SQL INSERT of every common type, batched, runs into an empty copy and compares equal', async () => {
    const copy = await q.table('exp_sql', `LIKE ${typed}`);
    const sql = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { table: { schema: 'public', name: typed } },
      format: 'sql',
      options: { table: copy, batchRows: 2 },
      destination: 'download',
    });
    const text = sql.body.toString();
    expect(text.match(/^INSERT INTO /gm)).toHaveLength(2);
    expect(text).toContain(
      `INSERT INTO ${copy} (id, n, f, ts, iv, ints, texts, j, js, b, u, e, ok, d, t, "Mixed Case") VALUES\n`,
    );
    await superuserRun(text);
    expect(await compare(typed, copy)).toEqual({ a_only: 0, b_only: 0, a_rows: 3, b_rows: 3 });
  });

  it('a result truncated by the memory budget exports every row when its statement reads; one that writes is not run again', async () => {
    await socket.call('preferences.set', { values: { resultMemoryMb: 16 } });
    try {
      const big = `SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 200000) AS g`;
      const read = await runQuery(socket, connection, big);
      expect(read.end.payload).toMatchObject({ truncated: true });
      const held = read.end.payload.rowCount as number;
      expect(held).toBeLessThan(200_000);
      const whole = await downloadExport(q.backend, socket, {
        connectionId: connection,
        source: { queryId: read.queryId },
        format: 'csv',
        options: { header: false },
        destination: 'download',
      });
      expect(whole.end).toMatchObject({ event: 'export.completed', payload: { rows: 200_000 } });
      expect(whole.end.payload.warning).toBeUndefined();
      const lines = whole.body.toString().split('\n');
      expect(lines).toHaveLength(200_001);
      expect(lines[199_999]).toBe(`200000,${'x'.repeat(200)}`);

      const sink = await q.table('exp_sink', 'g int, pad text');
      const write = await runQuery(
        socket,
        connection,
        `INSERT INTO ${sink} SELECT g, repeat('y', 200) FROM generate_series(1, 200000) AS g RETURNING *`,
      );
      expect(write.end.payload).toMatchObject({ truncated: true });
      const kept = await downloadExport(q.backend, socket, {
        connectionId: connection,
        source: { queryId: write.queryId },
        format: 'csv',
        options: { header: false },
        destination: 'download',
      });
      expect(kept.end.event).toBe('export.completed');
      expect(kept.end.payload.warning).toMatch(/its statement writes, so it was not run again/);
      const keptRows = kept.end.payload.rows as number;
      expect(keptRows).toBeLessThan(200_000);
      expect(kept.body.toString().split('\n')).toHaveLength(keptRows + 1);
      expect((await q.admin(`SELECT count(*)::int AS n FROM ${sink}`))[0]).toEqual({ n: 200_000 });
    } finally {
      await socket.call('preferences.set', { values: { resultMemoryMb: 512 } });
    }
  }, 60_000);

  it('cancelling an export of 5M rows stops it within 2 s, leaves no file, and no query of it runs on the server', async () => {
    const folder = tempDir('tusk-export-');
    const started = await socket.call('export.start', {
      connectionId: connection,
      source: { sql: `SELECT g, md5(g::text) FROM generate_series(1, 5000000) AS g` },
      format: 'csv',
      options: {},
      destination: { folder },
    });
    // Running: some rows written.
    for (let i = 0; i < 400; i++) {
      const progress = socket.events.find(
        (e) =>
          e.event === 'export.progress' &&
          (e.payload as { exportId: string; rows: number }).exportId === started.exportId &&
          (e.payload as { rows: number }).rows > 0,
      );
      if (progress) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(readdirSync(folder)).toEqual([started.fileName]);
    const began = Date.now();
    expect(await socket.call('export.cancel', { exportId: started.exportId })).toEqual({
      cancelled: true,
    });
    expect(Date.now() - began).toBeLessThan(2000);
    const end = await exportEnd(socket, started.exportId);
    expect(end).toMatchObject({
      event: 'export.failed',
      payload: { error: { kind: 'query_cancelled', code: 'EXPORT_CANCELLED' } },
    });
    expect(readdirSync(folder)).toEqual([]);
    const running = await q.admin(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE usename = $1 AND state <> 'idle' AND pid <> pg_backend_pid()`,
      [q.user.role],
    );
    expect(running[0]).toEqual({ n: 0 });
  }, 30_000);

  it('a Markdown export of a small result; more than 10,000 rows are refused with a clear error', async () => {
    const small = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { sql: `SELECT id, t FROM ${typed} WHERE id < 3 ORDER BY id` },
      format: 'markdown',
      options: {},
      destination: 'download',
    });
    expect(small.body.toString()).toBe(
      "| id | t |\n| ---: | --- |\n| 1 | quote ' and \\\\ backslash<br>newline |\n| 2 |  |\n",
    );
    const large = await downloadExport(q.backend, socket, {
      connectionId: connection,
      source: { sql: 'SELECT g FROM generate_series(1, 10001) AS g' },
      format: 'markdown',
      options: {},
      destination: 'download',
    });
    expect(large.end).toMatchObject({
      event: 'export.failed',
      payload: { error: { kind: 'validation' } },
    });
    expect(large.end.payload.error.message).toMatch(/^Too many rows for Markdown/);
    expect(large.aborted).toBe(true);
  });
});
