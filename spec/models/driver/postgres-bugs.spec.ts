import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { driverPatchProblem } from '../../../app/models/driver/driver-patch';
import { ConnectionPool } from '../../../app/models/connections/connection-pool';
import { isTuskError } from '../../../app/models/errors/errors';
import { sharedPgServer, superuserSql } from '../../support/postgres';

const run = promisify(execFile);
const repro = join(__dirname, '..', '..', 'support', 'postgres-bug-repro.cjs');

/** A URL for `role` on the shared server (its superuser unless told). */
function urlOf(
  role = { username: sharedPgServer().username, password: sharedPgServer().password },
) {
  const pg = sharedPgServer();
  return `postgres://${role.username}:${encodeURIComponent(role.password)}@${pg.host}:${pg.port}/${pg.database}`;
}

/** Runs one repro in its own process (a crash or a hang is seen as such) and reads its report. */
async function reproduce(name: string, url = urlOf()): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [repro, name, url], { timeout: 20_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe('postgres.js 3.4.9 bugs, guarded by patches/postgres+3.4.9.patch', () => {
  it('the installed driver carries the patch (cjs and esm builds)', () => {
    const root = dirname(dirname(dirname(require.resolve('postgres'))));
    for (const build of ['cjs/src', 'src']) {
      const connection = readFileSync(join(root, build, 'connection.js'), 'utf8');
      const index = readFileSync(join(root, build, 'index.js'), 'utf8');
      expect(connection).toContain('Tusk patch (#1119, #1181)');
      expect(connection).toContain('Tusk patch (#1154, #1208)');
      expect(index).toContain('Tusk patch (#1208)');
      expect(connection).toContain('Tusk patch (begin with max_pipeline 0)');
      expect(connection).toContain('Tusk patch (onauth)');
      expect(index).toContain('Tusk patch (onauth)');
      expect(connection).toContain('Tusk patch (dataRows)');
      expect(connection).toContain('Tusk patch (modifier)');
      expect(connection).toContain('Tusk patch (onready)');
      expect(index).toContain('Tusk patch (onready)');
      expect(connection).toContain('Tusk patch (cancel at login)');
      expect(connection).toContain('Tusk patch (copy end)');
      expect(connection).toContain('Tusk patch (copy cancel)');
      expect(index).toContain('Tusk patch (copy cancel)');
      const query = readFileSync(join(root, build, 'query.js'), 'utf8');
      expect(query).toContain('Tusk patch (dataRows)');
      expect(query).toContain('Tusk patch (cancel landed)');
    }
  });

  it('Tusk checks the patch at start and names the file when it is missing', () => {
    expect(driverPatchProblem()).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'tusk-driver-'));
    const unpatched = join(dir, 'connection.js');
    writeFileSync(unpatched, 'function Connection() {}\n');
    expect(driverPatchProblem(unpatched)).toBe(
      `The PostgreSQL driver is not patched (${unpatched}): a dropped connection can hang a query or stop Tusk, and a password could be sent in clear text.`,
    );
    rmSync(dir, { recursive: true });
  });

  it('#1119: after a query fails mid-stream, the next query returns exactly its rows', async () => {
    expect(await reproduce('1119')).toEqual({
      case: '1119',
      outcome: 'done',
      failed: '22012',
      next: { length: 5, count: 5, first: { x: 1 } },
    });
  });

  it('#1181: the same with the next query pipelined behind the failing one', async () => {
    expect(await reproduce('1181')).toEqual({
      case: '1181',
      outcome: 'done',
      failed: '22012',
      next: { length: 5, count: 5, first: { x: 1 } },
    });
  });

  it('#1154: an idle reserved connection closed by the server rejects its queries, no crash', async () => {
    expect(await reproduce('1154')).toEqual({
      case: '1154',
      outcome: 'done',
      first: 'CONNECTION_CLOSED',
      second: 'CONNECTION_CLOSED',
      after: 3,
    });
  });

  it('#1208: a reserved connection whose backend is terminated rejects both queries, no crash', async () => {
    const report = await reproduce('1208');
    expect(report).toEqual({
      case: '1208',
      outcome: 'done',
      // The first query meets the reset socket or the closed one, depending on timing.
      first: expect.stringMatching(/^(ECONNRESET|CONNECTION_CLOSED)$/),
      second: 'CONNECTION_CLOSED',
      after: 3,
    });
  });

  it('sql.begin() with max_pipeline 0 (found here: a TypeError that crashed the process) commits', async () => {
    expect(await reproduce('begin-no-pipeline')).toEqual({
      case: 'begin-no-pipeline',
      outcome: 'done',
      result: 1,
    });
  });

  it("a backend terminated inside begin(): the transaction fails, the next query gets a new session (found here: the dead session's FATAL failed it)", async () => {
    expect(await reproduce('begin-terminated')).toEqual({
      case: 'begin-terminated',
      outcome: 'done',
      failed: expect.stringMatching(/^(ECONNRESET|CONNECTION_CLOSED)$/),
      after: 3,
    });
  });

  it('a server asking for a cleartext password: onauth hears "password" first and its refusal sends nothing (hook added here)', async () => {
    expect(await reproduce('onauth', urlOf(sharedPgServer().cleartext!))).toEqual({
      case: 'onauth',
      outcome: 'done',
      methods: ['password'],
      result: 'REFUSED_BY_ONAUTH',
      passwordSent: false,
    });
  });

  it('onready hears the transaction status of every ReadyForQuery: open, failed, idle (hook added here)', async () => {
    expect(await reproduce('onready', urlOf(sharedPgServer()))).toEqual({
      case: 'onready',
      outcome: 'done',
      statuses: ['T', 'E', 'I'],
    });
  });

  it('query.cancel() resolves once its CancelRequest has landed, so the next query is never hit (found here: it returned null)', async () => {
    expect(await reproduce('cancel-landed')).toEqual({
      case: 'cancel-landed',
      outcome: 'done',
      promise: true,
      landedAfter300ms: true,
      // The 50 ms query ends by itself before the held request lands; the next is untouched.
      first: 'completed',
      next: 2,
    });
  });

  it('a first query cancelled while its connection logs in: the connection opens for the next (found here: stuck for good)', async () => {
    expect(await reproduce('cancel-at-login')).toEqual({
      case: 'cancel-at-login',
      outcome: 'done',
      first: '57014',
      next: 2,
    });
  });

  it('COPY FROM STDIN whose data the server rejects after the stream ended fails that stream (found here: it hung)', async () => {
    expect(await reproduce('copy-bad-data')).toEqual({
      case: 'copy-bad-data',
      outcome: 'done',
      error: '22P02',
      next: 2,
    });
  });

  it('COPY FROM STDIN the server refuses right after its CopyInResponse is told on the stream (found here: an uncaught error ended the process)', async () => {
    expect(await reproduce('copy-refused')).toEqual({
      case: 'copy-refused',
      outcome: 'done',
      error: '55000',
    });
  });

  it('COPY FROM STDIN written line by line with a bad line 3 of 4 fails with the line, after end(), and copies nothing', async () => {
    expect(await reproduce('copy-bad-line')).toEqual({
      case: 'copy-bad-line',
      outcome: 'done',
      events: ['error'],
      endError: '22P02',
      where: 'COPY copied, line 3, column id: "three"',
      copied: 0,
    });
  });

  it("COPY's `COPY n` tag reaches the oncopyend hook, in and out, the header left out (hook added here)", async () => {
    expect(await reproduce('copy-count')).toEqual({
      case: 'copy-count',
      outcome: 'done',
      copiedIn: 3,
      copiedOut: 3,
      bytes: 'id\n1\n2\n3\n'.length,
    });
  });

  it('cancel during COPY TO STDOUT lands and stops it within 2 s (found here: it sent nothing and never resolved)', async () => {
    expect(await reproduce('copy-out-cancel')).toEqual({
      case: 'copy-out-cancel',
      outcome: 'done',
      cancelled: 'landed',
      ended: '57014',
      stoppedWithin2s: true,
      next: 2,
    });
  });

  it('a COPY FROM STDIN stream destroyed halfway sends CopyFail: rolled back, the session goes on', async () => {
    expect(await reproduce('copy-in-cancel')).toEqual({
      case: 'copy-in-cancel',
      outcome: 'done',
      ended: '57014',
      copied: 0,
    });
  });

  it('the dataRows hook hands out each DataRow message whole, and RowDescription keeps the type modifier (hooks added here)', async () => {
    // DataRow: 'D', length, 3 columns, then per cell its length (-1 = NULL) and the text bytes.
    const row = (cells: (string | null)[]) => {
      const parts = cells.map((c) => {
        const length = Buffer.alloc(4);
        length.writeInt32BE(c === null ? -1 : Buffer.byteLength(c));
        return c === null ? length : Buffer.concat([length, Buffer.from(c)]);
      });
      const body = Buffer.concat([Buffer.from([0, cells.length]), ...parts]);
      const head = Buffer.alloc(5);
      head.write('D');
      head.writeInt32BE(body.length + 4, 1);
      return Buffer.concat([head, body]).toString('hex');
    };
    expect(await reproduce('datarows', urlOf(sharedPgServer()))).toEqual({
      case: 'datarows',
      outcome: 'done',
      hook: true,
      messages: [row(['1.50', null, 'é']), row(['2.00', 'x', 'y'])],
      columns: [
        { name: 'price', type: 1700, modifier: (12 << 16) + 2 + 4 },
        { name: 'nothing', type: 25, modifier: -1 },
        { name: 'word', type: 25, modifier: -1 },
      ],
      command: 'SELECT',
      rows: 0,
    });
  });
});

