import { createHash } from 'node:crypto';
import { adminQuery } from '../../../app/models/driver/admin-query';
import type {
  DriverEvents,
  SessionNotice,
  TransactionState,
} from '../../../app/models/driver/driver-options';
import { DriverSession } from '../../../app/models/driver/driver-session';
import { forEachMessage, type DescribedColumn } from '../../../app/models/driver/driver-statement';
import { sharedPgServer, superuserSql } from '../../support/postgres';
import { waitUntil } from '../../support/wait';

/** The door's session interface on the shared server, over a plain connection. */
describe('DriverSession: the session interface in front of postgres.js', () => {
  const pg = sharedPgServer();
  const login = {
    host: pg.host,
    port: pg.port,
    user: pg.username,
    password: pg.password,
    database: pg.database,
  };
  const open = (events: DriverEvents = {}, startup: Record<string, string | number> = {}) =>
    new DriverSession(
      {
        ...login,
        ssl: false,
        connectTimeoutSeconds: 5,
        keepAliveSeconds: 0,
        socketTimeoutMs: () => 5000,
        startup: { application_name: 'Tusk driver spec', ...startup },
      },
      events,
    );
  const codeOf = (error: unknown) => (error as { code?: string }).code;

  it('runs statements with parameters, reports parameters, notices, transaction states and the close', async () => {
    const states: TransactionState[] = [];
    const notices: SessionNotice[] = [];
    let closed = 0;
    const session = open(
      {
        ready: (state) => states.push(state),
        notice: (notice) => notices.push(notice),
        closed: () => closed++,
      },
      { statement_timeout: 1234 },
    );
    expect(session.parameter('standard_conforming_strings')).toBeUndefined();
    expect(
      await session.query<{ sum: number; timeout: string }>(
        "SELECT $1::int + $2::int AS sum, current_setting('statement_timeout') AS timeout",
        [2, 3],
      ),
    ).toEqual([{ sum: 5, timeout: '1234ms' }]);
    expect(session.parameter('standard_conforming_strings')).toBe('on');
    expect(session.parameter('application_name')).toBe('Tusk driver spec');

    states.length = 0;
    await session.query('BEGIN');
    await expect(session.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    await session.query('ROLLBACK');
    expect(states).toEqual(['open', 'failed', 'idle']);

    await session.query(
      "DO $$ BEGIN RAISE NOTICE 'hello %', 42 USING DETAIL = 'the detail', HINT = 'a hint'; END $$",
    );
    expect(notices).toEqual([
      expect.objectContaining({
        severity: 'NOTICE',
        message: 'hello 42',
        detail: 'the detail',
        hint: 'a hint',
        context: expect.stringContaining('PL/pgSQL'),
      }),
    ]);
    // Several statements without parameters: the last result's rows.
    expect(await session.query('SELECT 1 AS a; SELECT 2 AS b')).toEqual([{ b: 2 }]);

    await session.end(1);
    expect(closed).toBe(1);
    expect(session.parameter('standard_conforming_strings')).toBeUndefined();
  });

  it('hands out DataRow messages whole with the described columns, and the command tag', async () => {
    const session = open();
    try {
      const messages: string[] = [];
      let described: DescribedColumn[] = [];
      const statement = session.statement(
        "SELECT x::numeric(12,2) AS price, w AS word FROM (VALUES (1.5, 'é'), (2, NULL)) v(x, w) WHERE x > $1",
        [0],
      );
      const result = await statement.run((buffer, start, end, columns) => {
        forEachMessage(buffer, start, end, (from, to) =>
          messages.push(buffer.toString('latin1', from, to)),
        );
        described = columns;
      });
      expect(result).toEqual({ command: 'SELECT', count: 2, columns: described });
      expect(described.map(({ name, type, modifier }) => ({ name, type, modifier }))).toEqual([
        { name: 'price', type: 1700, modifier: (12 << 16) + 2 + 4 },
        { name: 'word', type: 25, modifier: -1 },
      ]);
      // 'D', length, 2 cells: '1.50' and 'é' (2 bytes); then '2.00' and NULL (-1).
      expect(messages.map((m) => m[0])).toEqual(['D', 'D']);
      expect(messages[0]).toContain('1.50');
      expect(messages[1]).toContain('2.00');
      expect(Buffer.from(messages[1]!, 'latin1').readInt32BE(5 + 2 + 4 + 4)).toBe(-1);

      const command = await session.statement('CREATE TEMP TABLE t (id int)').run(() => {
        throw new Error('no rows expected');
      });
      expect(command).toEqual({ command: 'CREATE TABLE', count: null, columns: null });
      const none = await session.statement('SELECT FROM t').run(() => undefined);
      expect(none).toEqual({ command: 'SELECT', count: 0, columns: [] });
    } finally {
      await session.end(1);
    }
  });

  it('copies in and out, and tells the server refusing bad data', async () => {
    const session = open();
    try {
      await session.query('CREATE TEMP TABLE copied (id int, name text)');
      expect(await session.statement('COPY copied FROM STDIN').copyIn('1\tone\n2\t\\N\n')).toBe(2);
      expect(await session.query('SELECT * FROM copied ORDER BY id')).toEqual([
        { id: 1, name: 'one' },
        { id: 2, name: null },
      ]);
      const out = await session.statement('COPY copied TO STDOUT (FORMAT csv)').copyOut();
      const chunks: Buffer[] = [];
      for await (const chunk of out.stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('1,one\n2,\n');
      expect(await out.done).toBe(2);
      const bad = session.statement('COPY copied FROM STDIN').copyIn('not a number\n');
      await expect(bad).rejects.toMatchObject({ code: '22P02' });
      // The session goes on.
      expect(await session.query('SELECT count(*)::int AS n FROM copied')).toEqual([{ n: 2 }]);
    } finally {
      await session.end(1);
    }
  });

  it('COPY data read slowly, and values over many reads, arrive intact', async () => {
    const session = open();
    try {
      // 200,000 lines of COPY data, read a few chunks at a time with pauses in between:
      // each chunk must still hold its own bytes once later reads have come in.
      const out = await session
        .statement(
          `COPY (SELECT g, md5(g::text) FROM generate_series(1, 200000) g) TO STDOUT (FORMAT csv)`,
        )
        .copyOut();
      const chunks: Buffer[] = [];
      for await (const chunk of out.stream) {
        chunks.push(chunk as Buffer);
        if (chunks.length % 5000 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await out.done).toBe(200_000);
      const [server] = await session.query(
        `SELECT md5(string_agg(g || ',' || md5(g::text) || E'\\n', '' ORDER BY g)) AS sum FROM generate_series(1, 200000) g`,
      );
      expect(createHash('md5').update(Buffer.concat(chunks)).digest('hex')).toBe(server!['sum']);
      // Values decoded by the driver itself, each across many reads, and rows cut anywhere.
      const rows = await session.query(
        `SELECT n, repeat(md5(n::text), n * 2000) AS v FROM generate_series(1, 40) n`,
      );
      expect(rows.map((r) => (r['v'] as string).length)).toEqual(
        Array.from({ length: 40 }, (_, i) => (i + 1) * 2000 * 32),
      );
      expect(
        rows.every(
          (r) =>
            r['v'] ===
            createHash('md5')
              .update(String(r['n']))
              .digest('hex')
              .repeat((r['n'] as number) * 2000),
        ),
      ).toBe(true);
    } finally {
      await session.end(1);
    }
  });

  it('cancels a running statement on its backend, and a session cut off logs in anew', async () => {
    let closed = 0;
    const session = open({ closed: () => closed++ });
    try {
      const [{ pid }] = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const sleeping = session.statement('SELECT pg_sleep(10)');
      expect(sleeping.pid).toBeUndefined();
      expect(sleeping.running).toBe(false);
      const outcome = sleeping.rows().then(() => 'finished', codeOf);
      await waitUntil(() => sleeping.running);
      expect(sleeping.running).toBe(true);
      expect(sleeping.pid).toBe(pid);
      const started = Date.now();
      await sleeping.cancel();
      expect(await outcome).toBe('57014');
      expect(Date.now() - started).toBeLessThan(2000);
      await sleeping.ended();
      expect(sleeping.running).toBe(false);

      expect(session.open).toBe(true);
      await session.cutOff();
      expect(closed).toBe(1);
      const [{ pid: next }] = await session.query<{ pid: number }>(
        'SELECT pg_backend_pid() AS pid',
      );
      expect(next).not.toBe(pid);
    } finally {
      await session.end(1);
    }
  });

  it('adminQuery runs once on a session of its own and leaves no backend behind', async () => {
    const [{ pid, db }] = await adminQuery<{ pid: number; db: string }>(
      login,
      'SELECT pg_backend_pid() AS pid, current_database() AS db',
    );
    expect(db).toBe(pg.database);
    const admin = superuserSql(pg);
    try {
      const alive = async () =>
        (await admin`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`).length > 0;
      await waitUntil(async () => !(await alive()));
      expect(await alive()).toBe(false);
      await expect(adminQuery(login, 'SELECT * FROM no_such_table')).rejects.toMatchObject({
        code: '42P01',
      });
    } finally {
      await admin.end();
    }
  });
});
