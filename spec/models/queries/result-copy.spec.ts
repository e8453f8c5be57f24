import {
  COPY_MAX_ROWS,
  CopyWriter,
  copyRows,
  quoteIdent,
  type CopyFormat,
} from '../../../app/models/queries/result-copy';
import { ResultSet } from '../../../app/models/queries/result-set';
import type { ResultColumn } from '../../../app/models/queries/column-types';
import { dataRow } from '../../support/data-row';

function resultOf(rows: (string | null)[][], width: number): ResultSet {
  const set = new ResultSet(
    Array.from({ length: width }, (_, i) => ({
      name: `c${i}`,
      type: 25,
      modifier: -1,
      table: 0,
      number: 0,
    })),
  );
  for (const row of rows) set.append(dataRow(row));
  return set;
}

const columns: ResultColumn[] = [
  { name: 'id', type: 'integer', table: null },
  { name: 'note', type: 'text', table: null },
  { name: 'price', type: 'numeric(12,2)', table: null },
  { name: 'ok', type: 'boolean', table: null },
  { name: 'doc', type: 'jsonb', table: null },
];
const rows: (string | null)[][] = [
  ['1', 'plain', '10.50', 't', '{"a": 1}'],
  ['2', 'tab\there, "quoted"\nnew line', null, 'f', null],
  ['3', "it's | <b>", 'NaN', null, '[1, 2]'],
  ['4', '', '-0.01', 't', 'null'],
  ['5', 'NULL', '1e3', 'f', '"s"'],
];

function write(format: CopyFormat, headers: boolean, table?: string): string {
  const writer = new CopyWriter(format, columns, headers, table);
  for (const row of rows) writer.row(row);
  return writer.end();
}

describe('copy text formats', () => {
  it('TSV: tabs between fields, quoted (quotes doubled) when a field holds a tab or line break or begins with a quote; NULL empty', () => {
    expect(write('tsv', false)).toBe(
      '1\tplain\t10.50\tt\t{"a": 1}\n' +
        '2\t"tab\there, ""quoted""\nnew line"\t\tf\t\n' +
        "3\tit's | <b>\tNaN\t\t[1, 2]\n" +
        '4\t\t-0.01\tt\tnull\n' +
        '5\tNULL\t1e3\tf\t"""s"""',
    );
    expect(write('tsv', true).split('\n')[0]).toBe('id\tnote\tprice\tok\tdoc');
  });

  it('CSV: as PostgreSQL COPY CSV writes it (NULL empty, the empty string "")', () => {
    expect(write('csv', true)).toBe(
      'id,note,price,ok,doc\n' +
        '1,plain,10.50,t,"{""a"": 1}"\n' +
        '2,"tab\there, ""quoted""\nnew line",,f,\n' +
        '3,it\'s | <b>,NaN,,"[1, 2]"\n' +
        '4,"",-0.01,t,null\n' +
        '5,NULL,1e3,f,"""s"""',
    );
    expect(write('csv', false).startsWith('1,plain')).toBe(true);
  });

  it('JSON: objects by column name with headers, arrays without; numbers, booleans and json typed', () => {
    const objects = JSON.parse(write('json', true));
    expect(objects).toEqual([
      { id: 1, note: 'plain', price: 10.5, ok: true, doc: { a: 1 } },
      { id: 2, note: 'tab\there, "quoted"\nnew line', price: null, ok: false, doc: null },
      { id: 3, note: "it's | <b>", price: 'NaN', ok: null, doc: [1, 2] },
      { id: 4, note: '', price: -0.01, ok: true, doc: null },
      { id: 5, note: 'NULL', price: 1000, ok: false, doc: 's' },
    ]);
    // Digits are kept as the server wrote them (no float rounding).
    expect(write('json', true)).toContain('"price": 10.50');
    expect(JSON.parse(write('json', false))[1]).toEqual([
      2,
      'tab\there, "quoted"\nnew line',
      null,
      false,
      null,
    ]);
  });

  it('JSON: repeated column names get distinct keys; an empty copy is []', () => {
    const writer = new CopyWriter(
      'json',
      [
        { name: 'id', type: 'integer', table: null },
        { name: 'id', type: 'integer', table: null },
      ],
      true,
    );
    writer.row(['1', '2']);
    expect(JSON.parse(writer.end())).toEqual([{ id: 1, id_2: 2 }]);
    expect(JSON.parse(new CopyWriter('json', columns, true).end())).toEqual([]);
  });

  it('Markdown: a table with numbers right-aligned; pipes, <, & and line breaks escaped; NULL empty', () => {
    expect(write('markdown', true)).toBe(
      '| id | note | price | ok | doc |\n' +
        '| ---: | --- | ---: | --- | --- |\n' +
        '| 1 | plain | 10.50 | t | {"a": 1} |\n' +
        '| 2 | tab\there, "quoted"<br>new line |  | f |  |\n' +
        "| 3 | it's \\| &lt;b> | NaN |  | [1, 2] |\n" +
        '| 4 |  | -0.01 | t | null |\n' +
        '| 5 | NULL | 1e3 | f | "s" |',
    );
    expect(write('markdown', false).split('\n')[0]).toBe('|  |  |  |  |  |');
  });

  it('SQL INSERT: one statement a row, quotes doubled, numbers bare, NULL, a column list with headers', () => {
    expect(write('sql', true, 'Order Lines')).toBe(
      'INSERT INTO "Order Lines" (id, note, price, ok, doc) VALUES (1, \'plain\', 10.50, TRUE, \'{"a": 1}\');\n' +
        'INSERT INTO "Order Lines" (id, note, price, ok, doc) VALUES (2, \'tab\there, "quoted"\nnew line\', NULL, FALSE, NULL);\n' +
        "INSERT INTO \"Order Lines\" (id, note, price, ok, doc) VALUES (3, 'it''s | <b>', 'NaN', NULL, '[1, 2]');\n" +
        "INSERT INTO \"Order Lines\" (id, note, price, ok, doc) VALUES (4, '', -0.01, TRUE, 'null');\n" +
        'INSERT INTO "Order Lines" (id, note, price, ok, doc) VALUES (5, \'NULL\', 1e3, FALSE, \'"s"\');',
    );
    expect(write('sql', false).split('\n')[0]).toBe(
      "INSERT INTO table_name VALUES (1, 'plain', 10.50, TRUE, '{\"a\": 1}');",
    );
    expect([quoteIdent('user'), quoteIdent('Id'), quoteIdent('a"b'), quoteIdent('x_1')]).toEqual([
      '"user"',
      '"Id"',
      '"a""b"',
      'x_1',
    ]);
  });
});

