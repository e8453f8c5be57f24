import { page, queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';

/**
 * Issue 23: errors and notices carry everything the server said, and nothing it did not
 * (psql's output is the reference).
 */
describe('what the server said, as it said it', () => {
  let q: QueryBackend;
  let connection = '';
  const run = (sql: string) => runQuery(q.socket, connection, sql);
  /** Runs `sql` in the tab session `tab` (its temp tables last). */
  const inTab = async (tab: string, sql: string) => {
    const { queryId } = await q.call('queries.execute', {
      connectionId: connection,
      sql,
      tabId: tab,
    });
    return { end: await queryEnd(q.socket, queryId) };
  };

  beforeAll(async () => {
    q = await startQueryBackend('tusk_said');
    connection = await q.open('said');
  }, 60_000);
  afterAll(async () => q?.stop());

  it('a PL/pgSQL error three calls deep keeps its CONTEXT; no position is made up', async () => {
    const fn = `said_fn_${q.user.suffix}`;
    const { end } = await run(
      `CREATE FUNCTION pg_temp.${fn}_c() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1/0; END $$;
       CREATE FUNCTION pg_temp.${fn}_b() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN pg_temp.${fn}_c(); END $$;
       CREATE FUNCTION pg_temp.${fn}_a() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN pg_temp.${fn}_b(); END $$;
       SELECT pg_temp.${fn}_a()`,
    );
    expect(end.event).toBe('query.failed');
    const error = end.payload.error;
    expect(error).toMatchObject({ kind: 'database', code: '22012', message: 'division by zero' });
    expect(error.context.split('\n')).toHaveLength(4);
    expect(error.context).toMatch(
      new RegExp(`PL/pgSQL function pg_temp_\\d+\\.${fn}_c\\(\\) line 1 at RETURN`),
    );
    expect(error.context).toMatch(new RegExp(`${fn}_a\\(\\) line 1 at RETURN$`));
    // The server gave no position: none is made up, the statement's line is named.
    expect(error.position).toBeUndefined();
    expect(error.column).toBeUndefined();
    expect(error.line).toBe(4);
    expect(error.statementStart).toBeGreaterThan(1);
    // Division by zero gets no generic "value does not fit" hint.
    expect(error.hint).toBeUndefined();
  });

  it('a notice raised before a failing statement is kept with it, with its DETAIL and HINT', async () => {
    const { end } = await run(
      `DO $$ BEGIN RAISE NOTICE 'a' USING DETAIL = 'more', HINT = 'do this'; END $$; SELECT 1/0;`,
    );
    expect(end.event).toBe('query.failed');
    expect(end.payload.results[0].notices).toEqual([
      {
        severity: 'NOTICE',
        message: 'a',
        detail: 'more',
        hint: 'do this',
        context: 'PL/pgSQL function inline_code_block line 1 at RAISE',
      },
    ]);
    const failing = await run(`DO $$ BEGIN RAISE NOTICE 'before'; PERFORM 1/0; END $$`);
    expect(failing.end.payload.results).toMatchObject([
      { command: null, notices: [{ message: 'before' }] },
    ]);
    expect(failing.end.payload.error).toMatchObject({ code: '22012' });
  });

  it('the internal query and its position, and the names the server gives', async () => {
    const { end } = await run(`DO $$ BEGIN PERFORM nosuch_column FROM pg_class; END $$`);
    expect(end.payload.error).toMatchObject({
      code: '42703',
      internalQuery: 'SELECT nosuch_column FROM pg_class',
      internalPosition: 8,
    });
    const table = `said_t_${q.user.suffix}`;
    const made = await inTab(
      't',
      `CREATE TEMP TABLE ${table} (id int CONSTRAINT positive CHECK (id > 0))`,
    );
    expect(made.end.event).toBe('query.completed');
    const broken = await inTab('t', `INSERT INTO ${table} VALUES (-1)`);
    expect(broken.end.payload.error).toMatchObject({
      kind: 'database',
      code: '23514',
      tableName: table,
      constraintName: 'positive',
    });
    expect(broken.end.payload.error.schemaName).toMatch(/^pg_temp_\d+$/);
  });

  it('a statement error is kind database, with no advice about connecting', async () => {
    const { end } = await run(`DROP DATABASE nosuch_${q.user.suffix}`);
    expect(end.payload.error).toMatchObject({ kind: 'database', code: '3D000' });
    expect(end.payload.error.stage).toBeUndefined();
    expect(end.payload.error.hint).toBeUndefined();
  });

  it('a password literal is cut from its own statement only, never from later messages', async () => {
    // Both statements run on one tab's session: while the role's password is 'col', a pool
    // session that has to log in would be refused.
    try {
      const set = await inTab('pw', `ALTER ROLE ${q.user.role} PASSWORD 'col'`);
      expect(set.end.event).toBe('query.completed');
      const { end } = await inTab('pw', 'SELECT nosuch_column FROM pg_class');
      expect(end.payload.error.message).toBe('column "nosuch_column" does not exist');
    } finally {
      await q.admin(`ALTER ROLE ${q.user.role} PASSWORD '${q.user.password}'`);
    }
    const history = await q.call('history.search', {});
    const texts = JSON.stringify(history);
    expect(texts).not.toMatch(/PASSWORD 'col'/);
    expect(texts).toMatch(/ALTER ROLE/);
  });

  it('a notice keeps what the server said after an error in the same run', async () => {
    const { queryId } = await q.call('queries.execute', {
      connectionId: connection,
      sql: `SELECT 1 AS one; DO $$ BEGIN RAISE WARNING 'w' USING DETAIL = 'd'; END $$`,
    });
    const end = await queryEnd(q.socket, queryId);
    expect(end.payload.results[1].notices).toEqual([
      {
        severity: 'WARNING',
        message: 'w',
        detail: 'd',
        context: 'PL/pgSQL function inline_code_block line 1 at RAISE',
      },
    ]);
    expect((await page(q.socket, queryId)).rows).toEqual([['1']]);
  });

  it('a result of no columns is a result; rows a rule returns under an INSERT are counted', async () => {
    const none = await run('SELECT EXCEPT SELECT');
    expect(none.end.payload.results[0]).toMatchObject({
      command: 'SELECT',
      hasRows: true,
      rowCount: 0,
    });
    expect(await page(q.socket, none.queryId)).toMatchObject({ columns: [], rows: [] });
    const table = `said_rule_${q.user.suffix}`;
    const made = await inTab(
      'rule',
      `CREATE TEMP TABLE ${table} (id int);
       CREATE RULE r AS ON INSERT TO ${table} DO INSTEAD SELECT 42 AS answer`,
    );
    expect(made.end.event).toBe('query.completed');
    const { queryId } = await q.call('queries.execute', {
      connectionId: connection,
      sql: `INSERT INTO ${table} VALUES (1)`,
      tabId: 'rule',
    });
    const end = await queryEnd(q.socket, queryId);
    expect(end.payload.results[0]).toMatchObject({ hasRows: true, rowCount: 1 });
    expect((await page(q.socket, queryId)).rows).toEqual([['42']]);
  });
});
