import { DriverSession } from '../../../app/models/driver/driver-session';
import { sharedPgServer } from '../../support/postgres';

/** COPY through the driver's door: streamed in with backpressure, out with cancel, counts. */
describe('DriverStatement COPY: streamed, counted, stopped', () => {
  const pg = sharedPgServer();
  const open = () =>
    new DriverSession({
      host: pg.host,
      port: pg.port,
      user: pg.username,
      password: pg.password,
      database: pg.database,
      ssl: false,
      connectTimeoutSeconds: 5,
      keepAliveSeconds: 0,
      socketTimeoutMs: () => 5000,
      startup: { application_name: 'Tusk driver copy spec' },
    });
  const count = async (session: DriverSession, table: string) =>
    (await session.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('copies an async iterable in chunk by chunk (lines cut across chunks) and resolves with the rows', async () => {
    const session = open();
    try {
      await session.query('CREATE TEMP TABLE t (id int, word text)');
      let asked = 0;
      async function* chunks() {
        const text = Array.from({ length: 200_000 }, (_, i) => `${i},"w ${i}"\n`).join('');
        for (let at = 0; at < text.length; at += 65_521) {
          asked++;
          yield Buffer.from(text.slice(at, at + 65_521));
        }
      }
      const rows = await session.statement('COPY t FROM STDIN (FORMAT csv)').copyIn(chunks());
      expect(rows).toBe(200_000);
      expect(asked).toBeGreaterThan(50);
      expect(
        await session.query(
          'SELECT count(*)::int AS n, sum(id)::bigint AS s, max(word) AS w FROM t',
        ),
      ).toEqual([{ n: 200_000, s: String((199_999 * 200_000) / 2), w: 'w 99999' }]);
    } finally {
      await session.end(1);
    }
  });

  it('a bad value on line 3 rejects with the line and column, after the data ended, and copies nothing', async () => {
    const session = open();
    try {
      await session.query('CREATE TEMP TABLE t (id int, word text)');
      const lines = ['id,word\n', '1,a\n', 'two,b\n', '3,c\n'].map((l) => Buffer.from(l));
      const failure = session
        .statement('COPY t FROM STDIN (FORMAT csv, HEADER true)')
        .copyIn(lines);
      await expect(failure).rejects.toMatchObject({
        code: '22P02',
        where: 'COPY t, line 3, column id: "two"',
      });
      expect(await count(session, 't')).toBe(0);
    } finally {
      await session.end(1);
    }
  });

  it('an abort while the data waits for its next chunk fails the COPY (CopyFail): nothing copied, the session goes on', async () => {
    const session = open();
    try {
      await session.query('CREATE TEMP TABLE t (id int)');
      const controller = new AbortController();
      async function* stalled() {
        yield Buffer.from('1\n2\n');
        await new Promise(() => undefined); // the upload stops coming
      }
      const copying = session.statement('COPY t FROM STDIN').copyIn(stalled(), {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(new Error('stopped by the user')), 100);
      const started = Date.now();
      await expect(copying).rejects.toMatchObject({
        name: 'AbortError',
        message: 'stopped by the user',
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await count(session, 't')).toBe(0);
    } finally {
      await session.end(1);
    }
  });

  it('data that fails midway fails the COPY with its own error and copies nothing', async () => {
    const session = open();
    try {
      await session.query('CREATE TEMP TABLE t (id int)');
      async function* broken() {
        yield Buffer.from('1\n2\n');
        throw new Error('the upload broke');
      }
      await expect(session.statement('COPY t FROM STDIN').copyIn(broken())).rejects.toThrow(
        'the upload broke',
      );
      expect(await count(session, 't')).toBe(0);
    } finally {
      await session.end(1);
    }
  });

  it('cancel stops a COPY TO STDOUT of 5M rows within 2 s: done rejects 57014, no query left on the server', async () => {
    const session = open();
    try {
      const [{ pid }] = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const out = await session
        .statement(
          'COPY (SELECT i, md5(i::text) FROM generate_series(1, 5000000) i) TO STDOUT (FORMAT csv)',
        )
        .copyOut();
      let bytes = 0;
      out.stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(bytes).toBeGreaterThan(0);
      const started = Date.now();
      await out.cancel();
      await expect(out.done).rejects.toMatchObject({ code: '57014' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(
        await session.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE 'COPY%'",
          [pid],
        ),
      ).toEqual([{ n: 0 }]);
    } finally {
      await session.end(1);
    }
  });

  it("the statement's own cancel reaches a COPY TO STDOUT that nobody reads", async () => {
    const session = open();
    try {
      const statement = session.statement(
        'COPY (SELECT i FROM generate_series(1, 5000000) i) TO STDOUT',
      );
      const out = await statement.copyOut();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await statement.cancel();
      out.stream.resume(); // the backend is stopped where it waits to send
      await expect(out.done).rejects.toMatchObject({ code: '57014' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await session.query('SELECT 1 AS x')).toEqual([{ x: 1 }]);
    } finally {
      await session.end(1);
    }
  });
});
