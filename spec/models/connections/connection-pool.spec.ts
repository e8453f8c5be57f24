import { ConnectionPool, type PoolOptions } from '../../../app/models/connections/connection-pool';
import { TuskError } from '../../../app/models/errors/errors';
import type { ServerLogin } from '../../../app/models/connections/server-login';
import { sharedPgServer, superuserSql } from '../../support/postgres';
import { waitUntil } from '../../support/wait';

describe('ConnectionPool on the real server', () => {
  const pg = sharedPgServer();
  const login: ServerLogin = {
    host: pg.host,
    port: pg.port,
    username: pg.username,
    password: pg.password,
    database: pg.database,
    sslMode: 'require',
  };
  const open = (options: Partial<PoolOptions> = {}) => ConnectionPool.open({ login, ...options });
  const CLOSED = {
    kind: 'connection',
    message: 'This connection is closed',
    hint: 'Connect again.',
  };
  const failure = (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error('it succeeded');
      },
      (e: unknown) => {
        expect(e).toBeInstanceOf(TuskError);
        return (e as TuskError).toErrorInfo();
      },
    );

  it('hands out the session logged in at open first, then the one last released: no login before a first run', async () => {
    const pool = await open({ size: 4 });
    try {
      expect(pool.status()).toMatchObject({ size: 4, connected: 1 });
      const [opened] = pool.pids();
      const pidOf = () =>
        pool.run((s) => s.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'));
      expect(await pidOf()).toEqual([{ pid: opened }]);
      expect(pool.status()).toMatchObject({ connected: 1 });
      // Two at once: the second logs in; released last, it is the next one handed out.
      const first = await pool.lease();
      const second = await pool.lease();
      const [{ pid: other }] = await second.session.query<{ pid: number }>(
        'SELECT pg_backend_pid() AS pid',
      );
      expect(other).not.toBe(opened);
      first.release();
      second.release();
      expect(await pidOf()).toEqual([{ pid: other }]);
      expect(pool.status()).toMatchObject({ connected: 2 });
    } finally {
      await pool.close();
    }
  });

  it('sets the session defaults at connect and closes every session', async () => {
    const pool = await open({ size: 2 });
    const settings = await pool.run((s) =>
      s.query<{ name: string; setting: string }>(`
          SELECT name, setting FROM pg_settings
          WHERE name IN ('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout', 'default_transaction_read_only')
          ORDER BY name`),
    );
    expect(Object.fromEntries(settings.map((r) => [r.name, r.setting]))).toEqual({
      application_name: 'Tusk',
      default_transaction_read_only: 'off',
      idle_in_transaction_session_timeout: '60000',
      statement_timeout: '30000',
    });
    const [{ tls, pid }] = await pool.run((s) =>
      s.query<{ tls: boolean; pid: number }>(
        'SELECT ssl AS tls, pid FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      ),
    );
    expect(tls).toBe(true);
    expect(pool.status()).toMatchObject({ size: 2, busy: 0, idle: 2, waiting: 0, drops: 0 });
    const admin = superuserSql(pg);
    const alive = async () =>
      (await admin`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`).length === 1;
    expect(await alive()).toBe(true);
    await pool.close();
    await waitUntil(async () => !(await alive()), 1000);
    expect(await alive()).toBe(false);
    await admin.end();
  });

  it("a tab's session outlives the pool's idle-in-transaction timeout; a pool session does not", async () => {
    const pool = await open({ size: 1, idleInTransactionMs: 300 });
    const tab = pool.openSession(0, { dropped: () => {} });
    const lease = await pool.lease();
    try {
      await tab.query('BEGIN');
      await tab.query('CREATE TEMP TABLE tusk_outlives (x int)');
      await lease.session.query('BEGIN');
      await new Promise((resolve) => setTimeout(resolve, 900));
      // The pool's session was ended by the server (25P03) and lost its transaction…
      await waitUntil(() => !lease.session.up, 2000);
      expect(lease.session.transactionAtClose).toBe('open');
      // …while the tab's transaction, idle just as long, is still open.
      expect(tab.transaction).toBe('open');
      expect(await tab.query('SELECT count(*)::int AS n FROM tusk_outlives')).toEqual([{ n: 0 }]);
      expect(tab.transaction).toBe('open');
      await tab.query('ROLLBACK');
    } finally {
      lease.release();
      await tab.end(1);
      await pool.close();
    }
  });

  it('read-only: a write fails with 25006 and a hint; its statement timeout is a timeout, not a cancel', async () => {
    const pool = await open({ readOnly: true, statementTimeoutMs: 200 });
    expect(
      await failure(pool.run((s) => s.query('CREATE TABLE tusk_should_not_exist (x int)'))),
    ).toMatchObject({
      kind: 'database',
      code: '25006',
      hint: expect.stringContaining('read-only'),
    });
    expect(await failure(pool.run((s) => s.query('SELECT pg_sleep(2)')))).toMatchObject({
      kind: 'query_timeout',
      code: '57014',
    });
    await pool.close();
  });

  it('with every connection busy, one more operation gets pool_timeout after the wait', async () => {
    const pool = await open({ size: 4, waitTimeoutMs: 300 });
    const busy = Array.from({ length: 4 }, () => pool.run((s) => s.query('SELECT pg_sleep(2)')));
    // postgres.js opens the sessions as they are asked for: wait until all four run.
    await waitUntil(() => pool.status().busy === 4, 2000);
    expect(pool.status()).toMatchObject({ size: 4, busy: 4, idle: 0, waiting: 0 });
    const started = Date.now();
    expect(await failure(pool.run((s) => s.query('SELECT 1')))).toEqual({
      kind: 'pool_timeout',
      message: 'All 4 connections stayed busy for 0.3 s',
      hint: expect.stringContaining('raise the pool size (now 4, at most 8)'),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await Promise.all(busy);
    expect(await pool.run((s) => s.query<{ x: number }>('SELECT 42 AS x'))).toEqual([{ x: 42 }]);
    expect(pool.status()).toEqual({
      size: 4,
      busy: 0,
      idle: 4,
      waiting: 0,
      connected: 4,
      drops: 0,
    });
    await pool.close();
  });

  it('closing the pool cancels the running query and refuses the waiting one at once', async () => {
    const pool = await open({ size: 1, waitTimeoutMs: 5000 });
    const marker = `tusk_close_${Date.now()}`;
    const running = failure(pool.run((s) => s.query(`SELECT pg_sleep(20) AS ${marker}`)));
    const admin = superuserSql(pg);
    const onServer = async () =>
      (
        await admin`SELECT 1 FROM pg_stat_activity
                    WHERE state = 'active' AND query LIKE ${`%${marker}%`} AND pid <> pg_backend_pid()`
      ).length;
    await waitUntil(async () => (await onServer()) > 0, 2000);
    expect(await onServer()).toBe(1);
    const waiting = failure(pool.run((s) => s.query('SELECT 1')));
    expect(pool.status()).toMatchObject({ busy: 1, waiting: 1 });
    const started = Date.now();
    await pool.close();
    expect(await waiting).toEqual(CLOSED);
    expect(await running).toMatchObject({ kind: 'query_cancelled', code: '57014' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await onServer()).toBe(0);
    await admin.end();
  });

  it('a query being sent as close() begins never reaches the server: "This connection is closed"', async () => {
    const pool = await open({ size: 1 });
    const racing = failure(pool.run((s) => s.query('SELECT pg_sleep(20)')));
    await pool.close();
    expect(await racing).toEqual(CLOSED);
  });

  it('ten concurrent operations across three pools return their own results', async () => {
    const pools = await Promise.all([open({ size: 2 }), open({ size: 3 }), open({ size: 4 })]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        pools[i % 3]!.run((s) =>
          s.query<{ v: number }>('SELECT $1::int * 10 AS v, pg_sleep(0.05)', [i]),
        ),
      ),
    );
    expect(results.map((rows) => rows[0]!.v)).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    for (const pool of pools) await pool.close();
  });
});
