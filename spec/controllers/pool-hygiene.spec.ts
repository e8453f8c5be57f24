import { sharedPgServer } from '../support/postgres';
import { page, queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestRole } from '../support/secrets';
import type { TestSocket } from '../support/socket';

/** A pool run leaves nothing behind; a read-only connection cannot be made read-write. */
describe('pool runs leave their session clean; read-only holds', () => {
  const pg = sharedPgServer();
  let q: QueryBackend;
  let user: TestRole;
  let socket: TestSocket;
  /** A pool of one session: every run meets what the one before left. */
  let single = '';
  /** The superuser, pool of one (session_authorization needs it). */
  let superuser = '';
  let readOnly = '';
  let table = '';
  let other = '';
  const admin = (sql: string) => q.admin(sql);
  const rows = async (connectionId: string, sql: string) => {
    const { queryId, end } = await runQuery(socket, connectionId, sql);
    expect([sql, end.event, end.payload.error?.message]).toEqual([
      sql,
      'query.completed',
      undefined,
    ]);
    return (await page(socket, queryId)).rows;
  };
  const inTab = async (sql: string) => {
    const { queryId } = await q.call('queries.execute', {
      connectionId: readOnly,
      sql,
      tabId: 'ro',
    });
    return queryEnd(socket, queryId);
  };

  beforeAll(async () => {
    q = await startQueryBackend('tusk_hygiene');
    user = q.user;
    socket = q.socket;
    table = await q.table('hygiene', 'x int');
    other = `hygiene_other_${user.suffix}`;
    await admin(`CREATE ROLE ${other}; GRANT ${other} TO ${user.role}`);
    single = await q.open('single', { poolSize: 1 });
    readOnly = await q.open('read-only', { poolSize: 1, readOnly: true });
    superuser = await q.open('superuser', {
      username: pg.username,
      password: pg.password,
      poolSize: 1,
    });
  }, 60_000);
  afterAll(async () => {
    await q?.admin(`DROP ROLE IF EXISTS ${other}`);
    await q?.stop();
  });

  it.each([
    [
      'search_path',
      "SELECT set_config('search_path', 'leaked', false)",
      'SHOW search_path',
      '"$user", public',
    ],
    ['work_mem', "SELECT set_config('work_mem', '7MB', false)", 'SHOW work_mem', '4MB'],
    [
      'statement_timeout',
      "SELECT set_config('statement_timeout', '0', false)",
      'SHOW statement_timeout',
      '30s',
    ],
    [
      'application_name through VALUES',
      "VALUES (set_config('application_name', 'leaked', false))",
      'SHOW application_name',
      'Tusk',
    ],
    [
      'work_mem through a CTE',
      "WITH s AS (SELECT set_config('work_mem', '9MB', false)) SELECT * FROM s",
      'SHOW work_mem',
      '4MB',
    ],
    [
      'an advisory lock',
      'SELECT pg_advisory_lock(777)',
      "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 777 AND pid = pg_backend_pid()",
      '0',
    ],
    [
      'SELECT … INTO TEMP',
      'SELECT 1 AS x INTO TEMP leaked_temp',
      "SELECT count(*) FROM pg_class WHERE relname = 'leaked_temp'",
      '0',
    ],
  ])('%s set by a run never reaches the next run', async (_what, set, show, expected) => {
    const { end } = await runQuery(socket, single, set);
    expect(end.event).toBe('query.completed');
    expect(await rows(single, show)).toEqual([[expected]]);
  });

  it('role and session authorization set by functions never reach the next run', async () => {
    await rows(single, `SELECT set_config('role', '${other}', false)`);
    expect(await rows(single, 'SELECT current_user')).toEqual([[user.role]]);
    await rows(superuser, `SELECT set_config('session_authorization', '${user.role}', false)`);
    expect(await rows(superuser, 'SELECT session_user, current_user')).toEqual([
      [pg.username, pg.username],
    ]);
  });

  it('a read-only connection refuses BEGIN READ WRITE, SET TRANSACTION READ WRITE and turning its default off', async () => {
    for (const sql of [
      'BEGIN READ WRITE',
      'START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE',
      'BEGIN; SET TRANSACTION READ WRITE',
      'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE',
      'SET default_transaction_read_only = off',
      "SELECT set_config('default_transaction_read_only', 'off', false)",
    ]) {
      const { end } = await runQuery(socket, readOnly, sql);
      expect([sql, end.payload.error]).toEqual([
        sql,
        expect.objectContaining({
          kind: 'validation',
          code: 'READ_ONLY',
          hint: expect.stringContaining('a role without write privileges is what enforces it'),
        }),
      ]);
    }
    // Read-only forms are fine.
    expect(await rows(readOnly, 'BEGIN READ ONLY; SELECT 1; COMMIT')).toEqual([['1']]);
  });

  it('read-only turned off where the parse tree cannot see it (a computed set_config, a DO block) is put back; writes still fail', async () => {
    for (const sql of [
      "SELECT set_config('default_transaction_' || 'read_only', 'off', false)",
      "DO $$ BEGIN PERFORM set_config('default_transaction_read_only', 'off', false); END $$",
    ]) {
      const { end } = await runQuery(socket, readOnly, `${sql}; SELECT 'not run'`);
      expect([sql, end.payload.error]).toEqual([
        sql,
        expect.objectContaining({ kind: 'validation', code: 'READ_ONLY' }),
      ]);
      expect(end.payload.results).toHaveLength(1);
      for (let i = 0; i < 6; i++) {
        const write = await runQuery(socket, readOnly, `INSERT INTO ${table} VALUES (${i})`);
        expect(write.end.payload.error).toMatchObject({ code: '25006' });
      }
      // A tab's own session too: turned back on, its next write fails.
      const escape = await inTab(sql);
      expect(escape.payload.error).toMatchObject({ code: 'READ_ONLY' });
      const write = await inTab(`INSERT INTO ${table} VALUES (99)`);
      expect(write.payload.error).toMatchObject({ code: '25006' });
    }
    expect(await admin(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
  });
});
