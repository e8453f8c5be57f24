import { page, queryEnd } from '../../support/queries';
import { SCHEMA_SERVERS, startSchemaTarget, type SchemaTarget } from '../../support/schema-targets';
import { explainPlan, inTab } from './plan-support';

/**
 * Issue 28: the text `queries.plan` renders from the JSON is what the server's own EXPLAIN
 * (FORMAT TEXT) prints for the same statement, line for line, without ANALYZE (costs are
 * deterministic); with ANALYZE the same node lines in the same order.
 */
describe.each(SCHEMA_SERVERS)('the plan as text (PostgreSQL %i)', (major) => {
  let t: SchemaTarget;
  const TAB = 'text';

  beforeAll(async () => {
    t = await startSchemaTarget(major, 'tusk_plan_text');
    await t.sql(`
      CREATE TABLE ta (id int PRIMARY KEY, v int, s text);
      INSERT INTO ta SELECT g, g % 100, md5(g::text) FROM generate_series(1, 20000) g;
      CREATE TABLE tb (id int, a_id int, w int);
      INSERT INTO tb SELECT g, g % 20000 + 1, g % 7 FROM generate_series(1, 40000) g;
      CREATE INDEX tb_a_id ON tb (a_id);
      CREATE TABLE "Order" ("user" int PRIMARY KEY, "select" text);
      INSERT INTO "Order" SELECT g, g::text FROM generate_series(1, 5000) g;
      ANALYZE ta; ANALYZE tb; ANALYZE "Order"`);
  }, 90_000);
  afterAll(async () => {
    await t?.sql(`DROP TABLE ta, tb, "Order"`);
    await t?.stop();
  });

  /** The server's own EXPLAIN text of `sql` in the tab, one line per row. */
  const serverText = async (sql: string, options = '') => {
    const { queryId } = await t.call('queries.execute', {
      connectionId: t.connectionId,
      sql: `EXPLAIN ${options} ${sql}`,
      tabId: TAB,
    });
    const end = await queryEnd(t.socket, queryId);
    expect(end.event).toBe('query.completed');
    return (await page(t.socket, queryId)).rows.map((r) => r[0]!);
  };

  const STATEMENTS: [string, string][] = [
    ['a hash join with a filter', 'SELECT * FROM ta JOIN tb ON ta.id = tb.a_id WHERE tb.w > 3'],
    ['an index scan backward', 'SELECT * FROM ta WHERE id < 100 ORDER BY id DESC'],
    ['a bitmap OR', 'SELECT * FROM tb WHERE a_id IN (1, 2, 3) OR a_id < 10'],
    ['a hash aggregate with HAVING', 'SELECT v, count(*) FROM ta GROUP BY v HAVING count(*) > 1'],
    ['an anti join', 'SELECT * FROM ta WHERE NOT EXISTS (SELECT 1 FROM tb WHERE tb.a_id = ta.id)'],
    [
      'a SubPlan and an InitPlan',
      'SELECT id, (SELECT max(w) FROM tb WHERE tb.a_id = ta.id) FROM ta WHERE v > (SELECT avg(v) FROM ta)',
    ],
    [
      'a CTE, UNION ALL, VALUES, a function, a sort',
      `WITH c AS MATERIALIZED (SELECT id, v FROM ta LIMIT 10)
       SELECT * FROM c UNION ALL SELECT * FROM (VALUES (1, 2)) x(a, b)
       UNION ALL SELECT g, g FROM generate_series(1, 3) g ORDER BY 1`,
    ],
    ['quoted names', `SELECT "select" FROM "Order" o WHERE "user" = 1`],
    [
      'a left join, limit',
      'SELECT * FROM ta LEFT JOIN tb ON tb.a_id = ta.id ORDER BY ta.s LIMIT 5',
    ],
    ['an update', 'UPDATE ta SET v = 1 WHERE id = 5'],
    ['an insert on conflict', 'INSERT INTO ta VALUES (1, 2, $$x$$) ON CONFLICT DO NOTHING'],
    ['a window', 'SELECT id, row_number() OVER (PARTITION BY v ORDER BY id) FROM ta'],
  ];

  it.each(STATEMENTS)('%s: the same lines as the server prints', async (_name, sql) => {
    await inTab(t, TAB, 'RESET ALL');
    const reply = await explainPlan(t, sql, { tabId: TAB, analyze: false });
    expect(reply.analyze).toBe(false);
    expect(reply.text.split('\n')).toEqual(await serverText(sql));
  });

  it('with other settings: merge join, nested loop, parallel, disabled nodes', async () => {
    const plans = [
      ['SET enable_hashjoin = off', 'SELECT * FROM ta JOIN tb ON ta.id = tb.a_id'],
      [
        'SET enable_hashjoin = off; SET enable_mergejoin = off',
        'SELECT * FROM ta JOIN tb ON ta.v = tb.w WHERE ta.id < 50',
      ],
      [
        `SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
         SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2`,
        'SELECT v, count(*) FROM ta GROUP BY v',
      ],
      ['SET enable_seqscan = off', 'SELECT count(*) FROM tb WHERE w = 3'],
      ['SET enable_hashagg = off', 'SELECT v, count(*) FROM ta GROUP BY v'],
    ];
    for (const [set, sql] of plans) {
      await inTab(t, TAB, `RESET ALL; ${set!}`);
      const reply = await explainPlan(t, sql!, { tabId: TAB, analyze: false });
      expect(reply.text.split('\n')).toEqual(await serverText(sql!));
    }
  });

  it('VERBOSE: the same lines, outputs and schemas included', async () => {
    await inTab(t, TAB, 'RESET ALL');
    const sql = 'SELECT ta.id, tb.w FROM ta JOIN tb ON ta.id = tb.a_id WHERE tb.w > 3';
    const reply = await explainPlan(t, sql, {
      tabId: TAB,
      analyze: false,
      options: { verbose: true },
    });
    const lines = reply.text.split('\n');
    expect(lines.some((l) => l.trim().startsWith('Output: '))).toBe(true);
    expect(lines).toEqual(await serverText(sql, '(VERBOSE)'));
  });

  it('with ANALYZE: the same node lines in the same order', async () => {
    await inTab(t, TAB, 'RESET ALL; SET work_mem = $$64kB$$');
    const sql =
      'SELECT ta.s, count(*) FROM ta JOIN tb ON ta.id = tb.a_id WHERE ta.v < (SELECT avg(v) FROM ta) GROUP BY ta.s ORDER BY 2 DESC, 1';
    const reply = await explainPlan(t, sql, { tabId: TAB });
    const nodeLines = (lines: string[]) =>
      lines.filter((l) => l.includes('(cost=')).map((l) => l.replace(/ {2}\(cost=.*$/, ''));
    const server = await serverText(sql, '(ANALYZE, BUFFERS)');
    expect(nodeLines(reply.text.split('\n'))).toEqual(nodeLines(server));
    // The other lines are the same kinds, in the same order (their numbers may differ).
    const kinds = (lines: string[]) =>
      lines.map((l) => l.replace(/[:=(].*$/, '').replace(/\d+/g, 'N'));
    expect(kinds(reply.text.split('\n'))).toEqual(kinds(server));
    expect(reply.text).toMatch(/^Planning Time: \d+\.\d{3} ms$/m);
    expect(reply.text.split('\n').at(-1)).toMatch(/^Execution Time: \d+\.\d{3} ms$/);
  });
});
