import type { SchemaSummary, TreeObject } from '../../app/controllers/api';
import type { ConnectionItem } from '../../app/views/connections/connection-item';
import type { ConnectionCatalog } from '../../app/views/data/schema-store';
import { qualifiedName, quoteName } from '../../app/views/schema/sql-names';
import {
  countSql,
  dataSql,
  orderOfSort,
  refusalOfSplit,
  sortOfOrder,
} from '../../app/views/schema/table-data-sql';
import { visibleRows, type TreeInput } from '../../app/views/schema/tree-model';

/** The schema tree's pure parts: names as SQL, and which rows a tree shows. */
describe('names as SQL, quoted only where needed', () => {
  it.each([
    ['orders', 'orders'],
    ['order_items2', 'order_items2'],
    ['MixedCase', '"MixedCase"'],
    ['with space', '"with space"'],
    ['user', '"user"'],
    ['left', '"left"'],
    ['say "hi"', '"say ""hi"""'],
    ['2fast', '"2fast"'],
    ['été', '"été"'],
  ])('%s → %s', (name, sql) => expect(quoteName(name)).toBe(sql));

  it('qualifies by schema and writes a table’s data SELECT and its count', () => {
    expect(qualifiedName('Sales', 'orders')).toBe('"Sales".orders');
    expect(dataSql('public', 'Order Lines', { where: '', order: '' })).toBe(
      'SELECT * FROM public."Order Lines"',
    );
    expect(dataSql('public', 'orders', { where: ' id > 10 ', order: 'id DESC ' })).toBe(
      'SELECT * FROM public.orders WHERE (id > 10) ORDER BY id DESC',
    );
    // A line comment in the WHERE cannot swallow the closing parenthesis.
    expect(dataSql('s', 't', { where: 'a = 1 -- why', order: 'a' })).toBe(
      'SELECT * FROM s.t WHERE (a = 1 -- why\n) ORDER BY a',
    );
    expect(countSql('public', 'orders', 'id > 10')).toBe(
      'SELECT count(*) FROM public.orders WHERE (id > 10)',
    );
    expect(countSql('public', 'orders', '  ')).toBe('SELECT count(*) FROM public.orders');
  });
});

describe('a table’s ORDER BY and the grid’s sort marks', () => {
  const columns = ['id', 'MixedCase', 'created at', 'status'];
  it('writes the marks as an ORDER BY of quoted names', () => {
    expect(
      orderOfSort(
        [
          { column: 1, descending: true },
          { column: 0, descending: false },
          { column: 2, descending: false },
        ],
        columns,
      ),
    ).toBe('"MixedCase" DESC, id, "created at"');
    expect(orderOfSort([], columns)).toBe('');
  });
  it.each([
    ['', []],
    ['id', [{ column: 0, descending: false }]],
    [
      'ID desc, "MixedCase" ASC',
      [
        { column: 0, descending: true },
        { column: 1, descending: false },
      ],
    ],
    ['"created at" DESC', [{ column: 2, descending: true }]],
    ['mixedcase', null],
    ['id + 1', null],
    ['1', null],
    ['status NULLS FIRST', null],
    ['id, id DESC', null],
    ['lower(status)', null],
  ])('%j gives the marks %j', (order, sort) => expect(sortOfOrder(order, columns)).toEqual(sort));
});

describe('what a table’s WHERE and ORDER BY may run', () => {
  const one = { start: 0, end: 10, kind: 'select' as const, writes: false, params: 0 };
  it('one SELECT that reads runs; a syntax error goes to the server for its message', () => {
    expect(refusalOfSplit([one])).toBeNull();
    expect(refusalOfSplit([{ ...one, kind: 'unknown', broken: true }])).toBeNull();
  });
  it.each([
    ['two statements', [one, { ...one, kind: 'ddl' as const, writes: true }], /one SELECT/],
    ['statements joined by \\;', [{ ...one, grouped: true as const }], /one SELECT/],
    ['a write', [{ ...one, writes: true }], /only read/],
    ['not a SELECT', [{ ...one, kind: 'utility' as const }], /only read/],
    ['a psql command', [{ ...one, kind: 'psql' as const }], /one SELECT/],
    ['a parameter', [{ ...one, params: 1 }], /Parameters/],
  ])('%s is refused', (_what, statements, message) =>
    expect(refusalOfSplit(statements)?.message).toMatch(message),
  );
});

