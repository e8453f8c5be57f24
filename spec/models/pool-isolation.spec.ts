import { ConnectionPool } from '../../app/models/connection-pool';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';

describe('pools are isolated: one connection broken, the others answer, and it recovers', () => {
  const pg = sharedPgServer();
  const roles: TestRole[] = [];
  let pools: ConnectionPool[] = [];

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
        }),
      ),
    );
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    for (const role of roles) await role.drop();
  });

  const answer = (pool: ConnectionPool, value: number) =>
    pool.run((s) => s<{ v: number }[]>`SELECT ${value}::int AS v`).then((rows) => rows[0]!.v);

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
    const [{ pid }] = await pools[0]!.run(
      (s) => s<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
    );
    expect(before).not.toContain(pid);
    for (let i = 0; i < 3; i++) expect(await answer(pools[0]!, 100 + i)).toBe(100 + i);
  });
});
