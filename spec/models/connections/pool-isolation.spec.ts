import { ConnectionPool, type PoolDrop } from '../../../app/models/connections/connection-pool';
import { isTuskError } from '../../../app/models/errors/errors';
import {
  sharedPgServer,
  startPgServer,
  superuserSql,
  type PgServerInfo,
} from '../../support/postgres';
import type { Supervised } from '../../support/supervised';
import { createLoginRole, type TestRole } from '../../support/secrets';
import { waitUntil } from '../../support/wait';

describe('pools are isolated: one connection broken, the others answer, and it recovers', () => {
  const pg = sharedPgServer();
  const roles: TestRole[] = [];
  let pools: ConnectionPool[] = [];
  const drops: PoolDrop[][] = [[], [], []];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) roles.push(await createLoginRole(pg, `tusk_iso${i}`));
    pools = await Promise.all(
      roles.map((r, i) =>
        ConnectionPool.open({
          login: {
            host: pg.host,
            port: pg.port,
            username: r.role,
            password: r.password,
            database: pg.database,
            sslMode: 'require',
          },
          size: i === 0 ? 1 : 2,
          onDrop: (drop) => drops[i]!.push(drop),
        }),
      ),
    );
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    for (const role of roles) await role.drop();
  });

  const answer = (pool: ConnectionPool, value: number) =>
    pool
      .run((s) => s.query<{ v: number }>('SELECT $1::int AS v', [value]))
      .then((rows) => rows[0]!.v);

  it('terminating the backends of one connection leaves the other two answering; it reconnects on next use', async () => {
    expect(await Promise.all(pools.map((p, i) => answer(p, i)))).toEqual([0, 1, 2]);
    const admin = superuserSql(pg);
    const before = (
      await admin<
        { pid: number }[]
      >`SELECT pid FROM pg_stat_activity WHERE usename = ${roles[0]!.role}`
    ).map((r) => r.pid);
    const killed =
      await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ${roles[0]!.role}`;
    await admin.end();
    expect(killed.length).toBeGreaterThanOrEqual(1);

    expect(await answer(pools[1]!, 11)).toBe(11);
    expect(await answer(pools[2]!, 22)).toBe(22);

    // An idle session killed by the server is noticed by postgres.js (it reads the FATAL and
    // closes); the next call opens a new backend without an error.
    expect(await answer(pools[0]!, 7)).toBe(7);
    const [{ pid }] = await pools[0]!.run((s) =>
      s.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'),
    );
    expect(before).not.toContain(pid);
    for (let i = 0; i < 3; i++) expect(await answer(pools[0]!, 100 + i)).toBe(100 + i);
    // The drop was reported once, for that pool only.
    await waitUntil(() => drops[0]!.length > 0);
    expect(drops.map((d) => d.length)).toEqual([1, 0, 0]);
    expect(drops[0]![0]!.sessions).toBe(1);
    expect(pools[0]!.status()).toMatchObject({ drops: 1, connected: 1 });
  });
});

describe('a stopped server: its connection fails clearly, the others answer, and it recovers', () => {
  const shared = sharedPgServer();
  let own: Supervised<PgServerInfo>;
  const pools: ConnectionPool[] = [];
  const drops: PoolDrop[] = [];

  beforeAll(async () => {
    own = await startPgServer('off');
    const login = (pg: PgServerInfo) => ({
      host: pg.host,
      port: pg.port,
      username: pg.username,
      password: pg.password,
      database: pg.database,
      sslMode: 'prefer' as const,
      connectTimeoutMs: 3000,
    });
    pools.push(
      await ConnectionPool.open({
        login: login(own.info),
        size: 2,
        onDrop: (drop) => drops.push(drop),
      }),
    );
    for (let i = 0; i < 2; i++)
      pools.push(await ConnectionPool.open({ login: login(shared), size: 2 }));
  }, 90_000);
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await own?.stop();
  });

  const answer = (pool: ConnectionPool, value: number) =>
    pool
      .run((s) => s.query<{ v: number }>('SELECT $1::int AS v', [value]))
      .then((rows) => rows[0]!.v);

  it('stopping one server leaves the other two connections answering; the first recovers when it is back', async () => {
    // Both sessions of the first pool are up (two at once), the others answer.
    expect(
      await Promise.all([answer(pools[0]!, 1), answer(pools[0]!, 2), answer(pools[1]!, 3)]),
    ).toEqual([1, 2, 3]);
    expect(pools[0]!.status()).toMatchObject({ connected: 2, drops: 0 });

    await own.send('stop');
    // Fast shutdown terminates both backends: one drop event for the burst.
    await waitUntil(() => drops.length > 0);
    expect(drops).toHaveLength(1);
    expect(drops[0]!.sessions).toBe(2);
    expect(pools[0]!.status()).toMatchObject({ connected: 0, drops: 2 });

    const started = Date.now();
    const failure = await answer(pools[0]!, 4).then(
      () => undefined,
      (error: unknown) => (isTuskError(error) ? error.toErrorInfo() : error),
    );
    expect(failure).toMatchObject({
      kind: 'connection',
      stage: 'tcp',
      message: `Connection refused by ${own.info.host}:${own.info.port}`,
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await Promise.all([answer(pools[1]!, 5), answer(pools[2]!, 6)])).toEqual([5, 6]);

    await own.send('start');
    expect(await answer(pools[0]!, 7)).toBe(7);
    expect(await Promise.all([answer(pools[0]!, 8), answer(pools[0]!, 9)])).toEqual([8, 9]);
    expect(pools[0]!.status()).toMatchObject({ connected: 2, drops: 2 });
  }, 60_000);
});
