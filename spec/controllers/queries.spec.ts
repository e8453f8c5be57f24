import { faultProxy, type FaultProxy } from '../support/cancel-proxy';
import { sharedPgServer } from '../support/postgres';
import { execute, page, queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';
import { waitUntil } from '../support/wait';

describe('queries: run, page, cancel every time', () => {
  const pg = sharedPgServer();
  let q: QueryBackend;
  let sshd: Supervised<SshdInfo>;
  let proxy: FaultProxy;
  let socket: TestSocket;
  const ids: Record<'tls' | 'plain' | 'ssh' | 'dropping' | 'single', string> = {
    tls: '',
    plain: '',
    ssh: '',
    dropping: '',
    single: '',
  };

  beforeAll(async () => {
    sshd = await startSshd([`127.0.0.1:${pg.port}`]);
    proxy = await faultProxy(pg.port, { dropCancels: true });
    q = await startQueryBackend('tusk_queries');
    socket = q.socket;
    ids.tls = await q.open('tls');
    ids.plain = await q.open('plain', { sslMode: 'disable' });
    ids.ssh = await q.open('ssh', {
      host: '127.0.0.1',
      sslMode: 'disable',
      sshTunnel: {
        host: sshd.info.host,
        port: sshd.info.port,
        username: sshd.info.keyUser.username,
        auth: { method: 'key', privateKeyPath: sshd.info.keyUser.privateKeyPath },
        hostKey: sshd.info.hostKeyFingerprint,
      },
    });
    ids.dropping = await q.open('dropping', {
      host: '127.0.0.1',
      port: proxy.port,
      sslMode: 'disable',
    });
    ids.single = await q.open('single', { sslMode: 'disable', poolSize: 1 });
  }, 60_000);
  afterAll(async () => {
    await q?.stop();
    proxy?.close();
    await sshd?.stop();
  });

  it('runs a query: the id comes before any event, then rows with named types', async () => {
    socket.events.length = 0;
    const queryId = await execute(
      socket,
      ids.tls,
      "SELECT g AS n, 'row ' || g AS label, (g * 1.5)::numeric(12,2) AS price FROM generate_series(1, 3) g",
    );
    expect(
      socket.events.filter((e) => (e.payload as { queryId?: string }).queryId === queryId),
    ).toEqual([]);
    const end = await queryEnd(socket, queryId);
    expect(end).toEqual({
      event: 'query.completed',
      payload: {
        queryId,
        rowCount: 3,
        command: 'SELECT',
        truncated: false,
        elapsedMs: expect.any(Number),
        transaction: 'idle',
        results: [
          {
            index: 0,
            command: 'SELECT',
            rowCount: 3,
            elapsedMs: expect.any(Number),
            notices: [],
            noticesDropped: 0,
            hasRows: true,
            truncated: false,
          },
        ],
      },
    });
    expect(await page(socket, queryId)).toEqual({
      columns: [
        { name: 'n', type: 'integer', table: null, editable: false },
        { name: 'label', type: 'text', table: null, editable: false },
        { name: 'price', type: 'numeric(12,2)', table: null, editable: false },
      ],
      rows: [
        ['1', 'row 1', '1.50'],
        ['2', 'row 2', '3.00'],
        ['3', 'row 3', '4.50'],
      ],
      rowCount: 3,
      complete: true,
      truncated: false,
      editable: null,
      readOnly: {
        reason: 'NOT_FROM_A_TABLE',
        text: 'not from a table: no column of the result comes from a table',
      },
    });
    expect(await socket.call('queries.status', { queryId })).toMatchObject({
      status: 'completed',
      rowCount: 3,
    });
    expect(await socket.call('queries.close', { queryId })).toEqual({ closed: true });
    expect(
      (await socket.request('queries.page', { queryId, offset: 0, limit: 1 }))['error'],
    ).toMatchObject({
      kind: 'validation',
      message: 'There is no such query',
    });
  });

  it('pushes the first rows of each result once, right after its first progress (query.rows), as queries.page reads them', async () => {
    socket.events.length = 0;
    const queryId = await execute(
      socket,
      ids.plain,
      "SELECT g AS n FROM generate_series(1, 700) g; SELECT 'only' AS word",
    );
    await queryEnd(socket, queryId);
    const mine = () =>
      socket.events.filter((e) => (e.payload as { queryId?: string }).queryId === queryId);
    // Pushed once the columns are named (the connection's first query asks the server).
    await waitUntil(() => mine().filter((e) => e.event === 'query.rows').length === 2);
    const at = (event: string, result: number) =>
      mine().findIndex(
        (e) => e.event === event && (e.payload as { result?: number }).result === result,
      );
    // By result (each is pushed once its columns are named, in any order).
    const pushes = mine()
      .filter((e) => e.event === 'query.rows')
      .sort(
        (a, b) =>
          (a.payload as { result: number }).result - (b.payload as { result: number }).result,
      );
    expect(pushes.map((e) => (e.payload as { result: number }).result)).toEqual([0, 1]);
    for (const result of [0, 1]) {
      expect(at('query.rows', result)).toBeGreaterThan(at('query.progress', result));
    }
    const first = pushes[0]!.payload as { rows: string[][]; rowCount: number };
    expect(first).toMatchObject({
      queryId,
      result: 0,
      columns: [{ name: 'n', type: 'integer', table: null }],
      truncated: false,
    });
    expect(first.rowCount).toBeGreaterThan(0);
    expect(first.rows).toEqual(
      Array.from({ length: Math.min(500, first.rowCount) }, (_, i) => [String(i + 1)]),
    );
    expect(pushes[1]!.payload).toMatchObject({
      result: 1,
      columns: [{ name: 'word', type: 'text', table: null }],
      rows: [['only']],
      rowCount: 1,
    });
    await socket.call('queries.close', { queryId });
  });

  it('binds $1…$n and reports affected rows for writes', async () => {
    const { queryId } = await runQuery(
      socket,
      ids.plain,
      'SELECT $1::int + 1 AS v, $2::text AS t, $3::text IS NULL AS n',
      [41, 'x', null],
    );
    expect((await page(socket, queryId)).rows).toEqual([['42', 'x', 't']]);
    // One script on one session: the temporary table is there for each statement.
    const script = await runQuery(
      socket,
      ids.single,
      `CREATE TEMP TABLE w (x int);
       INSERT INTO w SELECT generate_series(1, 7);
       UPDATE w SET x = x + 1 WHERE x > 4;
       DELETE FROM w WHERE x > 6 RETURNING x`,
    );
    expect(
      script.end.payload.results.map((r: { command: string; rowCount: number }) => [
        r.command,
        r.rowCount,
      ]),
    ).toEqual([
      ['CREATE TABLE', 0],
      ['INSERT', 7],
      ['UPDATE', 3],
      ['DELETE', 2],
    ]);
    expect(script.end.payload).toMatchObject({ command: 'DELETE', rowCount: 2 });
    expect(await page(socket, script.queryId)).toMatchObject({ rows: [['7'], ['8']] });
    // The pool's session was cleaned after the run: the temporary table is gone.
    const after = await runQuery(
      socket,
      ids.single,
      "SELECT count(*) FROM pg_class WHERE relname = 'w' AND relpersistence = 't'",
    );
    expect((await page(socket, after.queryId)).rows).toEqual([['0']]);
  });

  it.each([
    ['plain', 'plain' as const],
    ['TLS', 'tls' as const],
    ['the SSH tunnel', 'ssh' as const],
    ['a proxy that swallows CancelRequests (escalation)', 'dropping' as const],
  ])(
    'pg_sleep(30) cancelled over %s: query.cancelled within 2 s, the connection usable',
    async (_name, which) => {
      const queryId = await execute(socket, ids[which], 'SELECT pg_sleep(30)');
      // A query on another connection runs through it all, untouched.
      const other = which === 'tls' ? ids.plain : ids.tls;
      const bystander = await execute(socket, other, 'SELECT 5 AS five, pg_sleep(0.5)');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      await socket.call('queries.cancel', { queryId });
      const end = await queryEnd(socket, queryId, 5000);
      expect(end.event).toBe('query.cancelled');
      expect(Date.now() - started).toBeLessThan(2000);
      const next = await runQuery(socket, ids[which], 'SELECT 1 AS one');
      expect(next.end.event).toBe('query.completed');
      expect((await page(socket, next.queryId)).rows).toEqual([['1']]);
      if (which === 'dropping') expect(proxy.cancels()).toBeGreaterThan(0);
      expect((await queryEnd(socket, bystander)).event).toBe('query.completed');
      expect((await page(socket, bystander)).rows).toEqual([['5', '']]);
    },
  );

  it('a cancel told apart from a statement timeout; a waiting query leaves the queue untouched', async () => {
    const sleeper = await execute(socket, ids.single, 'SELECT pg_sleep(1)');
    const waiting = await execute(socket, ids.single, 'SELECT 2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await socket.call('queries.status', { queryId: waiting })).toMatchObject({
      status: 'queued',
    });
    await socket.call('queries.cancel', { queryId: waiting });
    expect((await queryEnd(socket, waiting)).event).toBe('query.cancelled');
    expect((await queryEnd(socket, sleeper)).event).toBe('query.completed');

    const timed = await q.open('timeout', { sslMode: 'disable', statementTimeoutMs: 300 });
    const { end } = await runQuery(socket, timed, 'SELECT pg_sleep(5)');
    expect(end).toMatchObject({
      event: 'query.failed',
      payload: { error: { kind: 'query_timeout', code: '57014' } },
    });
  });

  it('two statements in one text: the first result is kept whole, never mixed with the second', async () => {
    const { queryId, end } = await runQuery(
      socket,
      ids.plain,
      "SELECT 1 AS a; SELECT 'x' AS b, 2 AS c",
    );
    expect(end.event).toBe('query.completed');
    expect(await page(socket, queryId)).toMatchObject({ columns: [{ name: 'a' }], rows: [['1']] });
  });

  it('a cancel racing completion returns the completed result', async () => {
    const { queryId } = await runQuery(socket, ids.plain, 'SELECT 7 AS seven');
    expect(await socket.call('queries.cancel', { queryId })).toMatchObject({
      status: 'completed',
      rowCount: 1,
    });
    expect((await page(socket, queryId)).rows).toEqual([['7']]);
  });

  it('a syntax error on line 3: code, position, line and column; history keeps it with its SQLSTATE', async () => {
    const sql = 'SELECT 1,\n       2,\n  ééé FROM nowhere WHERE';
    const { end } = await runQuery(socket, ids.tls, sql);
    expect(end).toEqual({
      event: 'query.failed',
      payload: {
        queryId: expect.any(String),
        elapsedMs: expect.any(Number),
        transaction: 'idle',
        results: [],
        error: expect.objectContaining({
          kind: 'database',
          code: '42601',
          line: 3,
          column: 25,
          position: sql.length + 1,
        }),
      },
    });
    const [entry] = await socket.call('history.search', { text: 'nowhere' });
    expect(entry).toMatchObject({
      sql,
      outcome: 'error',
      sqlstate: '42601',
      connectionId: ids.tls,
    });
  });

  it('ten queries at once across three connections each get their own answer', async () => {
    const started: { i: number; queryId: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const connection = [ids.tls, ids.plain, ids.ssh][i % 3]!;
      started.push({
        i,
        queryId: await execute(socket, connection, `SELECT ${i} AS i, pg_sleep(0.3)`),
      });
    }
    const ends = await Promise.all(started.map(({ queryId }) => queryEnd(socket, queryId)));
    expect(ends.map((e) => e.event)).toEqual(Array(10).fill('query.completed'));
    for (const { i, queryId } of started) {
      expect((await page(socket, queryId)).rows).toEqual([[String(i), '']]);
    }
  });
});
