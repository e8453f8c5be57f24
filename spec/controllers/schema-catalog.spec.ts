import { DEMO_SCHEMA_SQL } from '../../app/models/app/demo-schema';
import type { SchemaSummary, TreeObject } from '../../app/controllers/api';
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
});
