import { completeAt } from '../../../app/models/schema/completion';
import type { CompletionReply } from '../../../app/models/schema/schema-types';
import { loadParser } from '../../../app/models/sql/pg-parser';
import { atBar, relation, shopCatalog } from './catalog-fixture';

const catalog = shopCatalog();
const PATH = ['pg_catalog', 'public'];

/** Completion at the `|` of `marked`. */
function complete(marked: string, options: { path?: string[]; explicit?: boolean } = {}) {
  const { sql, offset } = atBar(marked);
  const explicit = options.explicit ?? true;
  return completeAt(catalog, { sql, offset, searchPath: options.path ?? PATH, explicit });
}
const labels = (reply: CompletionReply) => reply.items.map((i) => i.label);
const applied = (reply: CompletionReply) => reply.items.map((i) => i.apply);
const item = (reply: CompletionReply, label: string) => reply.items.find((i) => i.label === label);

beforeAll(() => loadParser());

describe('completion: columns through aliases, CTEs and subqueries', () => {
  it('offers the columns of an alias after `o.`, in table order, with their types', () => {
    const reply = complete('select o.| from orders o');
    expect(labels(reply)).toEqual(['id', 'customer_id', 'total', 'created_at']);
    expect(reply.items.map((i) => [i.kind, i.detail])).toEqual([
      ['column', 'integer'],
      ['column', 'integer'],
      ['column', 'numeric(12,2)'],
      ['column', 'timestamp with time zone'],
    ]);
    expect(reply.from).toBe('select o.'.length);
  });

  it('filters by what is typed after the dot, without case, and replaces the word', () => {
    const reply = complete('select o.CU| from orders o');
    expect(labels(reply)).toEqual(['customer_id']);
    expect([reply.from, reply.to]).toEqual(['select o.'.length, 'select o.CU'.length]);
  });

  it("offers the FROM's columns first in the select list, though the FROM comes after the cursor", () => {
    const reply = complete('select | from customers');
    expect(labels(reply).slice(0, 4)).toEqual(['id', 'name', 'country', 'email']);
    expect(item(reply, 'customers')?.kind).toBe('alias');
    expect(item(reply, 'lower')).toMatchObject({ kind: 'function', detail: '(text) → text' });
    expect(item(reply, 'SELECT')?.kind).toBe('keyword');
  });

  it("offers a CTE's select-list names at `x.`", () => {
    expect(labels(complete('with x as (select 1 as aa) select x.| from x'))).toEqual(['aa']);
    expect(labels(complete('with x(a, b) as (select 1, 2) select x.| from x'))).toEqual(['a', 'b']);
    const typed = complete('with x as (select o.id, total t from orders o) select x.| from x');
    expect(typed.items.map((i) => [i.label, i.detail])).toEqual([
      ['id', 'integer'],
      ['t', 'numeric(12,2)'],
    ]);
  });

  it("offers a subquery's columns through its alias, `*` and `t.*` expanded", () => {
    expect(labels(complete('select s.| from (select id, total as t from orders) s'))).toEqual([
      'id',
      't',
    ]);
    expect(labels(complete('select s.| from (select * from customers) s'))).toEqual([
      'id',
      'name',
      'country',
      'email',
    ]);
    const star = complete('select s.| from (select c.*, o.total from customers c, orders o) s');
    expect(labels(star)).toEqual(['id', 'name', 'country', 'email', 'total']);
  });

  it('offers columns in JOIN … ON, WHERE and ORDER BY, qualified where a name is in both', () => {
    const on = complete('select * from orders o join customers c on c.id = o.|');
    expect(labels(on)).toEqual(['id', 'customer_id', 'total', 'created_at']);
    const where = complete(
      'select * from orders o join customers c on c.id = o.customer_id where i|',
    );
    expect(where.items.filter((i) => i.kind === 'column').map((i) => [i.apply, i.detail])).toEqual([
      ['o.id', 'integer · o'],
      ['c.id', 'integer · c'],
    ]);
    expect(complete('select * from customers order by cou|').items[0]?.label).toBe('country');
  });

  it("sees the outer query's aliases in a correlated subquery", () => {
    const reply = complete(
      'select * from orders o where exists (select 1 from customers c where c.id = o.|)',
    );
    expect(labels(reply)).toEqual(['id', 'customer_id', 'total', 'created_at']);
  });

  it("offers t's columns in `INSERT INTO t (` (not those listed) and after `UPDATE t SET`", () => {
    expect(labels(complete('insert into orders (id, |'))).toEqual([
      'customer_id',
      'total',
      'created_at',
    ]);
    expect(labels(complete('update orders set |')).slice(0, 4)).toEqual([
      'id',
      'customer_id',
      'total',
      'created_at',
    ]);
    expect(labels(complete('delete from customers where em|'))).toEqual(['email']);
  });

  it('works in the statement under the cursor of a script, with astral characters before it', () => {
    const reply = complete("select '😀é'; select c.| from customers c; select 2");
    expect(labels(reply)).toEqual(['id', 'name', 'country', 'email']);
    expect(reply.from).toBe("select '😀é'; select c.".length);
  });
});

