import { DEMO_SCHEMA_SQL } from '../../app/models/app/demo-schema';
import type { SchemaSummary, TreeObject } from '../../app/controllers/api';
import { refusalOf } from '../support/socket';
import { SCHEMA_SERVERS, startSchemaTarget, type SchemaTarget } from '../support/schema-targets';

const RELKINDS: Record<string, string> = {
  r: 'table',
  p: 'partitioned_table',
  v: 'view',
  m: 'materialized_view',
  f: 'foreign_table',
  S: 'sequence',
};

/**
 * Issue 25: the schema model on a real server (Debian's 15 and the embedded 18): the demo
 * database's schemas, objects, columns, keys and indexes as pg_catalog says them (each
 * expectation read from pg_catalog by the test), search, what the role may not read, bad
 * input, the cache kept until refresh and dropped with its connection.
 */
describe.each(SCHEMA_SERVERS)('the schema of the demo database (PostgreSQL %i)', (major) => {
  let t: SchemaTarget;
  let connectionId = '';

  beforeAll(async () => {
    t = await startSchemaTarget(major, 'tusk_schema');
    connectionId = t.connectionId;
    await t.sql(DEMO_SCHEMA_SQL);
  }, 120_000);
  afterAll(async () => t?.stop());

  it('lists the schemas with owner and counts; system schemas only when asked', async () => {
    // The first call answers before the catalog has loaded (a grouped query beside the
    // load): the same schemas and counts as the loaded catalog gives.
    const first = (await t.call('schema.tree', {
      connectionId,
      includeSystem: true,
    })) as SchemaSummary[];
    await t.call('schema.refresh', { connectionId });
    expect(await t.call('schema.tree', { connectionId, includeSystem: true })).toEqual(first);
    expect(first.find((s) => s.name === 'pg_catalog')!.counts).toMatchObject({
      table: expect.any(Number),
      view: expect.any(Number),
      function: expect.any(Number),
      aggregate: expect.any(Number),
      type: expect.any(Number),
    });
    const schemas = (await t.call('schema.tree', { connectionId })) as SchemaSummary[];
    const expected = await t.sql(`
      SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner
        FROM pg_namespace n
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
         AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
       ORDER BY n.nspname`);
    expect(schemas.map((s) => ({ name: s.name, owner: s.owner }))).toEqual(expected);
    expect(schemas.every((s) => !s.system)).toBe(true);
    const counts = await t.sql(`
      SELECT c.relkind::text AS relkind, count(*)::int AS n FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p','v','m','f','S')
       GROUP BY 1`);
    const publicSchema = schemas.find((s) => s.name === 'public')!;
    expect(publicSchema.counts).toEqual(
      Object.fromEntries(counts.map((c) => [RELKINDS[c['relkind'] as string], c['n']])),
    );
    const all = (await t.call('schema.tree', {
      connectionId,
      includeSystem: true,
    })) as SchemaSummary[];
    expect(all.find((s) => s.name === 'pg_catalog')).toMatchObject({ system: true });
    expect(all.filter((s) => !s.system).map((s) => s.name)).toEqual(schemas.map((s) => s.name));
  });

  it("lists public's objects by kind then name, each relation with its columns and types", async () => {
    const objects = (await t.call('schema.tree', {
      connectionId,
      schema: 'public',
    })) as TreeObject[];
    const relations = await t.sql(`
      SELECT c.oid::int AS oid, c.relname AS name, c.relkind::text AS relkind,
             (SELECT json_agg(json_build_object('name', a.attname,
                                                'type', format_type(a.atttypid, a.atttypmod))
                              ORDER BY a.attnum)
                FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                 AND NOT a.attisdropped) AS columns
        FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p','v','m','f','S')`);
    const order = Object.values(RELKINDS);
    const expected = relations
      .map((r) => ({
        kind: RELKINDS[r['relkind'] as string],
        schema: 'public',
        name: r['name'],
        oid: r['oid'],
        ...(r['relkind'] === 'S' ? {} : { columns: r['columns'] }),
      }))
      .sort(
        (a, b) =>
          order.indexOf(a.kind!) - order.indexOf(b.kind!) ||
          (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0),
      );
    expect(
      objects.map(({ kind, schema, name, oid, columns }) => ({
        kind,
        schema,
        name,
        oid,
        ...(columns ? { columns } : {}),
      })),
    ).toEqual(expected);
    expect(objects.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'customers',
        'orders',
        'order_items',
        'products',
        'revenue_by_country',
      ]),
    );
    expect(objects.every((o) => o.readable)).toBe(true);
  });

  it('gives each table its columns, keys and indexes as pg_catalog says', async () => {
    for (const table of ['customers', 'products', 'orders', 'order_items']) {
      const details = await t.call('schema.object', {
        connectionId,
        schema: 'public',
        name: table,
        kind: 'table',
      });
      const columns = await t.sql(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
                NOT a.attnotnull AS nullable,
                CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS "default",
                CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity
           FROM pg_attribute a
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = 'public.${table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum`,
        true,
      );
      expect(
        details.columns!.map(({ name, type, nullable, default: d, identity }) => ({
          name,
          type,
          nullable,
          default: d,
          identity,
        })),
      ).toEqual(columns);
      const keys = await t.sql(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition,
                CASE contype WHEN 'p' THEN 'primary' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign'
                             WHEN 'c' THEN 'check' ELSE 'exclusion' END AS type
           FROM pg_constraint
          WHERE conrelid = 'public.${table}'::regclass AND contype IN ('p','u','f','c','x')`,
        true,
      );
      const byName = (a: Record<string, unknown>, b: Record<string, unknown>) =>
        String(a.name) < String(b.name) ? -1 : 1;
      expect(
        details
          .constraints!.map(({ name, definition, type }) => ({ name, definition, type }))
          .sort(byName),
      ).toEqual(keys.sort(byName));
      const indexes = await t.sql(
        `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
                i.indisunique AS "unique", i.indisprimary AS "primary"
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = 'public.${table}'::regclass`,
        true,
      );
      expect(
        details
          .indexes!.map(({ name, definition, unique, primary }) => ({
            name,
            definition,
            unique,
            primary,
          }))
          .sort(byName),
      ).toEqual(indexes.sort(byName));
      expect(details.ddl).toMatch(new RegExp(`^CREATE TABLE public\\.${table} \\(`));
    }
    const orders = await t.call('schema.object', {
      connectionId,
      schema: 'public',
      name: 'orders',
      kind: 'table',
    });
    expect(orders.constraints!.find((c) => c.type === 'foreign')).toMatchObject({
      columns: ['customer_id'],
      references: { schema: 'public', table: 'customers', columns: ['id'] },
    });
    expect(orders.ddl).toContain('CREATE INDEX orders_customer_idx ON public.orders');
  });

  it("gives the view its columns and PostgreSQL's own definition", async () => {
    const objects = (await t.call('schema.tree', {
      connectionId,
      schema: 'public',
    })) as TreeObject[];
    const view = objects.find((o) => o.name === 'revenue_by_country')!;
    expect(view.kind).toBe('view');
    const details = await t.call('schema.object', { connectionId, oid: view.oid, kind: 'view' });
    const [def] = await t.sql(
      `SELECT pg_get_viewdef('public.revenue_by_country'::regclass, true) AS def`,
      true,
    );
    expect(details.ddl).toBe(
      `CREATE VIEW public.revenue_by_country AS\n${String(def!['def']).trim().replace(/;$/, '')};`,
    );
    expect(details.columns!.map((c) => c.name)).toEqual(['country', 'orders', 'revenue']);
  });

  it('finds objects and columns by part of their name, exact > prefix > contains, in any schema', async () => {
    await t.sql(`
      CREATE SCHEMA "Archive";
      CREATE TABLE public."MixedCase" (id int, "LongColumnName" text);
      CREATE TABLE "Archive".mixedcase_2024 (id int);
      CREATE TABLE "Archive".old_mixedcase (id int);
      CREATE TABLE public.notes (mixedcase text)`);
    await t.call('schema.refresh', { connectionId });
    const hits = await t.call('schema.search', { connectionId, text: 'MIXEDcase' });
    expect(hits.map(({ kind, schema, name, column }) => ({ kind, schema, name, column }))).toEqual([
      { kind: 'table', schema: 'public', name: 'MixedCase', column: undefined },
      { kind: 'table', schema: 'public', name: 'notes', column: 'mixedcase' },
      { kind: 'table', schema: 'Archive', name: 'mixedcase_2024', column: undefined },
      { kind: 'table', schema: 'Archive', name: 'old_mixedcase', column: undefined },
    ]);
    const [oid] = await t.sql(`SELECT '"Archive".old_mixedcase'::regclass::oid::int AS oid`);
    expect(hits[3]!.oid).toBe(oid!['oid']);
    expect(await t.call('schema.search', { connectionId, text: 'longcol' })).toEqual([
      expect.objectContaining({ schema: 'public', name: 'MixedCase', column: 'LongColumnName' }),
    ]);
    expect(
      await t.call('schema.search', { connectionId, text: 'mixedcase', limit: 2 }),
    ).toHaveLength(2);
    // System schemas only when asked.
    expect(await t.call('schema.search', { connectionId, text: 'pg_class' })).toEqual([]);
    expect(
      await t.call('schema.search', { connectionId, text: 'pg_class', includeSystem: true }),
    ).toContainEqual(
      expect.objectContaining({ kind: 'table', schema: 'pg_catalog', name: 'pg_class' }),
    );
    const [mixed] = (await t.call('schema.tree', {
      connectionId,
      schema: 'Archive',
    })) as TreeObject[];
    expect(mixed).toMatchObject({ name: 'mixedcase_2024', kind: 'table' });
  });

  it('lists what the role may not read, marked readable: false', async () => {
    await t.admin(`
      CREATE TABLE public.payroll (id int, salary numeric);
      CREATE SCHEMA vault;
      CREATE TABLE vault.keys (k text)`);
    await t.call('schema.refresh', { connectionId });
    const publicObjects = (await t.call('schema.tree', {
      connectionId,
      schema: 'public',
    })) as TreeObject[];
    expect(publicObjects.find((o) => o.name === 'payroll')).toMatchObject({
      readable: false,
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'salary', type: 'numeric' },
      ],
    });
    expect(publicObjects.find((o) => o.name === 'customers')).toMatchObject({ readable: true });
    const vault = (await t.call('schema.tree', { connectionId, schema: 'vault' })) as TreeObject[];
    expect(vault).toEqual([expect.objectContaining({ name: 'keys', readable: false })]);
    const details = await t.call('schema.object', {
      connectionId,
      schema: 'public',
      name: 'payroll',
      kind: 'table',
    });
    expect(details).toMatchObject({
      readable: false,
      owner: 'postgres',
    });
    expect(details.ddl).toContain('CREATE TABLE public.payroll');
    // Refused only when read: SELECT fails, the catalog does not.
    const [allowed] = await t.sql(`SELECT has_table_privilege('public.payroll', 'SELECT') AS ok`);
    expect(allowed!['ok']).toBe(false);
  });

  it('refuses bad input with what to do', async () => {
    const refusal = refusalOf;
    const [max] = await t.sql(`SELECT max(oid::int8)::int8 + 1000 AS oid FROM pg_class`);
    expect(
      await refusal(
        t.call('schema.object', { connectionId, oid: Number(max!['oid']), kind: 'table' }),
      ),
    ).toMatchObject({
      kind: 'validation',
      code: 'OBJECT_NOT_FOUND',
      hint: expect.stringContaining('refresh'),
    });
    const [view] = await t.sql(`SELECT 'public.revenue_by_country'::regclass::oid::int AS oid`);
    expect(
      await refusal(
        t.call('schema.object', { connectionId, oid: view!['oid'] as number, kind: 'table' }),
      ),
    ).toMatchObject({
      kind: 'validation',
      code: 'OBJECT_KIND_MISMATCH',
      message: 'public.revenue_by_country is a view, not a table',
      hint: 'Ask for it with kind "view".',
    });
    expect(
      await refusal(
        t.call('schema.object', { connectionId, schema: 'public', name: 'nope', kind: 'table' }),
      ),
    ).toMatchObject({ code: 'OBJECT_NOT_FOUND', message: 'There is no table public.nope' });
    expect(
      await refusal(t.call('schema.tree', { connectionId, schema: 'no_such_schema' })),
    ).toMatchObject({ kind: 'validation', code: 'OBJECT_NOT_FOUND' });
    const badKind = await t.socket.request('schema.object', {
      connectionId,
      oid: 1,
      kind: 'index',
    });
    expect(badKind['error']).toMatchObject({ kind: 'validation' });
    // A connection that is not open.
    await t.call('connections.disconnect', { id: connectionId });
    for (const call of [
      t.call('schema.tree', { connectionId }),
      t.call('schema.search', { connectionId, text: 'x' }),
      t.call('schema.refresh', { connectionId }),
      t.call('schema.object', { connectionId, oid: view!['oid'] as number, kind: 'view' }),
    ]) {
      expect(await refusal(call)).toMatchObject({
        kind: 'connection',
        code: 'CONNECTION_NOT_OPEN',
        hint: expect.stringContaining('connections.connect'),
      });
    }
    // Its cache went with it: a table made outside Tusk meanwhile is there after connecting.
    await t.sql('CREATE TABLE public.made_outside (a int)');
    await t.call('connections.connect', { id: connectionId });
    const objects = (await t.call('schema.tree', {
      connectionId,
      schema: 'public',
    })) as TreeObject[];
    expect(objects.map((o) => o.name)).toContain('made_outside');
  });

  it('keeps the catalog until refresh, which reloads it and pushes schema.changed', async () => {
    const names = async () =>
      ((await t.call('schema.tree', { connectionId, schema: 'public' })) as TreeObject[]).map(
        (o) => o.name,
      );
    expect(await names()).not.toContain('made_later');
    await t.sql('CREATE TABLE public.made_later (a int)');
    expect(await names()).not.toContain('made_later');
    const before = t.socket.events.length;
    const { loadMs } = await t.call('schema.refresh', { connectionId });
    expect(loadMs).toBeGreaterThanOrEqual(0);
    expect(t.socket.events.slice(before)).toContainEqual({
      event: 'schema.changed',
      payload: { connectionId },
    });
    expect(await names()).toContain('made_later');
  });
});
