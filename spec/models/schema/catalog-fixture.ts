import type {
  CatalogSnapshot,
  ColumnName,
  KeywordCategory,
  ObjectKind,
  TreeObject,
} from '../../../app/models/schema/schema-types';

let oid = 16_000;

/** A relation of the fixture: `columns` as `name type` pairs. */
export function relation(
  schema: string,
  name: string,
  columns: [string, string][],
  kind: ObjectKind = 'table',
): TreeObject {
  const cols: ColumnName[] = columns.map(([n, type]) => ({ name: n, type }));
  return { kind, schema, name, oid: (oid += 1), comment: null, columns: cols, readable: true };
}

/** A function of the fixture. */
export function fn(
  schema: string,
  name: string,
  args: string,
  returns: string,
  kind: ObjectKind = 'function',
): TreeObject {
  return {
    kind,
    schema,
    name,
    oid: (oid += 1),
    comment: null,
    arguments: args,
    returns,
    readable: true,
  };
}

const KEYWORDS: [string, KeywordCategory][] = [
  ['select', 'reserved'],
  ['from', 'reserved'],
  ['where', 'reserved'],
  ['order', 'reserved'],
  ['user', 'reserved'],
  ['table', 'reserved'],
  ['limit', 'reserved'],
  ['join', 'type_function_name'],
  ['left', 'type_function_name'],
  ['insert', 'unreserved'],
  ['update', 'unreserved'],
  ['name', 'unreserved'],
  ['set', 'unreserved'],
  ['integer', 'column_name'],
  ['values', 'column_name'],
];

/**
 * A small shop catalog: customers and orders in public, a mixed-case table, a table named by
 * a reserved word, invoices in the schema `sales` (not on the default path), a view, a few
 * functions of pg_catalog and one of public.
 */
export function shopCatalog(extra: TreeObject[] = []): CatalogSnapshot {
  const objects: TreeObject[] = [
    relation('public', 'customers', [
      ['id', 'integer'],
      ['name', 'text'],
      ['country', 'text'],
      ['email', 'text'],
    ]),
    relation('public', 'orders', [
      ['id', 'integer'],
      ['customer_id', 'integer'],
      ['total', 'numeric(12,2)'],
      ['created_at', 'timestamp with time zone'],
    ]),
    relation('public', 'MixedCase', [
      ['id', 'integer'],
      ['LongColumnName', 'text'],
    ]),
    relation('public', 'user', [
      ['from', 'text'],
      ['name', 'text'],
    ]),
    relation(
      'public',
      'revenue_by_country',
      [
        ['country', 'text'],
        ['revenue', 'numeric'],
      ],
      'view',
    ),
    relation('sales', 'invoices', [
      ['id', 'integer'],
      ['amount', 'numeric'],
    ]),
    relation('pg_catalog', 'pg_class', [['relname', 'name']]),
    fn('pg_catalog', 'lower', 'text', 'text'),
    fn('pg_catalog', 'count', '*', 'bigint', 'aggregate'),
    fn('pg_catalog', 'sum', 'integer', 'bigint', 'aggregate'),
    fn('pg_catalog', 'sum', 'numeric', 'numeric', 'aggregate'),
    fn('public', 'order_total', 'o integer', 'numeric'),
    ...extra,
  ];
  const schemas = ['public', 'sales', 'pg_catalog'].map((name) => ({
    name,
    owner: 'postgres',
    system: name === 'pg_catalog',
    counts: {},
  }));
  return {
    serverVersion: 180000,
    loadedAt: Date.now(),
    loadMs: 1,
    searchPath: ['pg_catalog', 'public'],
    schemas,
    objects,
    keywords: KEYWORDS.map(([word, category]) => ({ word, category })),
  };
}

/** `sql` with `|` where the cursor is: the text without it, and the offset. */
export function atBar(marked: string): { sql: string; offset: number } {
  const offset = marked.indexOf('|');
  return { sql: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