describe('completion: relations, schemas, quoting and the search path', () => {
  it('offers relations on the search path unqualified, then schemas, then others qualified', () => {
    const reply = complete('select * from |');
    expect(labels(reply)).toEqual([
      'customers',
      'MixedCase',
      'orders',
      'revenue_by_country',
      'user',
      'pg_catalog',
      'public',
      'sales',
      'pg_class',
      'invoices',
    ]);
    expect(applied(reply)).toContain('sales.invoices');
    expect(item(reply, 'revenue_by_country')?.detail).toBe('public · view');
    expect(item(reply, 'invoices')?.detail).toBe('sales · table');
  });

  it('inserts mixed-case and reserved names quoted, and matches what is typed inside a quote', () => {
    expect(applied(complete('select * from mix|'))).toEqual(['"MixedCase"']);
    const quoted = complete('select * from "Mix|');
    expect(applied(quoted)).toEqual(['"MixedCase"']);
    expect(quoted.from).toBe('select * from '.length);
    expect(applied(complete('select * from us|'))).toEqual(['"user"']);
    expect(applied(complete('select m.| from "MixedCase" m'))).toEqual(['id', '"LongColumnName"']);
    expect(applied(complete('select u.| from "user" u'))).toEqual(['"from"', 'name']);
  });

  it('qualifies a table of a schema off the path, and not once the path has it', () => {
    expect(complete('select * from inv|').items).toEqual([
      {
        label: 'invoices',
        apply: 'sales.invoices',
        kind: 'table',
        detail: 'sales · table',
        boost: 5,
      },
    ]);
    expect(applied(complete('select * from inv|', { path: ['sales', 'public'] }))).toEqual([
      'invoices',
    ]);
    expect(applied(complete('select * from sales.|'))).toEqual(['invoices']);
    expect(labels(complete('select i.| from sales.invoices i'))).toEqual(['id', 'amount']);
  });

  it('writes a name hidden by an earlier schema on the path qualified', () => {
    const shadowed = shopCatalog([relation('sales', 'orders', [['id', 'integer']])]);
    const { sql, offset } = atBar('select * from ord|');
    const reply = completeAt(shadowed, {
      sql,
      offset,
      searchPath: ['public', 'sales'],
      explicit: true,
    });
    expect(applied(reply)).toEqual(['orders', 'sales.orders']);
  });

  it('offers CTE names after FROM, before relations', () => {
    const reply = complete('with recent as (select id from orders) select * from |');
    expect(reply.items[0]).toMatchObject({ label: 'recent', kind: 'cte', detail: 'CTE (id)' });
  });
});

describe('completion: keywords, and when it offers nothing', () => {
  it('offers keywords in an empty text, in the case being typed', () => {
    expect(labels(complete('|'))).toContain('SELECT');
    expect(complete('sel|').items).toEqual([
      { label: 'SELECT', apply: 'select', kind: 'keyword', detail: 'keyword', boost: 50 },
    ]);
    expect(applied(complete('SEL|'))).toEqual(['SELECT']);
  });

  it('offers nothing inside a string, after a space when not asked, or inside a comment', () => {
    expect(complete("select 'ab|c'").items).toEqual([]);
    expect(complete('select |', { explicit: false }).items).toEqual([]);
    expect(complete('select 1 /* o| */').items).toEqual([]);
    expect(labels(complete('select o.| from orders o', { explicit: false }))).toHaveLength(4);
  });
});