describe('the rows of the schema tree', () => {
  const object = (o: Partial<TreeObject> & Pick<TreeObject, 'kind' | 'name' | 'oid'>) =>
    ({ schema: 'public', comment: null, readable: true, ...o }) as TreeObject;
  const schemas: SchemaSummary[] = [
    { name: 'public', owner: 'me', system: false, counts: { table: 2, partitioned_table: 1 } },
    { name: 'audit', owner: 'me', system: false, counts: { view: 1 } },
    { name: 'pg_catalog', owner: 'postgres', system: true, counts: { table: 60 } },
  ];
  const objects: TreeObject[] = [
    object({ kind: 'table', name: 'orders', oid: 1, columns: [{ name: 'id', type: 'bigint' }] }),
    object({ kind: 'partitioned_table', name: 'events', oid: 2, columns: [] }),
    object({ kind: 'table', name: 'events_2025', oid: 3, partitionOf: 'public.events' }),
  ];
  const item = {
    connection: { id: 'c1', name: 'Shop' },
    phase: 'connected',
    live: {},
    error: undefined,
  } as unknown as ConnectionItem;
  const catalog: ConnectionCatalog = {
    schemas,
    includeSystem: false,
    objects: { public: objects },
    error: null,
    generation: 0,
  };
  const input = (over: Partial<TreeInput> = {}): TreeInput => ({
    items: [item],
    catalog: () => catalog,
    details: () => undefined,
    isExpanded: (_key, byDefault) => byDefault,
    filter: null,
    ...over,
  });
  const shown = (rows: ReturnType<typeof visibleRows>) =>
    rows.map(
      (r) => `${'  '.repeat(r.level - 1)}${r.label}${r.count === undefined ? '' : ` (${r.count})`}`,
    );

  it('an open connection shows its schemas (no system one), public opened on its tables; partitions go under their table', () => {
    expect(shown(visibleRows(input()))).toEqual([
      'Shop',
      '  public',
      '    Tables (2)',
      '      orders',
      '      events',
      '  audit',
    ]);
    const open = new Set(['c:c1/s:public/f:tables/o:2']);
    const rows = visibleRows(input({ isExpanded: (k, d) => d || open.has(k) }));
    expect(shown(rows).slice(4)).toEqual([
      '      events',
      '        Columns (0)',
      '        Keys and constraints',
      '        Indexes',
      '        Partitions (1)',
      '  audit',
    ]);
    const events = rows.find((r) => r.label === 'events')!;
    expect(events).toMatchObject({ level: 4, setSize: 2, posInSet: 2, expanded: true });
  });

  it('with system schemas shown, they come after the user ones, closed and marked; the only user schema still opens', () => {
    const withSystem = { ...catalog, includeSystem: true };
    const rows = visibleRows(input({ catalog: () => withSystem }));
    expect(shown(rows).slice(-2)).toEqual(['  audit', '  pg_catalog']);
    expect(rows.at(-1)).toMatchObject({ type: 'schema', system: true, expanded: false });
    expect(rows.find((r) => r.label === 'public')?.system).toBeUndefined();
    const lone = { ...withSystem, schemas: schemas.filter((s) => s.name !== 'public') };
    const only = visibleRows(input({ catalog: () => lone }));
    expect(shown(only)).toEqual(['Shop', '  audit', '    Views (1)', '  pg_catalog']);
  });

  it('with a filter, an open connection lists its hits with the match marked', () => {
    const hits = new Map([
      [
        'c1',
        [{ kind: 'table' as const, schema: 'public', name: 'orders', oid: 1, column: 'order_id' }],
      ],
    ]);
    const rows = visibleRows(input({ filter: { text: 'ORDER', hits } }));
    expect(rows.map((r) => [r.label, r.detail, r.match])).toEqual([
      ['Shop', undefined, undefined],
      ['order_id', 'public.orders', [0, 5]],
    ]);
  });
});
