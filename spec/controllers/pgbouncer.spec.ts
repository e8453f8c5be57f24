import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { startTestBackend, type TestBackend } from '../support/backend';
import { startPgBouncer } from '../support/pgbouncer';
import { sharedPgServer, superuserSql, type PgServerInfo } from '../support/postgres';
import { page, queryEnd } from '../support/queries';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import type { Supervised } from '../support/supervised';

describe('through PgBouncer 1.18 in transaction mode (issue 14)', () => {
  const pg = sharedPgServer();
  const table = `bouncer_${randomBytes(4).toString('hex')}`;
  let bouncer: Supervised<PgServerInfo>;
  let backend: TestBackend;
  let socket: TestSocket;
  let connection = '';

  /** The superuser's login through PgBouncer: no setting chosen for the pooler. */
  const login = () => ({
    host: bouncer.info.host,
    port: bouncer.info.port,
    database: pg.database,
    username: pg.username,
    password: pg.password,
    sslMode: 'disable' as const,
  });
  const run = async (
    sql: string,
    options: { tabId?: string; params?: (string | number | null)[]; on?: string } = {},
  ) => {
    const { queryId } = await socket.call('queries.execute', {
      connectionId: options.on ?? connection,
      sql,
      ...(options.tabId ? { tabId: options.tabId } : {}),
      ...(options.params ? { params: options.params } : {}),
    });
    const end = await queryEnd(socket, queryId);
    return { queryId, end, payload: end.payload };
  };
  const rowsOf = async (
    sql: string,
    options: { tabId?: string; params?: (string | number | null)[] } = {},
  ) => {
    const { queryId, end } = await run(sql, options);
    expect(end.event).toBe('query.completed');
    return (await page(socket, queryId)).rows as unknown[][];
  };
  const open = async (name: string, extra: Record<string, unknown> = {}) => {
    const saved = await socket.call('connections.save', {
      name,
      ...login(),
      rememberPasswords: true,
      ...extra,
    });
    await socket.call('connections.connect', { id: saved.id });
    return saved.id as string;
  };
  /** What the server holds, seen directly (not through the pooler). */
  const serverCount = async () => {
    const admin = superuserSql(pg);
    const [row] = await admin.unsafe(`SELECT count(*)::int AS n FROM ${table}`);
    await admin.end();
    return row!['n'] as number;
  };

  beforeAll(async () => {
    const admin = superuserSql(pg);
    await admin.unsafe(`CREATE TABLE ${table} (x int)`);
    await admin.end();
    bouncer = await startPgBouncer(pg);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
    connection = await open(`bouncer ${table}`, { statementTimeoutMs: 1500 });
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await bouncer?.stop();
    const admin = superuserSql(pg);
    await admin.unsafe(`DROP TABLE IF EXISTS ${table}`);
    await admin.end();
  });

  it('logs in with no setting by the user, and says it is behind a transaction pooler', async () => {
    expect(await socket.call('connections.test', login())).toMatchObject({
      tls: false,
      transactionPooler: true,
      readOnly: false,
    });
    const status = (await socket.call('connections.status', {})) as { id: string }[];
    expect(status.find((s) => s.id === connection)).toMatchObject({ transactionPooler: true });
  });

  it('the statement timeout of the connection still holds, sent with each run', async () => {
    expect(await rowsOf('SHOW statement_timeout')).toEqual([['1500ms']]);
    expect(await rowsOf('SHOW statement_timeout', { tabId: 't' })).toEqual([['1500ms']]);
    const { end } = await run('SELECT pg_sleep(5)', { tabId: 't' });
    expect(end.event).toBe('query.failed');
    expect(end.payload.error).toMatchObject({ kind: 'query_timeout', code: '57014' });
    expect(end.payload.transaction).toBe('idle');
  });

  it('200 runs across 3 tabs with parameters and scripts all succeed', async () => {
    const tabs = ['a', 'b', 'c'];
    for (let round = 0; round < 200 / tabs.length + 1; round += 1) {
      await Promise.all(
        tabs.map(async (tabId, t) => {
          const n = round * tabs.length + t;
          if (n >= 200) return;
          if (n % 2 === 0) {
            expect(await rowsOf('SELECT $1::int * 2 AS twice', { tabId, params: [n] })).toEqual([
              [String(n * 2)],
            ]);
          } else {
            const { queryId, end } = await run(
              `INSERT INTO ${table} VALUES (${n}); SELECT count(*) FROM ${table} WHERE x = ${n}`,
              { tabId },
            );
            expect(end.event).toBe('query.completed');
            expect(end.payload.results.map((r: { command: string }) => r.command)).toEqual([
              'INSERT',
              'SELECT',
            ]);
            const rows = await socket.call('queries.page', {
              queryId,
              result: 1,
              offset: 0,
              limit: 10,
            });
            expect(rows.rows).toEqual([['1']]);
          }
        }),
      );
    }
    expect(await serverCount()).toBe(100);
  });

  it('an explicit transaction across runs of one tab holds: one backend, unseen by other tabs, rolled back', async () => {
    const before = await serverCount();
    const begun = await run(`BEGIN; INSERT INTO ${table} VALUES (-1)`, { tabId: 'x' });
    expect(begun.payload.transaction).toBe('open');
    const [[pid]] = (await rowsOf('SELECT pg_backend_pid()', { tabId: 'x' })) as [[string]];
    expect(await rowsOf(`SELECT count(*) FROM ${table} WHERE x = -1`, { tabId: 'b' })).toEqual([
      ['0'],
    ]);
    // Other tabs and the pool keep running meanwhile, on the server connections left.
    for (let i = 0; i < 10; i += 1) await rowsOf('SELECT 1', { tabId: ['a', 'b', 'c'][i % 3]! });
    expect(await rowsOf(`SELECT count(*) FROM ${table} WHERE x = -1`, { tabId: 'x' })).toEqual([
      ['1'],
    ]);
    expect(await rowsOf('SELECT pg_backend_pid()', { tabId: 'x' })).toEqual([[pid]]);
    expect(await rowsOf('SHOW statement_timeout', { tabId: 'x' })).toEqual([['1500ms']]);
    expect((await run('ROLLBACK', { tabId: 'x' })).payload.transaction).toBe('idle');
    expect(await serverCount()).toBe(before);
  });

  it('SET outside a transaction is reset with a notice that says why, and never reaches other clients', async () => {
    const { end } = await run('SET search_path = tusk_leak', { tabId: 'a' });
    expect(end.event).toBe('query.completed');
    expect(end.payload.results[0].notices).toEqual([
      expect.objectContaining({
        severity: 'NOTICE',
        message: expect.stringContaining('transaction pooler'),
      }),
    ]);
    // PgBouncer has 3 server connections: asking more often than that visits each one.
    for (let i = 0; i < 9; i += 1) {
      expect(await rowsOf('SHOW search_path', { tabId: ['a', 'b', 'c'][i % 3]! })).toEqual([
        ['"$user", public'],
      ]);
    }
    // Inside a transaction it holds until the end of that transaction.
    await run('BEGIN; SET search_path = tusk_inside', { tabId: 'a' });
    expect(await rowsOf('SHOW search_path', { tabId: 'a' })).toEqual([['tusk_inside']]);
    await run('COMMIT', { tabId: 'a' });
    for (let i = 0; i < 6; i += 1) {
      expect(await rowsOf('SHOW search_path', { tabId: ['a', 'b'][i % 2]! })).toEqual([
        ['"$user", public'],
      ]);
    }
  });

  it('state set by functions (set_config, session advisory locks) never reaches other clients, also after a failure or a failed transaction', async () => {
    /** Advisory locks with key `key` held on the server, by anyone. */
    const locksHeld = async (key: number) => {
      const admin = superuserSql(pg);
      const [row] = await admin.unsafe(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1",
        [key],
      );
      await admin.end();
      return row!['n'] as number;
    };
    /** Another program on the same pooler: it must see the server's defaults. */
    const other = postgres({
      ...login(),
      ssl: false,
      max: 1,
      prepare: false,
      onnotice: () => undefined,
    });
    const otherSees = async () =>
      (await other.unsafe('SHOW search_path').simple())[0]!['search_path'] as string;
    const clean = async () => {
      for (let i = 0; i < 6; i += 1) {
        expect(
          await rowsOf('SHOW search_path; SHOW work_mem', { tabId: ['f', 'g'][i % 2]! }),
        ).toEqual([['"$user", public']]);
        expect(await otherSees()).toBe('"$user", public');
        expect(await rowsOf('SHOW work_mem')).toEqual([['4MB']]);
      }
    };
    try {
      // Outside a transaction: Tusk's own transaction around the statement is reset.
      const set = await run(
        "SELECT set_config('search_path', 'tusk_fn', false), set_config('work_mem', '7MB', false), pg_advisory_lock(4242)",
        { tabId: 'f' },
      );
      expect(set.end.event).toBe('query.completed');
      expect(await locksHeld(4242)).toBe(0);
      await clean();
      // A statement that fails after taking a lock.
      const failed = await run('SELECT pg_advisory_lock(4243), 1 / 0', { tabId: 'f' });
      expect(failed.payload.error).toMatchObject({ code: '22012' });
      expect(await locksHeld(4243)).toBe(0);
      // The user's transaction, failed, then ROLLBACK; and one committed.
      await run(
        "BEGIN; SELECT set_config('search_path', 'tusk_tx', false), pg_advisory_lock(4244)",
        {
          tabId: 'g',
        },
      );
      expect(await locksHeld(4244)).toBe(1);
      expect((await run('SELECT 1 / 0', { tabId: 'g' })).payload.transaction).toBe('failed');
      const rollback = await run('COMMIT', { tabId: 'g' });
      expect(rollback.payload).toMatchObject({
        transaction: 'idle',
        results: [{ command: 'ROLLBACK' }],
      });
      expect(await locksHeld(4244)).toBe(0);
      await run("BEGIN; SELECT set_config('work_mem', '9MB', false), pg_advisory_lock(4245)", {
        tabId: 'g',
      });
      expect((await run('COMMIT', { tabId: 'g' })).payload.results[0].command).toBe('COMMIT');
      expect(await locksHeld(4245)).toBe(0);
      await clean();
    } finally {
      await other.end();
    }
  });

  it('a cancel reaches the statement through the pooler, and the tab runs again', async () => {
    const { queryId } = await socket.call('queries.execute', {
      connectionId: connection,
      sql: 'SELECT pg_sleep(1.2)',
      tabId: 'c',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await socket.call('queries.cancel', { queryId });
    const end = await queryEnd(socket, queryId);
    expect(end.event).toBe('query.cancelled');
    expect(end.payload.elapsedMs).toBeLessThan(1000);
    expect(await rowsOf('SELECT 2', { tabId: 'c' })).toEqual([['2']]);
  });

  it('a read-only connection stays read-only: writes fail, statements outside a transaction are refused', async () => {
    const readOnly = await open(`bouncer read-only ${table}`, { readOnly: true });
    const write = await run(`INSERT INTO ${table} VALUES (7)`, { on: readOnly });
    expect(write.end.event).toBe('query.failed');
    expect(write.payload.error).toMatchObject({ code: '25006' });
    const inTab = await run(`BEGIN; INSERT INTO ${table} VALUES (7)`, { on: readOnly, tabId: 'r' });
    expect(inTab.payload.error).toMatchObject({ code: '25006' });
    await run('ROLLBACK', { on: readOnly, tabId: 'r' });
    const vacuum = await run(`VACUUM ${table}`, { on: readOnly });
    expect(vacuum.payload.error).toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('transaction pooler'),
    });
    expect(await serverCount()).toBe(100);
    // VACUUM goes bare (no transaction around it) where writes are allowed.
    expect((await run(`VACUUM ${table}`)).end.event).toBe('query.completed');
  });
});
