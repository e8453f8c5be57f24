import { quoteIdent, qualifiedName, quotedKeywords } from '../../../app/models/schema/identifiers';
import { parseTextArray } from '../../../app/models/schema/pg-array';
import { sharedPgServer, superuserSql } from '../../support/postgres';

const NAMES = [
  'orders',
  'MixedCase',
  'LongColumnName',
  'order',
  'user',
  'select',
  'int',
  'between',
  'name',
  'type',
  'a b',
  'a"b',
  'café',
  '_x1',
  '1abc',
  'x$y',
  'ünicode',
  'UPPER',
  'with.dot',
];

/**
 * Issue 25: names are quoted exactly where PostgreSQL's own quote_ident quotes them (with
 * the built-in keyword list and with the server's), and array text from the catalog
 * queries is read back exactly.
 */
describe('identifiers and array text, against the server', () => {
  const sql = superuserSql(sharedPgServer());
  afterAll(async () => sql.end());

  it("quotes as the server's quote_ident does", async () => {
    const rows = await sql.unsafe<{ name: string; quoted: string }[]>(
      'SELECT n AS name, quote_ident(n) AS quoted FROM unnest($1::text[]) AS n',
      [NAMES as never],
    );
    const keywords = quotedKeywords(
      (
        await sql.unsafe<{ word: string; catcode: string }[]>(
          'SELECT word, catcode FROM pg_get_keywords()',
        )
      ).map((k) => ({ word: k.word, category: k.catcode === 'U' ? 'unreserved' : 'reserved' })),
    );
    for (const { name, quoted } of rows) {
      expect([name, quoteIdent(name)]).toEqual([name, quoted]);
      expect([name, quoteIdent(name, keywords)]).toEqual([name, quoted]);
    }
    expect(qualifiedName('Archive', 'order')).toBe('"Archive"."order"');
    expect(qualifiedName('public', 'orders')).toBe('public.orders');
  });

  it('reads array_agg(...)::text back element by element', async () => {
    const values = [...NAMES, '', 'NULL', 'a,b', '{x}', 'back\\slash', ' lead', 'tab\there', null];
    const [row] = await sql.unsafe<{ text: string }[]>(
      'SELECT array_agg(v ORDER BY i)::text AS text FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i)',
      [values as never],
    );
    expect(parseTextArray(row!.text)).toEqual(values);
    expect(parseTextArray(null)).toEqual([]);
    expect(parseTextArray('{}')).toEqual([]);
  });
});
