import type { TestBackend } from '../support/backend';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { execute, page, queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';
import { filesContaining, type TestRole } from '../support/secrets';

describe('a tab is a session', () => {
  const pg = sharedPgServer();
  let q: QueryBackend;
  let user: TestRole;
  let backend: TestBackend;
  let socket: TestSocket;
  let connection = '';
  let table = '';

  const inTab = async (tabId: string, sql: string) => {
    const { queryId } = await socket.call('queries.execute', {
      connectionId: connection,
      sql,
      tabId,
    });
    const end = await queryEnd(socket, queryId);
    return { queryId, end, payload: end.payload };
  };
  const rowsOf = async (tabId: string, sql: string) =>
    (await page(socket, (await inTab(tabId, sql)).queryId)).rows;
  /** What the server holds, seen from outside Tusk. */
  const serverCount = async () => {
    const admin = superuserSql(pg);
    const [row] = await admin.unsafe(`SELECT count(*)::int AS n FROM ${table}`);
    await admin.end();
    return row!['n'] as number;
  };

  beforeAll(async () => {
    q = await startQueryBackend('tusk_tabs');
    ({ user, backend, socket } = q);
    table = await q.table('tabs', 'x int');
    connection = await q.open('tabs');
  }, 60_000);
  afterAll(async () => q?.stop());

  it('BEGIN and INSERT in one run, SELECT in the next, ROLLBACK in a third: one transaction, unseen by other tabs', async () => {
    expect((await inTab('a', `BEGIN; INSERT INTO ${table} VALUES (1)`)).payload.transaction).toBe(
      'open',
    );
    expect(await rowsOf('a', `SELECT count(*) FROM ${table}`)).toEqual([['1']]);
    expect(await rowsOf('b', `SELECT count(*) FROM ${table}`)).toEqual([['0']]);
    expect(await serverCount()).toBe(0);
    expect((await inTab('a', 'ROLLBACK')).payload.transaction).toBe('idle');
    expect(await rowsOf('a', `SELECT count(*) FROM ${table}`)).toEqual([['0']]);
    expect(await serverCount()).toBe(0);
  });

  it('SET search_path and a temp table persist; two tabs have different backends; no idle-in-transaction timeout', async () => {
    await inTab(
      'c',
      "SET search_path TO pg_temp, public; CREATE TEMP TABLE notes (t text); INSERT INTO notes VALUES ('kept')",
    );
    expect(await rowsOf('c', 'SELECT t FROM notes')).toEqual([['kept']]);
    expect(await rowsOf('c', 'SHOW search_path')).toEqual([['pg_temp, public']]);
    const [[pidC]] = await rowsOf('c', 'SELECT pg_backend_pid()');
    const [[pidD]] = await rowsOf('d', 'SELECT pg_backend_pid()');
    expect(pidC).not.toBe(pidD);
    expect(await rowsOf('c', 'SHOW idle_in_transaction_session_timeout')).toEqual([['0']]);
    // The pool's own sessions keep theirs, and never saw the tab's settings.
    const pooled = await runQuery(socket, connection, 'SHOW idle_in_transaction_session_timeout');
    expect((await page(socket, pooled.queryId)).rows).toEqual([['1min']]);
  });

  it('a failed statement inside a transaction reports "failed"; the next run says to roll back', async () => {
    const failed = await inTab('e', 'BEGIN; SELECT 1 / 0');
    expect(failed.end.event).toBe('query.failed');
    expect(failed.payload.transaction).toBe('failed');
    const next = await inTab('e', 'SELECT 1');
    expect(next.payload).toMatchObject({
      transaction: 'failed',
      error: { code: '25P02', hint: expect.stringMatching(/ROLLBACK/) },
    });
    expect((await inTab('e', 'ROLLBACK')).payload.transaction).toBe('idle');
  });

  it('a terminated backend mid-transaction: session.lost, the next run refused until acknowledged, nothing committed', async () => {
    await inTab('f', `BEGIN; INSERT INTO ${table} VALUES (2)`);
    const [[pid]] = await rowsOf('f', 'SELECT pg_backend_pid()');
    const admin = superuserSql(pg);
    await admin.unsafe('SELECT pg_terminate_backend($1)', [Number(pid)]);
    await admin.end();
    await waitUntil(() => socket.events.some((e) => e.event === 'session.lost'));
    expect(socket.events.find((e) => e.event === 'session.lost')?.payload).toEqual({
      connectionId: connection,
      tabId: 'f',
      hadTransaction: true,
    });
    const refused = await socket.request('queries.execute', {
      connectionId: connection,
      sql: `COMMIT`,
      tabId: 'f',
    });
    expect(refused['error']).toMatchObject({
      kind: 'connection',
      code: 'SESSION_LOST',
      hint: expect.stringContaining('sessions.close'),
    });
    expect(await socket.call('sessions.close', { connectionId: connection, tabId: 'f' })).toEqual({
      closed: true,
    });
    expect((await inTab('f', `SELECT count(*) FROM ${table}`)).end.event).toBe('query.completed');
    expect(await serverCount()).toBe(0);
  });

  it('closing a tab with an open transaction needs a choice; commit: false rolls it back; disconnect is refused the same way', async () => {
    await inTab('g', `BEGIN; INSERT INTO ${table} VALUES (3)`);
    const refused = await socket.request('sessions.close', {
      connectionId: connection,
      tabId: 'g',
    });
    expect(refused['error']).toMatchObject({ kind: 'validation', code: 'TRANSACTION_OPEN' });
    const disconnect = await socket.request('connections.disconnect', { id: connection });
    expect(disconnect['error']).toMatchObject({ code: 'TRANSACTION_OPEN' });
    expect(
      await socket.call('sessions.close', { connectionId: connection, tabId: 'g', commit: false }),
    ).toEqual({ closed: true });
    expect(await serverCount()).toBe(0);
    await inTab('h', `BEGIN; INSERT INTO ${table} VALUES (4)`);
    expect(
      await socket.call('sessions.close', { connectionId: connection, tabId: 'h', commit: true }),
    ).toEqual({ closed: true });
    expect(await serverCount()).toBe(1);
  });

  it("at most the preference's tab sessions per connection, with a clear error", async () => {
    await socket.call('preferences.set', { values: { tabSessionsPerConnection: 1 } });
    try {
      for (const tab of ['a', 'b', 'c', 'd', 'e', 'f'])
        await socket.call('sessions.close', {
          connectionId: connection,
          tabId: tab,
          commit: false,
        });
      await inTab('only', 'SELECT 1');
      const refused = await socket.request('queries.execute', {
        connectionId: connection,
        sql: 'SELECT 1',
        tabId: 'second',
      });
      expect(refused['error']).toMatchObject({
        kind: 'validation',
        message: 'This connection has 1 tab sessions already',
      });
    } finally {
      await socket.call('preferences.set', { values: { tabSessionsPerConnection: 8 } });
    }
  });

  it('a run without a tab that does SET search_path or BEGIN leaves the next pool user unaffected', async () => {
    await socket.call('preferences.set', { values: { poolSize: 1 } });
    const saved = await socket.call(
      'connections.save',
      user.saveParams(`tabs pool ${user.suffix}`, { poolSize: 1 }),
    );
    await socket.call('connections.connect', { id: saved.id });
    await runQuery(
      socket,
      saved.id,
      `SET search_path TO pg_catalog; BEGIN; INSERT INTO public.${table} VALUES (9)`,
    );
    const next = await runQuery(
      socket,
      saved.id,
      "SELECT current_setting('search_path'), now() = statement_timestamp()",
    );
    expect((await page(socket, next.queryId)).rows).toEqual([['"$user", public', 't']]);
    expect(next.end.payload.transaction).toBe('idle');
    expect(await serverCount()).toBe(1);
    await socket.call('connections.delete', { id: saved.id });
    await socket.call('preferences.set', { values: { poolSize: 4 } });
  });

  it('a cancel in a tab, then the tab goes on in the same session', async () => {
    await inTab('k', "SET application_name = 'tab k'");
    const queryId = await execute(socket, connection, 'SELECT pg_sleep(30)').catch(() => '');
    expect(queryId).not.toBe('');
    await socket.call('queries.cancel', { queryId });
    const sleep = await socket.call('queries.execute', {
      connectionId: connection,
      sql: 'SELECT pg_sleep(30)',
      tabId: 'k',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await socket.call('queries.cancel', { queryId: sleep.queryId });
    expect((await queryEnd(socket, sleep.queryId)).event).toBe('query.cancelled');
    expect(await rowsOf('k', 'SHOW application_name')).toEqual([['tab k']]);
  });

  it('a script of five statements: three outcomes with their notices, stopped at 4 with its line and column, 5 not run', async () => {
    const body = [
      'CREATE OR REPLACE FUNCTION pg_temp.add_one(i int) RETURNS int AS $$ SELECT i + 1; $$ LANGUAGE sql',
      "DO $do$ BEGIN RAISE NOTICE 'café; done'; END $do$",
      "-- a comment; with a semicolon\nSELECT E'it\\'s; here' AS quoted, pg_temp.add_one(1) AS two",
      'SELECT 1 / 0',
      `INSERT INTO ${table} VALUES (5)`,
    ];
    const before = await serverCount();
    for (const [fourth, code, column] of [
      // No position from the server: the statement's line, no made-up column (issue 23).
      ['SELECT 1 / 0', '22012', undefined],
      ['SELECT 1 FROM WHERE', '42601', 15],
    ] as const) {
      const script = [...body.slice(0, 3), fourth, body[4]].join(';\n');
      const run = await inTab('script', script);
      expect(run.end.event).toBe('query.failed');
      expect(
        run.payload.results.map((r: { index: number; command: string }) => [r.index, r.command]),
      ).toEqual([
        [0, 'CREATE FUNCTION'],
        [1, 'DO'],
        [2, 'SELECT'],
      ]);
      expect(run.payload.results[1].notices).toEqual([
        {
          severity: 'NOTICE',
          message: 'café; done',
          context: 'PL/pgSQL function inline_code_block line 1 at RAISE',
        },
      ]);
      expect(run.payload.error).toMatchObject({ code, line: 5 });
      expect(run.payload.error.column).toBe(column);
      expect((await page(socket, run.queryId, 0, 5)).rows).toEqual([["it's; here", '2']]);
      await inTab('script', 'ROLLBACK');
    }
    expect(await serverCount()).toBe(before);
    const atomic = await inTab(
      'script',
      `CREATE FUNCTION pg_temp.two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT pg_temp.two()`,
    );
    expect(atomic.payload.results.map((r: { command: string }) => r.command)).toEqual([
      'CREATE FUNCTION',
      'SELECT',
    ]);
    expect((await page(socket, atomic.queryId, 0, 1)).rows).toEqual([['2']]);
  });

  it('ALTER ROLE … PASSWORD leaves the password in no history entry, log or file', async () => {
    await socket.call('preferences.set', { values: { logLevel: 'trace' } });
    try {
      const run = await inTab('pw', `ALTER ROLE ${user.role} PASSWORD 'p-123'`);
      expect(run.end.event).toBe('query.completed');
      await inTab('pw', `ALTER ROLE ${user.role} PASSWORD 'p-123' VALID UNTIL 'nonsense'`);
    } finally {
      await socket.call('preferences.set', { values: { logLevel: 'info' } });
    }
    const [entry] = await socket.call('history.search', { text: 'ALTER ROLE' });
    expect(entry.sql).toBe(`ALTER ROLE ${user.role} PASSWORD '[redacted]' VALID UNTIL 'nonsense'`);
    expect(filesContaining(backend.dataDir!, ['p-123'])).toEqual([]);
    const admin = superuserSql(pg);
    await admin.unsafe(`ALTER ROLE ${user.role} PASSWORD '${user.password.replace(/'/g, "''")}'`);
    await admin.end();
  });

  it('the other forms of a password — U&, a DO block, format(), conninfo, a URL, a bare word — stay out of history, logs, files and errors; later messages are untouched', async () => {
    const secrets = [
      'uni-s3cret',
      'do-s3cret',
      'fmt-s3cret',
      'conn-s3cret',
      'url-s3cret',
      'bare_s3cret',
    ];
    await socket.call('preferences.set', { values: { logLevel: 'trace' } });
    const errors: string[] = [];
    try {
      for (const sql of [
        `ALTER ROLE ${user.role} PASSWORD U&'uni-s3cret'`,
        `DO $$ BEGIN EXECUTE 'ALTER ROLE ${user.role} PASSWORD ''do-s3cret'''; END $$`,
        `DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', '${user.role}', 'fmt-s3cret'); END $$`,
        "CREATE SUBSCRIPTION tusk_sub CONNECTION 'host=127.0.0.1 password=conn-s3cret' PUBLICATION p",
        "SELECT 'postgres://u:url-s3cret@127.0.0.1/db' AS address, 1 / 0",
        `ALTER ROLE ${user.role} PASSWORD bare_s3cret`,
      ]) {
        const run = await inTab('pw-forms', sql);
        if (run.payload.error) errors.push(JSON.stringify(run.payload.error));
      }
      // Nothing remembered: a later error naming the same text is told as it is.
      const later = await inTab('pw-forms', 'SELECT * FROM "bare_s3cret"');
      expect(later.payload.error.message).toBe('relation "bare_s3cret" does not exist');
    } finally {
      await socket.call('preferences.set', { values: { logLevel: 'info' } });
    }
    // The syntax error quoted the bare word; the subscription's error, the division's.
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.join('\n')).not.toMatch(/s3cret/);
    const history = (await socket.call('history.search', { text: 's3cret' })) as { sql: string }[];
    expect(history.map((h) => h.sql)).toEqual(['SELECT * FROM "bare_s3cret"']);
    expect(filesContaining(backend.dataDir!, secrets.slice(0, 5))).toEqual([]);
    const admin = superuserSql(pg);
    await admin.unsafe(`ALTER ROLE ${user.role} PASSWORD '${user.password.replace(/'/g, "''")}'`);
    await admin.end();
  });
});
