import { page, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';

/** Issue 23: scripts run as psql runs them (the examples of the issue, psql's answers). */
describe('scripts run as psql runs them (real PostgreSQL)', () => {
  let q: QueryBackend;
  let connection = '';
  const inTab = async (sql: string) => {
    const { queryId, end } = await runQuery(q.socket, connection, sql);
    return { queryId, end, payload: end.payload };
  };

  beforeAll(async () => {
    q = await startQueryBackend('tusk_psql');
    connection = await q.open('psql');
  }, 60_000);
  afterAll(async () => q?.stop());

  it('SELECT 1; SELECT 123abc; SELECT 2; — three statements, the middle one fails on the server', async () => {
    const { payload } = await inTab('SELECT 1; SELECT 123abc; SELECT 2;');
    expect(payload.results.map((r: { command: string }) => r.command)).toEqual(['SELECT']);
    expect(payload.error).toMatchObject({ kind: 'database', code: '42601' });
    expect(payload.error.message).toMatch(/trailing junk after numeric literal|syntax error/);
  });

  it('a string with a line starting with a backslash is one statement, and it succeeds', async () => {
    const { queryId, payload } = await inTab("SELECT 'first\n\\second' AS s;");
    expect(payload.error).toBeUndefined();
    expect((await page(q.socket, queryId)).rows).toEqual([['first\n\\second']]);
  });

  it('a rule with two actions is created whole, whatever else the script holds', async () => {
    const table = `psql_rule_${q.user.suffix}`;
    const { payload } = await inTab(
      `CREATE TEMP TABLE ${table} (id int);
       CREATE RULE two AS ON INSERT TO ${table} DO ALSO (NOTIFY a; NOTIFY b);
       SELECT count(*) FROM pg_rules WHERE rulename = 'two' AND tablename = '${table}';
       SELEC broken;`,
    );
    expect(payload.results.map((r: { command: string }) => r.command)).toEqual([
      'CREATE TABLE',
      'CREATE RULE',
      'SELECT',
    ]);
    expect(payload.error).toMatchObject({ code: '42601' });
  });

  it('\\set n 7 then SELECT :n returns 7; \\echo says its text; \\; sends two statements as one', async () => {
    const { queryId, payload } = await inTab(
      "\\set n 7\n\\echo 'n is' :n\nSELECT :n AS n, :'n' AS text;\nSELECT 1 AS one \\; SELECT 2 AS two;",
    );
    expect(payload.error).toBeUndefined();
    expect(payload.results.map((r: { command: string }) => r.command)).toEqual([
      '\\set',
      '\\echo',
      'SELECT',
      'SELECT',
    ]);
    expect(payload.results[1].notices).toEqual([{ severity: 'ECHO', message: 'n is 7' }]);
    expect((await page(q.socket, queryId)).rows).toEqual([['7', '7']]);
  });

  it('an unsupported psql command stops the script where it stands, naming it', async () => {
    const { payload } = await inTab('SELECT 1;\n\\dt\nSELECT 2;');
    expect(payload.results.map((r: { command: string }) => r.command)).toEqual(['SELECT']);
    expect(payload.error).toMatchObject({
      kind: 'validation',
      message: '\\dt is a psql command, not SQL',
    });
  });

  it('sends what psql sends: the terminating ; is part of the statement', async () => {
    const { payload } = await inTab('SELECT 10 !=-;');
    expect(payload.error.message).toBe('syntax error at or near ";"');
  });
});
