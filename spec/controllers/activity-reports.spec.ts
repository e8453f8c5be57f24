import { SCHEMA_SERVERS, startSchemaTarget, type SchemaTarget } from '../support/schema-targets';

jest.setTimeout(90_000);

describe.each(SCHEMA_SERVERS)('activity reports on PostgreSQL %i', (major) => {
  let t: SchemaTarget;
  beforeAll(async () => {
    t = await startSchemaTarget(major, `actr${major}`);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('statements: without the extension, says why and how to enable it', async () => {
    const report = await t.call('activity.statements', { connectionId: t.connectionId });
    expect(report.available).toBe(false);
    if (report.available) return;
    expect(report.reason).toContain(`not installed in database ${t.database}`);
    expect(report.howTo).toMatch(/shared_preload_libraries/);
    expect(report.howTo).toMatch(/CREATE EXTENSION pg_stat_statements/);
  });

  it("statements: with the extension, the test's heaviest query is first by total time", async () => {
    await t.admin('CREATE EXTENSION pg_stat_statements');
    // Shapes of their own: PostgreSQL 15 leaves aliases out of a statement's identity.
    await t.sql(
      `SELECT count(*) FROM generate_series(1, 2000000) AS heavy_${major};
       SELECT 1 AS light_${major};
       SELECT sum(g) FROM generate_series(1, 1000) AS medium_${major}(g)`,
    );
    const report = await t.call('activity.statements', { connectionId: t.connectionId });
    expect(report.available).toBe(true);
    if (!report.available) return;
    expect(report.version).toMatch(/^1\.\d+$/);
    const mine = report.statements.filter(
      (s) => s.database === t.database && /(heavy|light|medium)_/.test(s.query),
    );
    expect(mine.map((s) => s.query.match(/(heavy|light|medium)_/)![1])).toEqual([
      'heavy',
      'medium',
      'light',
    ]);
    const heavy = mine[0]!;
    expect(heavy).toMatchObject({ user: t.role, calls: 1, rows: 1 });
    expect(heavy.totalMs).toBeGreaterThan(mine[1]!.totalMs);
    expect(heavy.meanMs).toBeCloseTo(heavy.totalMs, 5);
    // Sorted by total time, whole list.
    const totals = report.statements.map((s) => s.totalMs);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('database: sizes, an unused index, dead tuples after a delete', async () => {
    await t.sql(
      `CREATE TABLE big_t (id int PRIMARY KEY, v text);
       CREATE INDEX big_t_v ON big_t (v);
       INSERT INTO big_t SELECT g, repeat('x', 200) FROM generate_series(1, 5000) g;
       DELETE FROM big_t WHERE id <= 1000`,
    );
    const report = await t.call('activity.database', { connectionId: t.connectionId });
    const own = report.databases.find((d) => d.name === t.database);
    expect(own?.bytes).toBeGreaterThan(1_000_000);
    const table = report.tables.find((x) => x.name === 'big_t');
    expect(table).toMatchObject({ schema: 'public' });
    expect(table!.bytes).toBeGreaterThan(1_000_000);
    expect(report.indexes.find((x) => x.name === 'big_t_v')).toMatchObject({ table: 'big_t' });
    expect(report.unusedIndexes.map((x) => x.name)).toContain('big_t_v');
    // The primary key enforces uniqueness: never reported unused.
    expect(report.unusedIndexes.map((x) => x.name)).not.toContain('big_t_pkey');
    const dead = report.deadTuples.find((x) => x.name === 'big_t');
    expect(dead).toMatchObject({ schema: 'public', dead: 1000 });
    expect(report.replication).toEqual({ role: 'primary', standbys: [] });
  });

  it('settings: every one, those changed from their defaults first', async () => {
    const settings = await t.call('activity.settings', { connectionId: t.connectionId });
    expect(settings.length).toBeGreaterThan(200);
    const firstUnchanged = settings.findIndex((s) => !s.changed);
    expect(firstUnchanged).toBeGreaterThan(0);
    expect(settings.slice(firstUnchanged).every((s) => !s.changed)).toBe(true);
    const fsync = settings.find((s) => s.name === 'fsync');
    expect(fsync).toMatchObject({ setting: 'off', changed: true, source: 'command line' });
    expect(settings.find((s) => s.name === 'work_mem')).toMatchObject({
      unit: 'kB',
      source: 'default',
      changed: false,
    });
  });

  it('snapshot and a sample work', async () => {
    const snapshot = await t.call('activity.snapshot', { connectionId: t.connectionId });
    expect(snapshot.sessions.some((s) => s.tusk && s.user === t.role)).toBe(true);
    await t.call('activity.watch', { connectionId: t.connectionId, intervalMs: 500 });
    const sample = await t.socket.event('activity.sample', 3000);
    expect(sample).toMatchObject({ connectionId: t.connectionId });
    await t.call('activity.unwatch', { connectionId: t.connectionId });
  });
});
