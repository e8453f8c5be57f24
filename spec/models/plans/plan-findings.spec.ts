import type { PlanReply } from '../../../app/common/plan-shapes';
import { LiveConnections } from '../../../app/models/connections/live-connections';
import { planStats } from '../../../app/models/plans/plan-stats';
import { SCHEMA_SERVERS, startSchemaTarget, type SchemaTarget } from '../../support/schema-targets';
import { waitUntil } from '../../support/wait';
import { explainPlan, inTab, nodesOf } from './plan-support';

/**
 * Issue 28: the findings `queries.plan` computes — each pointing at its node, worded as a
 * hypothesis with its numbers, with SQL to try — for stale statistics, sorts and hashes
 * spilling to disk, a selective seq scan, a nested loop over a seq scan, heap fetches.
 */
describe.each(SCHEMA_SERVERS)('findings of plans (PostgreSQL %i)', (major) => {
  let t: SchemaTarget;

  beforeAll(async () => {
    t = await startSchemaTarget(major, 'tusk_plan_findings');
  }, 90_000);
  afterAll(async () => t?.stop());

  const findings = (reply: PlanReply, kind: string) =>
    reply.findings.filter((f) => f.kind === kind);

  it('stale statistics: the misestimate with its factor, ANALYZE and last_analyze', async () => {
    await t.sql(`
      CREATE TABLE stale (id int, v int) WITH (autovacuum_enabled = off);
      INSERT INTO stale SELECT g, g FROM generate_series(1, 1000) g;
      ANALYZE stale`);
    try {
      await t.sql('INSERT INTO stale SELECT g, 7 FROM generate_series(1, 200000) g');
      // The inserting session reports its counts as it ends.
      await waitUntil(async () => {
        const [row] = await t.sql(
          `SELECT n_mod_since_analyze AS m FROM pg_stat_user_tables WHERE relname = 'stale'`,
        );
        return Number(row?.['m'] ?? 0) >= 200000;
      }, 10_000);
      const reply = await explainPlan(t, 'SELECT count(*) FROM stale WHERE v = 7', {
        tabId: 'stale',
      });
      const scan = nodesOf(reply, 'Seq Scan')[0]!;
      expect(scan.rowsActual).toBe(200001);
      expect(scan.misestimate).toMatchObject({ direction: 'under' });
      expect(scan.misestimate!.factor).toBeGreaterThan(100);
      const [finding] = findings(reply, 'misestimate').filter((f) => f.nodeId === scan.id);
      expect(finding!.suggestion).toBe('ANALYZE public.stale');
      const factor = Math.round(scan.misestimate!.factor).toLocaleString('en-US');
      expect(finding!.message).toContain(`${factor}× more`);
      const planned = scan.rowsPlanned.toLocaleString('en-US');
      expect(finding!.message).toMatch(
        new RegExp(`: ${planned} rows? estimated per loop, 200,001 came`),
      );
      expect(finding!.message).toMatch(/last analyzed \d{4}-\d\d-\d\d [\d:.+]+ \(ANALYZE\)/);
      expect(finding!.message).toMatch(/, 20\d,\d{3} rows changed since/);
      // Analyzed, the estimate is right and the finding gone.
      await t.sql('ANALYZE stale');
      const after = await explainPlan(t, 'SELECT count(*) FROM stale WHERE v = 7');
      expect(findings(after, 'misestimate')).toEqual([]);
    } finally {
      await t.sql('DROP TABLE stale');
    }
  }, 60_000);

  it('a sort and a hash spilling with a small work_mem: the size they needed', async () => {
    await t.sql(`
      CREATE TABLE spill (id int, s text);
      INSERT INTO spill SELECT g, md5(g::text) FROM generate_series(1, 100000) g;
      ANALYZE spill`);
    try {
      await inTab(t, 'spill', "SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0");
      const sorted = await explainPlan(t, 'SELECT * FROM spill ORDER BY s', { tabId: 'spill' });
      const sort = nodesOf(sorted, 'Sort')[0]!;
      expect(sort.fields['Sort Method']).toMatch(/^external/);
      const disk = sort.fields['Sort Space Used'] as number;
      const [spill] = findings(sorted, 'sort-spill');
      expect(spill!.nodeId).toBe(sort.id);
      expect(spill!.message).toContain(`needed ${(disk / 1024).toFixed(1)} MB on disk`);
      expect(spill!.message).toContain('work_mem');
      const mb = Number(/^SET work_mem = '(\d+)MB'$/.exec(spill!.suggestion!)![1]);
      expect(mb * 1024).toBeGreaterThan(disk);
      // In that much memory it sorts in memory.
      await inTab(t, 'spill', `SET work_mem = '${mb}MB'`);
      const fixed = await explainPlan(t, 'SELECT * FROM spill ORDER BY s', { tabId: 'spill' });
      expect(nodesOf(fixed, 'Sort')[0]!.fields['Sort Method']).toBe('quicksort');
      expect(findings(fixed, 'sort-spill')).toEqual([]);

      await inTab(t, 'spill', "SET work_mem = '64kB'; SET enable_mergejoin = off");
      const joined = await explainPlan(
        t,
        'SELECT count(*) FROM spill a JOIN spill b ON a.s = b.s',
        { tabId: 'spill' },
      );
      const hash = nodesOf(joined, 'Hash')[0]!;
      const batches = hash.fields['Hash Batches'] as number;
      expect(batches).toBeGreaterThan(1);
      const [hashSpill] = findings(joined, 'hash-spill');
      expect(hashSpill!.nodeId).toBe(hash.id);
      expect(hashSpill!.message).toContain(`into ${batches} batches`);
      expect(hashSpill!.suggestion).toMatch(/^SET work_mem = '\d+MB'$/);
    } finally {
      await t.sql('DROP TABLE spill');
    }
  }, 60_000);

  it('a seq scan keeping few rows of a large table: an index on the filtered column', async () => {
    await t.sql(`
      CREATE TABLE big (id int, "Kind" int, note text);
      INSERT INTO big SELECT g, g % 1000, 'n' FROM generate_series(1, 200000) g;
      ANALYZE big`);
    try {
      await inTab(t, 'big', 'SET max_parallel_workers_per_gather = 0');
      const sql = `SELECT * FROM big WHERE "Kind" = 42 AND note <> 'x'`;
      const reply = await explainPlan(t, sql, { tabId: 'big' });
      const scan = nodesOf(reply, 'Seq Scan')[0]!;
      const [finding] = findings(reply, 'seq-scan-filter');
      expect(finding!.nodeId).toBe(scan.id);
      expect(finding!.suggestion).toBe('CREATE INDEX ON public.big ("Kind")');
      expect(finding!.message).toContain(
        'reads 200,000 rows and its filter removes 199,800 of them (99.9 %)',
      );
      expect(finding!.message).toContain('may help');
      expect(finding!.message).not.toContain('The same holds');
      // Three scans saying the same of the same table: said once, where it weighs most.
      const three = await explainPlan(
        t,
        [42, 43, 44].map((k) => `SELECT id FROM big WHERE "Kind" = ${k}`).join(' UNION ALL '),
        { tabId: 'big' },
      );
      const said = findings(three, 'seq-scan-filter');
      expect(said).toHaveLength(1);
      expect(said[0]!.suggestion).toBe('CREATE INDEX ON public.big ("Kind")');
      expect(said[0]!.message).toContain('(The same holds for 2 more nodes of this plan.)');
      const scans = nodesOf(three, 'Seq Scan');
      expect(scans).toHaveLength(3);
      const slowest = scans.reduce((a, b) => (b.exclusiveMs! > a.exclusiveMs! ? b : a));
      expect(said[0]!.nodeId).toBe(slowest.id);
      // With the index, no seq scan and no finding.
      await t.sql('CREATE INDEX ON big ("Kind")');
      const after = await explainPlan(t, sql, { tabId: 'big' });
      expect(nodesOf(after, 'Seq Scan')).toEqual([]);
      expect(findings(after, 'seq-scan-filter')).toEqual([]);
    } finally {
      await t.sql('DROP TABLE big');
    }
  }, 60_000);

  it('a nested loop over a seq scan, and heap fetches of an index-only scan', async () => {
    await t.sql(`
      CREATE TABLE outer_t (id int);
      INSERT INTO outer_t SELECT g FROM generate_series(1, 300) g;
      CREATE TABLE inner_t (a_id int, w int) WITH (autovacuum_enabled = off);
      CREATE INDEX ON inner_t (w);
      INSERT INTO inner_t SELECT g, g FROM generate_series(1, 3000) g;
      ANALYZE outer_t; ANALYZE inner_t`);
    try {
      await inTab(
        t,
        'loop',
        `SET enable_hashjoin = off; SET enable_mergejoin = off; SET enable_material = off;
         SET enable_memoize = off; SET max_parallel_workers_per_gather = 0`,
      );
      const reply = await explainPlan(
        t,
        'SELECT count(*) FROM outer_t o JOIN inner_t i ON i.a_id = o.id',
        { tabId: 'loop' },
      );
      const loop = nodesOf(reply, 'Nested Loop')[0]!;
      const [finding] = findings(reply, 'nested-loop-seq-scan');
      expect(finding!.nodeId).toBe(loop.id);
      expect(finding!.message).toContain('sequentially 300 times');
      expect(finding!.suggestion).toBe('CREATE INDEX ON public.inner_t (a_id)');

      await inTab(t, 'loop', 'RESET ALL; SET enable_seqscan = off; SET enable_bitmapscan = off');
      const only = await explainPlan(t, 'SELECT count(w) FROM inner_t WHERE w < 2000', {
        tabId: 'loop',
      });
      const scan = nodesOf(only, 'Index Only Scan')[0]!;
      expect(scan.fields['Heap Fetches']).toBeGreaterThan(1000);
      const [fetches] = findings(only, 'heap-fetches');
      expect(fetches!.nodeId).toBe(scan.id);
      expect(fetches!.suggestion).toBe('VACUUM public.inner_t');
    } finally {
      await t.sql('DROP TABLE outer_t, inner_t');
    }
  }, 60_000);

  it('time in a function scan and in triggers: their share named', async () => {
    const series = await explainPlan(t, 'SELECT count(*) FROM generate_series(1, 2000000) g');
    const scan = nodesOf(series, 'Function Scan')[0]!;
    const [fn] = findings(series, 'function-time');
    expect(fn!.nodeId).toBe(scan.id);
    expect(fn!.message).toContain(`${Math.round(scan.share! * 100)} % of the execution time`);

    await t.sql(`
      CREATE TABLE fired (id int);
      CREATE FUNCTION fired_slow() RETURNS trigger LANGUAGE plpgsql AS
        $$BEGIN PERFORM pg_sleep(0.001); RETURN NEW; END$$;
      CREATE TRIGGER fired_slow BEFORE INSERT ON fired FOR EACH ROW EXECUTE FUNCTION fired_slow()`);
    try {
      const insert = await explainPlan(
        t,
        'INSERT INTO fired SELECT g FROM generate_series(1, 100) g',
      );
      expect(insert.triggers).toEqual([
        expect.objectContaining({ name: 'fired_slow', relation: 'fired', calls: 100 }),
      ]);
      const [trigger] = findings(insert, 'trigger-time');
      expect(trigger!.nodeId).toBeNull();
      expect(trigger!.message).toContain(
        `Triggers (fired_slow) take ${insert.triggers[0]!.timeMs.toFixed(1)} ms`,
      );
      expect(insert.text).toMatch(/^Trigger fired_slow: time=\d+\.\d{3} calls=100$/m);
      // ANALYZE was rolled back: nothing was inserted.
      expect(await t.sql('SELECT count(*)::int AS n FROM fired')).toEqual([{ n: 0 }]);
    } finally {
      await t.sql('DROP TABLE fired; DROP FUNCTION fired_slow()');
    }
  }, 60_000);

  it('NOT_A_PLAN for a result that is no plan; a TEXT EXPLAIN gives its text', async () => {
    const run = async (sql: string) => {
      const { queryId } = await t.call('queries.execute', { connectionId: t.connectionId, sql });
      await waitUntil(() =>
        t.socket.events.some(
          (e) =>
            e.event === 'query.completed' && (e.payload as { queryId: string }).queryId === queryId,
        ),
      );
      return queryId;
    };
    for (const sql of [
      'SELECT 1',
      `SELECT '[1]'::json AS "QUERY PLAN"`,
      `SELECT '[{"Plan": {"Rows": 1}}]'::json AS "QUERY PLAN"`,
      `SELECT 'nope'::text::json AS "QUERY PLAN"`.replace("'nope'", `'"nope"'`),
    ]) {
      const reply = await t.socket.reply('queries.plan', { queryId: await run(sql) });
      expect(reply.error).toMatchObject({ code: 'NOT_A_PLAN', kind: 'validation' });
      expect(reply.error!.hint).toBeTruthy();
    }
    const text = await t.call('queries.plan', { queryId: await run('EXPLAIN SELECT 1') });
    expect(text).toMatchObject({ format: 'text', nodes: [], json: null });
    expect(text.text).toMatch(/^Result {2}\(cost=0\.00\.\.0\.01 rows=1 width=4\)$/);
    // The user's own EXPLAIN (FORMAT JSON) is read as Tusk's is.
    const own = await t.call('queries.plan', {
      queryId: await run('EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1'),
    });
    expect(own).toMatchObject({ format: 'json', analyze: true });
    expect(own.nodes[0]).toMatchObject({ nodeType: 'Result', loops: 1, rowsActual: 1 });
    expect(own.text.split('\n')[0]).toMatch(/^Result {2}\(cost=.*\) \(actual time=.* loops=1\)$/);
  });

  it('the catalog lookup says nothing, and fails nothing, for a connection not open', async () => {
    const lookup = planStats(new LiveConnections(), 'no-such-connection');
    expect((await lookup([{ name: 'stale' }])).size).toBe(0);
  });
});