describe("Tusk's pool after the same failures", () => {
  const pg = sharedPgServer();
  let pool: ConnectionPool;

  beforeAll(async () => {
    pool = await ConnectionPool.open({
      login: { ...pg, sslMode: 'require' },
      size: 1,
    });
  });
  afterAll(async () => pool?.close());

  const failure = (work: Promise<unknown>) =>
    work.then(
      () => undefined,
      (error: unknown) => (isTuskError(error) ? error.toErrorInfo() : error),
    );

  it('a query failing after 3 rows, then one returning 5: the second gets 5 rows, no holes (#1119)', async () => {
    const sql = 'SELECT i, 1 / (4 - i) AS boom FROM generate_series(1, 10) i';
    expect(await failure(pool.run((s) => s.query(sql), sql))).toMatchObject({
      kind: 'database',
      code: '22012',
    });
    const rows = await pool.run((s) =>
      s.query<{ x: number }>('SELECT x FROM generate_series(1, 5) x'),
    );
    expect(rows.length).toBe(5);
    expect([...rows]).toEqual([1, 2, 3, 4, 5].map((x) => ({ x })));
  });

  it('a backend terminated inside a transaction: the error says so (never a silent login again outside it), nothing crashes, the next run works', async () => {
    const admin = superuserSql(pg);
    const outcome = await failure(
      pool.run(async (s) => {
        await s.query('BEGIN');
        const [{ pid }] = await s.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin`SELECT pg_terminate_backend(${pid})`;
        // Gone on the server, and its close heard here: the driver would log in again.
        while ((await admin`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`).length > 0) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        await s.query('SELECT 1');
        await s.query('SELECT 2');
      }),
    );
    await admin.end();
    expect(outcome).toMatchObject({
      kind: 'connection',
      message: expect.stringMatching(/^The connection to .* was closed$/),
      hint: expect.stringContaining('reconnect'),
    });
    // The very next run gets a new session.
    expect(await pool.run((s) => s.query<{ x: number }>('SELECT 7 AS x'))).toEqual([{ x: 7 }]);
  });
});
