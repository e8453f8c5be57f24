import { queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';

/** Long scripts, big writes and floods of notices stay within memory and run to the end. */
describe('scripts: many statements, budgets per result, bounded notices', () => {
  let q: QueryBackend;
  let socket: TestSocket;
  let connection = '';
  let table = '';
  const serverRows = (sql: string) => q.admin(sql);

  beforeAll(async () => {
    q = await startQueryBackend('tusk_scripts');
    socket = q.socket;
    table = await q.table('script', 'id int, note text');
    connection = await q.open('scripts');
  }, 60_000);
  afterAll(async () => q?.stop());

  it('500 one-row selects: every result whole, in little memory', async () => {
    const { queryId, end } = await runQuery(socket, connection, 'SELECT 1;\n'.repeat(500));
    expect(end.event).toBe('query.completed');
    const results = end.payload.results as { rowCount: number; truncated: boolean }[];
    expect(results).toHaveLength(500);
    expect(results.every((r) => r.rowCount === 1 && !r.truncated)).toBe(true);
    const status = await q.call('queries.status', { queryId });
    // A one-row result takes a small first chunk: 500 of them stay under 16 MB.
    expect(status.memoryBytes).toBeLessThan(16 * 1024 * 1024);
    expect(
      (await q.call('queries.page', { queryId, result: 499, offset: 0, limit: 5 })).rows,
    ).toEqual([['1']]);
    await q.call('queries.close', { queryId });
  });

  it('140 selects, then INSERT … RETURNING, UPDATE and INSERT: all run, the returned rows whole', async () => {
    const script = [
      ...Array.from({ length: 140 }, (_, i) => `SELECT ${i} AS i, repeat('x', 100) AS pad;`),
      `INSERT INTO ${table} SELECT g, 'first' FROM generate_series(1, 3) g RETURNING id, note;`,
      `UPDATE ${table} SET note = 'updated' WHERE id = 2;`,
      `INSERT INTO ${table} VALUES (4, 'second');`,
    ].join('\n');
    const { queryId, end } = await runQuery(socket, connection, script);
    expect(end.event).toBe('query.completed');
    const results = end.payload.results as {
      command: string;
      rowCount: number;
      truncated: boolean;
    }[];
    expect(results).toHaveLength(143);
    expect(results.slice(140)).toEqual([
      expect.objectContaining({ command: 'INSERT', rowCount: 3, truncated: false }),
      expect.objectContaining({ command: 'UPDATE', rowCount: 1, truncated: false }),
      expect.objectContaining({ command: 'INSERT', rowCount: 1, truncated: false }),
    ]);
    expect(
      (await q.call('queries.page', { queryId, result: 140, offset: 0, limit: 10 })).rows,
    ).toEqual([
      ['1', 'first'],
      ['2', 'first'],
      ['3', 'first'],
    ]);
    expect(await serverRows(`SELECT id, note FROM ${table} ORDER BY id`)).toEqual([
      { id: 1, note: 'first' },
      { id: 2, note: 'updated' },
      { id: 3, note: 'first' },
      { id: 4, note: 'second' },
    ]);
    await q.call('queries.close', { queryId });
  });

  it('a write whose returned rows pass the budget: never cancelled, all its rows written, the script goes on', async () => {
    await q.call('preferences.set', { values: { resultMemoryMb: 16 } });
    try {
      const { queryId, end } = await runQuery(
        socket,
        connection,
        `INSERT INTO ${table} SELECT g, repeat('w', 200) FROM generate_series(100, 200099) g RETURNING id, note;
         SELECT count(*) AS written FROM ${table} WHERE id >= 100`,
      );
      expect(end.event).toBe('query.completed');
      const [insert, count] = end.payload.results;
      expect(insert).toMatchObject({ command: 'INSERT', rowCount: 200_000, truncated: true });
      expect(count).toMatchObject({ command: 'SELECT', rowCount: 1 });
      expect(
        (await q.call('queries.page', { queryId, result: 1, offset: 0, limit: 1 })).rows,
      ).toEqual([['200000']]);
      const held = await q.call('queries.page', { queryId, result: 0, offset: 0, limit: 1 });
      expect(held.rowCount).toBeGreaterThan(1000);
      expect(held.rowCount).toBeLessThan(200_000);
      await q.call('queries.close', { queryId });
    } finally {
      await q.call('preferences.set', { values: { resultMemoryMb: 512 } });
    }
    await serverRows(`DELETE FROM ${table} WHERE id >= 100`);
  }, 60_000);

  it('600 MB of notices: the backend stays up, the notices kept are bounded and the rest counted', async () => {
    const { end } = await runQuery(
      socket,
      connection,
      "DO $$ BEGIN FOR i IN 1..100 LOOP RAISE NOTICE '%', repeat('n', 6000000); END LOOP; END $$",
    );
    expect(end.event).toBe('query.completed');
    const [outcome] = end.payload.results;
    const kept = outcome.notices as { severity: string; message: string }[];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length + outcome.noticesDropped).toBe(100);
    expect(kept[0]!.severity).toBe('NOTICE');
    expect(kept[0]!.message).toMatch(/^n{16384}… \(cut: 6,000,000 characters in all\)$/);
    expect(JSON.stringify(kept).length).toBeLessThan(1024 * 1024);
    expect(await q.call('app.health', {})).toMatchObject({ name: 'Tusk' });
  }, 60_000);

  it('1,001 notices: 1,000 kept with their detail, hint and context, 1 counted as dropped', async () => {
    const { end } = await runQuery(
      socket,
      connection,
      "DO $$ BEGIN FOR i IN 1..1001 LOOP RAISE NOTICE 'step %', i USING DETAIL = 'd' || i, HINT = 'h'; END LOOP; END $$",
    );
    const [outcome] = end.payload.results;
    expect(outcome.notices).toHaveLength(1000);
    expect(outcome.noticesDropped).toBe(1);
    expect(outcome.notices[999]).toEqual({
      severity: 'NOTICE',
      message: 'step 1000',
      detail: 'd1000',
      hint: 'h',
      context: expect.stringContaining('PL/pgSQL function inline_code_block line 1'),
    });
  });

  it('a 100,000-statement script: split, run to its first error, and every other request answered', async () => {
    // 900,000 characters (the most a run takes is 1,000,000).
    const sql = `SELECT 1/0;${'SELECT 1;'.repeat(99_999)}`;
    const other = await q.open('other');
    const started = await q.call('queries.execute', { connectionId: connection, sql });
    // Asked while the backend splits the script: answered once it is done, never dropped.
    const meanwhile = await runQuery(socket, other, 'SELECT 42 AS answer');
    expect(meanwhile.end.event).toBe('query.completed');
    const end = await queryEnd(socket, started.queryId, 60_000);
    expect(end.payload.error).toMatchObject({ code: '22012', line: 1 });
    expect(await q.call('app.health', {})).toMatchObject({ name: 'Tusk' });
  }, 90_000);
});
