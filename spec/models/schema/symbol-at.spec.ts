import { symbolAt } from '../../../app/models/schema/symbol-at';
import { loadParser } from '../../../app/models/sql/pg-parser';
import { shopCatalog } from './catalog-fixture';

const catalog = shopCatalog();
const PATH = ['pg_catalog', 'public'];

/** What the name at the `nth` `needle` of `sql` is (its first character after spaces and dots). */
function at(sql: string, needle: string, nth = 0, path = PATH) {
  let offset = -1;
  for (let i = 0; i <= nth; i += 1) offset = sql.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not in ${sql}`);
  const skip = /^[ .]*/.exec(needle)![0].length;
  return symbolAt(catalog, { sql, offset: offset + skip, searchPath: path });
}

beforeAll(() => loadParser());

describe('schema.at: what a name in the editor is', () => {
  const sql = 'select o.total, c.name from orders o join customers c on c.id = o.customer_id';

  it('a column through its alias: the relation, the column and its type', () => {
    const info = at(sql, 'total');
    expect(info).toMatchObject({
      object: { kind: 'table', schema: 'public', name: 'orders' },
      column: { name: 'total', type: 'numeric(12,2)' },
      summary: 'orders.total numeric(12,2)',
    });
    expect([info!.from, info!.to]).toEqual([sql.indexOf('total'), sql.indexOf('total') + 5]);
  });

  it('a relation (its name or an alias of it) with its columns', () => {
    const summary =
      'public.orders (table): id integer, customer_id integer, total numeric(12,2), created_at timestamp with time zone';
    expect(at(sql, 'orders')?.summary).toBe(summary);
    expect(at(sql, 'o.', 0)?.summary).toBe(summary);
    expect(at(sql, ' o ', 0)?.object.name).toBe('orders');
  });

  it('an unqualified column of the only table, a view, a function call', () => {
    expect(at('select email from customers', 'email')?.summary).toBe('customers.email text');
    expect(at('select * from revenue_by_country', 'revenue')?.summary).toMatch(
      /^public\.revenue_by_country \(view\): country text/,
    );
    expect(at('select lower(name) from customers', 'lower')).toMatchObject({
      object: { kind: 'function', schema: 'pg_catalog', name: 'lower' },
      summary: 'pg_catalog.lower(text) → text',
    });
  });

  it('a column read through a CTE or a subquery is the catalog column it comes from', () => {
    const cte = 'with x as (select id, total as t from orders) select x.t from x';
    expect(at(cte, 'x.t')).toBe(null); // on the CTE's own name: no catalog object
    expect(at(cte, '.t from', 0)?.summary).toBe('orders.total numeric(12,2)');
    const sub = 'select s.email from (select * from customers) s';
    expect(at(sub, 'email')?.summary).toBe('customers.email text');
  });

  it('qualified names: schema.table, schema.table.column, a mixed-case quoted table', () => {
    expect(at('select * from sales.invoices', 'invoices')?.summary).toBe(
      'sales.invoices (table): id integer, amount numeric',
    );
    expect(at('select sales.invoices.amount from sales.invoices', 'amount')?.summary).toBe(
      'invoices.amount numeric',
    );
    expect(at('select m."LongColumnName" from "MixedCase" m', 'Long')?.summary).toBe(
      'MixedCase.LongColumnName text',
    );
  });

  it('null on what the catalog does not know, on a keyword, on white space', () => {
    expect(at('select * from nowhere', 'nowhere')).toBe(null);
    expect(at('select * from orders', 'select')).toBe(null);
    expect(at('select *  from orders', '  ')).toBe(null);
    expect(at('select * from invoices', 'invoices')).toBe(null); // not on the path
  });
});
