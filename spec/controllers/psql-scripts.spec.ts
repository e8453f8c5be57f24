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
      hint: expect.stringMatching(/^The schema browser in the sidebar shows it/),
    });
  });

  it('sends what psql sends: the terminating ; is part of the statement', async () => {
    const { payload } = await inTab('SELECT 10 !=-;');
    expect(payload.error.message).toBe('syntax error at or near ";"');
  });

  it('\\gset sets variables from its one row; \\if chooses by them; a branch not taken is not sent', async () => {
    const { queryId, payload } = await inTab(
      [
        'SELECT 42 AS answer, true AS big \\gset',
        '\\if :big',
        "  SELECT :answer AS got, 'taken' AS branch;",
        '\\elif true',
        "  SELECT 'elif' AS branch;",
        '\\else',
        '  SELECT 1/0;',
        '\\endif',
        'SELECT 2 AS two \\gset p_',
        '\\if :{?p_two}',
        '  \\echo two is :p_two',
        '\\endif',
      ].join('\n'),
    );
    expect(payload.error).toBeUndefined();
    expect(payload.results.map((r: { command: string }) => r.command)).toEqual([
      'SELECT',
      '\\gset',
      '\\if',
      'SELECT',
      '\\elif',
      '\\else',
      '\\endif',
      'SELECT',
      '\\gset',
      '\\if',
      '\\echo',
      '\\endif',
    ]);
    expect(payload.results[10].notices).toEqual([{ severity: 'ECHO', message: 'two is 2' }]);
    const taken = await q.call('queries.page', { queryId, result: 3, offset: 0, limit: 5 });
    expect(taken.rows).toEqual([['42', 'taken']]);
  });

  it('\\gset without exactly one row, and an \\if that is not a boolean, stop the script as psql says', async () => {
    const none = await inTab('SELECT 1 AS x WHERE false \\gset\nSELECT 2;');
    expect(none.payload.error).toMatchObject({ message: 'no rows returned for \\gset' });
    const bad = await inTab('\\if maybe\nSELECT 1;\n\\endif');
    expect(bad.payload.error.message).toBe(
      'unrecognized value "maybe" for "\\if expression": Boolean expected',
    );
    const open = await inTab('\\if true\nSELECT 1;');
    expect(open.payload.error.message).toBe('The script ended inside a \\if block');
  });

  it('COPY … FROM STDIN takes the lines after it up to \\. as its data; bad data fails as the server says', async () => {
    const table = `psql_copy_${q.user.suffix}`;
    const { queryId, payload } = await inTab(
      [
        `CREATE TEMP TABLE ${table} (id int, name text, note text);`,
        `COPY ${table} (id, name, note) FROM stdin;`,
        '1\tone\t\\N',
        '2\ttwo; with a semicolon\ttab\\there',
        '\\.',
        `COPY ${table} FROM stdin (FORMAT csv);`,
        '3,"three, quoted",x',
        '\\.',
        `SELECT id, name, note FROM ${table} ORDER BY id;`,
      ].join('\n'),
    );
    expect(payload.error).toBeUndefined();
    expect(
      payload.results.map((r: { command: string; rowCount: number }) => [r.command, r.rowCount]),
    ).toEqual([
      ['CREATE TABLE', 0],
      ['COPY', 2],
      ['COPY', 1],
      ['SELECT', 3],
    ]);
    expect(
      (await q.call('queries.page', { queryId, result: 3, offset: 0, limit: 5 })).rows,
    ).toEqual([
      ['1', 'one', null],
      ['2', 'two; with a semicolon', 'tab\there'],
      ['3', 'three, quoted', 'x'],
    ]);
    const bad = await inTab(
      `CREATE TEMP TABLE ${table}_b (id int);\nCOPY ${table}_b FROM stdin;\nnot a number\n\\.\nSELECT 1;`,
    );
    expect(bad.payload.error).toMatchObject({ kind: 'database', code: '22P02' });
    expect(bad.payload.error.context).toMatch(
      /^COPY psql_copy_\w+_b, line 1, column id: "not a number"$/,
    );
  });
});
