import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import { page, queryEnd } from '../support/queries';
import { startSchemaTarget, type SchemaTarget } from '../support/schema-targets';
import { refusalOf } from '../support/socket';

/**
 * `queries.explain` (issue 28): EXPLAIN ANALYZE executes the statement, so Tusk always runs
 * it in a transaction that is rolled back — a savepoint inside the tab's own open
 * transaction, so the user's work and the transaction stay. Errors point into the text
 * the user asked for; what EXPLAIN cannot take is refused with a code.
 */
describe('queries.explain: ANALYZE is rolled back', () => {
  let b: QueryBackend;
  let connectionId = '';
  let table = '';
  const count = async () => Number((await b.admin(`SELECT count(*) AS n FROM ${table}`))[0]!['n']);
  const end = async (started: Promise<{ queryId: string }>) => {
    const { queryId } = await started;
    return { queryId, ...(await queryEnd(b.socket, queryId)) };
  };
  const run = (sql: string, tabId?: string) =>
    end(b.call('queries.execute', { connectionId, sql, ...(tabId ? { tabId } : {}) }));
  const explain = (
    sql: string,
    extra: { tabId?: string; params?: string[] } = {},
    analyze = true,
  ) => end(b.call('queries.explain', { connectionId, sql, analyze, options: {}, ...extra }));

  beforeAll(async () => {
    b = await startQueryBackend('explain');
    table = await b.table('ex', 'id int PRIMARY KEY, n int');
    await b.admin(`INSERT INTO ${table} SELECT g, g FROM generate_series(1, 200) g`);
    connectionId = await b.open('explain');
  });
  afterAll(() => b?.stop());

  it('leaves every row in place after EXPLAIN ANALYZE of a DELETE on a pool session', async () => {
    const done = await explain(`DELETE FROM ${table}`);
    expect(done.event).toBe('query.completed');
    expect(done.payload.transaction).toBe('idle');
    const plan = await page(b.socket, done.queryId);
    // It did run: ANALYZE counted the rows it deleted before they came back.
    expect(plan.rows[0]![0]).toContain('"Actual Loops": 1');
    expect(await count()).toBe(200);
  });

  it('leaves a data-modifying WITH undone on a tab with no transaction, the tab left idle', async () => {
    const done = await explain(
      `WITH d AS (DELETE FROM ${table} WHERE id <= 50 RETURNING id) SELECT count(*) FROM d`,
      { tabId: 'explain-idle' },
    );
    expect(done.event).toBe('query.completed');
    expect(done.payload.transaction).toBe('idle');
    expect(await count()).toBe(200);
    const after = await run(`SELECT count(*) FROM ${table}`, 'explain-idle');
    expect((await page(b.socket, after.queryId)).rows).toEqual([['200']]);
  });

  it("keeps the user's open transaction and its earlier insert", async () => {
    const tabId = 'explain-open';
    await run(`BEGIN; INSERT INTO ${table} VALUES (1001, 1)`, tabId);
    const done = await explain(`DELETE FROM ${table}`, { tabId });
    expect(done.event).toBe('query.completed');
    expect(done.payload.transaction).toBe('open');
    const inside = await run(`SELECT count(*), bool_or(id = 1001) FROM ${table}`, tabId);
    expect(inside.payload.transaction).toBe('open');
    expect((await page(b.socket, inside.queryId)).rows).toEqual([['201', 't']]);
    // Not committed: outside the tab the insert is not seen yet.
    expect(await count()).toBe(200);
    await run('ROLLBACK', tabId);
    expect(await count()).toBe(200);
  });

  it('leaves the open transaction usable when the analyzed statement fails', async () => {
    const tabId = 'explain-fails';
    await run(`BEGIN; INSERT INTO ${table} VALUES (1002, 1)`, tabId);
    const failed = await explain(`SELECT n / (n - n) FROM ${table}`, { tabId });
    expect(failed.event).toBe('query.failed');
    expect(failed.payload.error.code).toBe('22012');
    expect(failed.payload.transaction).toBe('open');
    const inside = await run(`SELECT count(*) FROM ${table} WHERE id = 1002`, tabId);
    expect((await page(b.socket, inside.queryId)).rows).toEqual([['1']]);
    await run('ROLLBACK', tabId);
  });

  it('rolls back a cancelled EXPLAIN ANALYZE and keeps the open transaction', async () => {
    const tabId = 'explain-cancel';
    await run(`BEGIN; INSERT INTO ${table} VALUES (1003, 1)`, tabId);
    const { queryId } = await b.call('queries.explain', {
      connectionId,
      sql: `WITH d AS (DELETE FROM ${table} RETURNING id) SELECT count(*), pg_sleep(30) FROM d`,
      tabId,
      analyze: true,
      options: {},
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await b.call('queries.cancel', { queryId });
    const cancelled = await queryEnd(b.socket, queryId);
    expect(cancelled.event).toBe('query.cancelled');
    expect(cancelled.payload.transaction).toBe('open');
    const inside = await run(`SELECT count(*), bool_or(id = 1003) FROM ${table}`, tabId);
    expect((await page(b.socket, inside.queryId)).rows).toEqual([['201', 't']]);
    await run('ROLLBACK', tabId);
    expect(await count()).toBe(200);
  });

  it('is refused by the server on a read-only connection, every row kept', async () => {
    const readOnly = await b.open('explain read-only', { readOnly: true });
    const { queryId } = await b.call('queries.explain', {
      connectionId: readOnly,
      sql: `DELETE FROM ${table}`,
      analyze: true,
      options: {},
    });
    const refused = await queryEnd(b.socket, queryId);
    expect(refused.event).toBe('query.failed');
    expect(refused.payload.error.code).toBe('25006');
    expect(await count()).toBe(200);
  });

  it('takes parameters ($n) for the statement it explains', async () => {
    const done = await explain(`SELECT * FROM ${table} WHERE id = $1`, { params: ['7'] });
    expect(done.event).toBe('query.completed');
    const text = (await page(b.socket, done.queryId)).rows[0]![0]!;
    expect(text).toMatch(/"Actual Rows": 1(\.0+)?,/);
  });

  it('puts an error at its place in the text asked for, not in the EXPLAIN around it', async () => {
    const failed = await explain(`SELECT id,\n  nope FROM ${table}`, {}, false);
    expect(failed.event).toBe('query.failed');
    expect(failed.payload.error).toMatchObject({ code: '42703', position: 14, line: 2, column: 3 });
    const first = await explain(`SELECT nope FROM ${table}`, {}, false);
    expect(first.payload.error).toMatchObject({ position: 8, line: 1, column: 8 });
  });

  it('refuses what EXPLAIN cannot take, with a code and a hint', async () => {
    const refused = async (sql: string, options = {}, analyze = false) =>
      refusalOf(b.call('queries.explain', { connectionId, sql, analyze, options }));
    const ddl = await refused('CREATE TABLE x (a int)');
    expect(ddl).toMatchObject({ kind: 'validation', code: 'NOT_EXPLAINABLE' });
    expect(ddl.hint).toContain('SELECT');
    expect(await refused('SELECT 1; SELECT 2')).toMatchObject({
      code: 'NOT_EXPLAINABLE',
      message: 'EXPLAIN takes one statement; this text has 2',
    });
    expect(await refused('EXPLAIN SELECT 1')).toMatchObject({
      code: 'NOT_EXPLAINABLE',
      message: 'This statement is already an EXPLAIN',
    });
    expect(await refused('SELECT $1', { genericPlan: true }, true)).toMatchObject({
      code: 'EXPLAIN_OPTION_REFUSED',
      message: 'GENERIC_PLAN cannot be combined with ANALYZE',
    });
    expect(await refused('SELECT 1', { wal: true })).toMatchObject({
      code: 'EXPLAIN_OPTION_REFUSED',
      message: 'WAL needs ANALYZE',
    });
    expect(await refused('   ')).toMatchObject({ kind: 'validation' });
  });

  it('gives a generic plan for $1 on PostgreSQL 16 and later', async () => {
    // Without values nor GENERIC_PLAN the server says the parameter is missing.
    const missing = await explain(`SELECT * FROM ${table} WHERE id = $1`, {}, false);
    expect(missing.payload.error.code).toBe('42P02');
    const { queryId } = await b.call('queries.explain', {
      connectionId,
      sql: `SELECT * FROM ${table} WHERE id = $1`,
      analyze: false,
      options: { genericPlan: true },
    });
    const generic = await queryEnd(b.socket, queryId);
    expect(generic.event).toBe('query.completed');
    expect((await page(b.socket, queryId)).rows[0]![0]).toContain('$1');
  });

  it('runs each option it is given and reads a plain EXPLAIN as text', async () => {
    const { queryId } = await b.call('queries.explain', {
      connectionId,
      sql: `SELECT id FROM ${table} WHERE n > 10`,
      analyze: true,
      options: { verbose: true, settings: true, wal: true, buffers: false },
    });
    expect((await queryEnd(b.socket, queryId)).event).toBe('query.completed');
    const json = (await page(b.socket, queryId)).rows[0]![0]!;
    expect(json).toContain('"Output"');
    expect(json).toContain('"WAL Records"');
    expect(json).not.toContain('"Shared Hit Blocks"');
    const own = await run(`EXPLAIN (COSTS OFF) SELECT id FROM ${table} WHERE n > 10`);
    const reply = await b.call('queries.plan', { queryId: own.queryId });
    expect(reply).toMatchObject({ format: 'text', nodes: [], json: null, analyze: false });
    expect(reply.text).toBe(`Seq Scan on ${table}\n  Filter: (n > 10)`);
  });

  it('says a result is not a plan', async () => {
    const other = await run(`SELECT 1 AS "QUERY"`);
    const refusal = await refusalOf(b.call('queries.plan', { queryId: other.queryId }));
    expect(refusal).toMatchObject({ kind: 'validation', code: 'NOT_A_PLAN' });
  });
});

describe('queries.explain on PostgreSQL 15', () => {
  let target: SchemaTarget;
  beforeAll(async () => {
    target = await startSchemaTarget(15, 'explain15');
  }, 60_000);
  afterAll(() => target?.stop());

  it('refuses GENERIC_PLAN, which needs 16, and explains with values instead', async () => {
    const { connectionId } = target;
    const refusal = await refusalOf(
      target.call('queries.explain', {
        connectionId,
        sql: 'SELECT $1::int + 1',
        analyze: false,
        options: { genericPlan: true },
      }),
    );
    expect(refusal).toMatchObject({
      code: 'EXPLAIN_OPTION_REFUSED',
      message: 'GENERIC_PLAN needs PostgreSQL 16 or later',
    });
    const { queryId } = await target.call('queries.explain', {
      connectionId,
      sql: 'SELECT $1::int + 1',
      params: ['41'],
      analyze: true,
      options: {},
    });
    expect((await queryEnd(target.socket, queryId)).event).toBe('query.completed');
    expect((await page(target.socket, queryId)).rows[0]![0]).toContain('"Node Type": "Result"');
  });
});