describe('copyRows over a held result', () => {
  it('copies the given rows (to exclusive) and columns in their order, whole cells', async () => {
    const big = 'x'.repeat(200_000);
    const set = resultOf(
      [
        ['a', '1', big],
        ['b', null, 'z'],
        ['c', '3', 'w'],
      ],
      3,
    );
    const cols: ResultColumn[] = [
      { name: 'l', type: 'text', table: null },
      { name: 'n', type: 'integer', table: null },
      { name: 'v', type: 'text', table: null },
    ];
    const copy = await copyRows(set, cols, {
      from: 0,
      to: 2,
      columns: [2, 0],
      format: 'tsv',
      headers: true,
    });
    expect(copy).toEqual({ rows: 2, text: `v\tl\n${big}\ta\nz\tb` });
  });

  it(`refuses more than ${COPY_MAX_ROWS} rows with COPY_TOO_LARGE and says what to do`, async () => {
    const set = resultOf([['a']], 1);
    const error = await copyRows(set, [{ name: 'a', type: 'text', table: null }], {
      from: 0,
      to: COPY_MAX_ROWS + 1,
      columns: [0],
      format: 'csv',
      headers: false,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', code: 'COPY_TOO_LARGE' });
    expect((error as Error).message).toBe('Too large to copy: 100,001 rows');
    expect((error as { hint: string }).hint).toMatch(/at most 100,000 rows.*select fewer rows/);
  });

  it('refuses a column that does not exist', async () => {
    const set = resultOf([['a']], 1);
    await expect(
      copyRows(set, [{ name: 'a', type: 'text', table: null }], {
        from: 0,
        to: 1,
        columns: [3],
        format: 'tsv',
        headers: false,
      }),
    ).rejects.toMatchObject({ kind: 'validation', message: 'There is no column 3' });
  });
});
