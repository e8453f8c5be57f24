import { sharedPgServer } from '../support/postgres';
import { queryEnd } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import { createShopDatabase, type ShopDatabase } from '../support/shop-database';

/** Issue 25: completion and hover answered by the backend from its catalog of the database. */
describe('schema.complete and schema.at (real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let q: QueryBackend;
  let shop: ShopDatabase;
  let connectionId = '';

  const complete = (marked: string, extra: { tabId?: string; explicit?: boolean } = {}) => {
    const offset = marked.indexOf('|');
    const sql = marked.slice(0, offset) + marked.slice(offset + 1);
    return q.call('schema.complete', { connectionId, sql, offset, explicit: true, ...extra });
  };
  /** The columns of a table as pg_catalog says them: name and format_type, in order. */
  const columnsOf = async (table: string) =>
    (
      await shop.admin(
        `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
         WHERE attrelid = '${table}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      )
    ).map((r) => ({ name: String(r['name']), type: String(r['type']) }));
  const oidOf = async (table: string) =>
    Number((await shop.admin(`SELECT '${table}'::regclass::oid AS oid`))[0]!['oid']);

  beforeAll(async () => {
    q = await startQueryBackend('tusk_complete');
    shop = await createShopDatabase(pg, q.user);
    connectionId = await q.open('shop', { database: shop.name });
  }, 60_000);
  afterAll(async () => {
    q?.socket.close();
    await q?.backend.stop();
    await shop?.drop();
    await q?.user.drop();
  });

  it("offers orders' columns at `o.`, with the types pg_catalog gives", async () => {
    const reply = await complete('select o.| from orders o');
    const columns = await columnsOf('orders');
    expect(reply).toEqual({
      from: 9,
      to: 9,
      items: columns.map((c) => ({
        label: c.name,
        apply: c.name,
        kind: 'column',
        detail: c.type,
        boost: 50,
      })),
    });
    expect(columns.map((c) => c.type)).toContain('numeric(12,2)');
  });

  it("offers customers' columns first in `select | from customers`, and `aa` of a CTE", async () => {
    const reply = await complete('select | from customers');
    const names = (await columnsOf('customers')).map((c) => c.name);
    expect(reply.items.slice(0, names.length).map((i) => i.label)).toEqual(names);
    const cte = await complete('with x as (select 1 as aa) select x.| from x');
    expect(cte.items).toEqual([
      { label: 'aa', apply: 'aa', kind: 'column', detail: 'integer', boost: 50 },
    ]);
  });

  it('quotes "MixedCase" and "LongColumnName", qualifies other_schema.tbl', async () => {
    expect((await complete('select * from mixed|')).items).toEqual([
      {
        label: 'MixedCase',
        apply: '"MixedCase"',
        kind: 'table',
        detail: 'public · table',
        boost: 50,
      },
    ]);
    expect((await complete('select m.lo| from "MixedCase" m')).items).toEqual([
      {
        label: 'LongColumnName',
        apply: '"LongColumnName"',
        kind: 'column',
        detail: 'text',
        boost: 50,
      },
    ]);
    const tbl = (await complete('select * from tb|')).items.filter((i) => i.label === 'tbl');
    expect(tbl).toEqual([
      {
        label: 'tbl',
        apply: 'other_schema.tbl',
        kind: 'table',
        detail: 'other_schema · table',
        boost: 5,
      },
    ]);
    expect((await complete('select * from other_schema.|')).items.map((i) => i.apply)).toEqual([
      'tbl',
    ]);
  });

  it("reads a tab's search_path from its session: unqualified once the tab SETs it", async () => {
    // Before the tab has a session: the role's default path.
    expect((await complete('select * from tbl|', { tabId: 'a' })).items[0]?.apply).toBe(
      'other_schema.tbl',
    );
    const { queryId } = await q.call('queries.execute', {
      connectionId,
      tabId: 'a',
      sql: 'SET search_path TO other_schema, public',
    });
    expect((await queryEnd(q.socket, queryId)).event).toBe('query.completed');
    expect((await complete('select * from tbl|', { tabId: 'a' })).items[0]?.apply).toBe('tbl');
    // Another tab and no tab keep the default.
    expect((await complete('select * from tbl|', { tabId: 'b' })).items[0]?.apply).toBe(
      'other_schema.tbl',
    );
    expect((await complete('select * from tbl|')).items[0]?.apply).toBe('other_schema.tbl');
  });

  it("completes a keyword in an empty text from the server's keywords", async () => {
    const reply = await complete('|');
    expect(reply.items.find((i) => i.label === 'SELECT')).toEqual({
      label: 'SELECT',
      apply: 'SELECT',
      kind: 'keyword',
      detail: 'keyword',
      boost: 50,
    });
    const keywords = await shop.admin(`SELECT count(*)::int AS n FROM pg_get_keywords()`);
    expect(reply.items.length).toBe(Math.min(200, Number(keywords[0]!['n'])));
  });

  it('schema.at: a column through its alias, a table with its columns, null elsewhere', async () => {
    const sql = 'select o.total from orders o';
    const at = (offset: number) => q.call('schema.at', { connectionId, sql, offset });
    const oid = await oidOf('orders');
    expect(await at(sql.indexOf('total') + 2)).toEqual({
      from: sql.indexOf('total'),
      to: sql.indexOf('total') + 5,
      object: { kind: 'table', schema: 'public', name: 'orders', oid },
      column: { name: 'total', type: 'numeric(12,2)' },
      summary: 'orders.total numeric(12,2)',
    });
    const table = await at(sql.indexOf('orders'));
    const columns = (await columnsOf('orders')).map((c) => `${c.name} ${c.type}`).join(', ');
    expect(table?.summary).toBe(`public.orders (table): ${columns}`);
    expect(await at(3)).toBe(null);
  });

  it('refuses bad params with a validation error naming the field', async () => {
    const reply = await q.socket.reply('schema.complete', {
      connectionId,
      sql: 'select',
      offset: -1,
    });
    expect(reply.error).toMatchObject({ kind: 'validation' });
    expect(reply.error?.detail).toMatch(/offset/);
  });
});
