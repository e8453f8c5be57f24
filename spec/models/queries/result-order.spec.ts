import { TuskError } from '../../../app/models/errors/errors';
import { arrangeRows, filterRows } from '../../../app/models/queries/result-order';
import { ResultSet } from '../../../app/models/queries/result-set';
import { Slicer, sortSliced } from '../../../app/models/queries/sliced-sort';
import { compareDecimals, keyKind } from '../../../app/models/queries/sort-keys';
import { dataRow } from '../../support/data-row';

const INT4 = 23;
const INT8 = 20;
const NUMERIC = 1700;
const FLOAT8 = 701;
const TEXT = 25;
const BOOL = 16;
const MONEY = 790;

/** A held result of `rows`, its columns of the given type OIDs. */
function held(types: number[], rows: (string | null)[][]): ResultSet {
  const set = new ResultSet(
    types.map((type, i) => ({ name: `c${i}`, type, modifier: -1, table: 0, number: 0 })),
  );
  for (const row of rows) set.append(dataRow(row));
  return set;
}

/** Column `column` of `set` in the order `arrangeRows` gives. */
async function sorted(
  set: ResultSet,
  sort: { column: number; descending: boolean }[],
  filter: { text: string; column?: number } | null = null,
  column = 0,
): Promise<(string | null)[]> {
  const order = await arrangeRows(set, { sort, filter }, new Slicer());
  return [...order].map((row) => set.cell(row, column)!);
}

const asc = (column = 0) => [{ column, descending: false }];
const desc = (column = 0) => [{ column, descending: true }];

/** A slicer that pauses at every look at the clock, so each slice is as small as it gets. */
class EagerSlicer extends Slicer {
  override due(): boolean {
    return true;
  }
}

describe('sort of a held result', () => {
  it('numbers by value, not by text; NULL last ascending, first descending', async () => {
    const set = held([NUMERIC], [['10'], ['9'], [null], ['100'], ['-1'], ['2.5'], ['-10.25']]);
    expect(await sorted(set, asc())).toEqual(['-10.25', '-1', '2.5', '9', '10', '100', null]);
    expect(await sorted(set, desc())).toEqual([null, '100', '10', '9', '2.5', '-1', '-10.25']);
  });

  it('NaN above every number and Infinity, as PostgreSQL orders them', async () => {
    const set = held(
      [FLOAT8],
      [['NaN'], ['Infinity'], [null], ['-Infinity'], ['0'], ['1e+308'], ['-1e-05']],
    );
    expect(await sorted(set, asc())).toEqual([
      '-Infinity',
      '-1e-05',
      '0',
      '1e+308',
      'Infinity',
      'NaN',
      null,
    ]);
    expect(await sorted(set, desc())).toEqual([
      null,
      'NaN',
      'Infinity',
      '1e+308',
      '0',
      '-1e-05',
      '-Infinity',
    ]);
  });

  it('bigint and numeric beyond a double: exact, and a huge numeric stays below Infinity', async () => {
    const big = held([INT8], [['9007199254740993'], ['9007199254740992'], ['9007199254740994']]);
    expect(await sorted(big, asc())).toEqual([
      '9007199254740992',
      '9007199254740993',
      '9007199254740994',
    ]);
    const huge = `1${'0'.repeat(400)}`;
    const larger = `2${'0'.repeat(400)}`;
    const tiny = `0.${'0'.repeat(400)}1`;
    const set = held(
      [NUMERIC],
      [['Infinity'], [larger], ['0'], [huge], [tiny], ['NaN'], [`-${huge}`], ['-Infinity']],
    );
    expect(await sorted(set, asc())).toEqual([
      '-Infinity',
      `-${huge}`,
      '0',
      tiny,
      huge,
      larger,
      'Infinity',
      'NaN',
    ]);
  });

  it('booleans: false before true, NULL last', async () => {
    const set = held([BOOL], [['t'], ['f'], [null], ['f'], ['t']]);
    expect(await sorted(set, asc())).toEqual(['f', 'f', 't', 't', null]);
    expect(await sorted(set, desc())).toEqual([null, 't', 't', 'f', 'f']);
  });

  it('text ignoring case first, then by code points; money is text', async () => {
    const set = held(
      [TEXT],
      [['b'], ['A'], ['a'], [null], ['B'], ['_'], ['é'], ['E'], ['10'], ['9'], ['Z']],
    );
    expect(await sorted(set, asc())).toEqual([
      '10',
      '9',
      '_',
      'A',
      'a',
      'B',
      'b',
      'E',
      'Z',
      'é',
      null,
    ]);
    expect(keyKind(MONEY)).toBe('text');
    const money = held([MONEY], [['$9.00'], ['$10.00']]);
    expect(await sorted(money, asc())).toEqual(['$10.00', '$9.00']);
  });

  it('orders by code points, not UTF-16 units: 😀 (U+1F600) after U+FFFD', async () => {
    const set = held([TEXT], [['😀'], ['\ufffd'], ['z']]);
    expect(await sorted(set, asc())).toEqual(['z', '\ufffd', '😀']);
  });

  it('is stable: ties keep the server order, both ways, across many merges', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [String((i * 7919) % 13), String(i)]);
    const set = held([INT4, INT4], rows);
    for (const descending of [false, true]) {
      const order = await arrangeRows(
        set,
        { sort: [{ column: 0, descending }], filter: null },
        new EagerSlicer(),
      );
      const expected = rows
        .map((row, index) => ({ key: Number(row[0]), index }))
        .sort((a, b) => (descending ? b.key - a.key : a.key - b.key))
        .map((r) => r.index);
      expect([...order]).toEqual(expected);
    }
  });

  it('text values alike in their first 256 characters tie (server order kept)', async () => {
    const prefix = 'x'.repeat(256);
    const set = held(
      [TEXT, INT4],
      [
        [`${prefix}b`, '0'],
        [`${prefix}a`, '1'],
        ['y', '2'],
      ],
    );
    expect(await sorted(set, asc(), null, 1)).toEqual(['0', '1', '2']);
  });

  it('several keys, first key first', async () => {
    const set = held(
      [TEXT, INT4, INT4],
      [
        ['b', '1', '0'],
        ['a', '1', '1'],
        ['b', '2', '2'],
        ['a', '2', '3'],
        ['a', null, '4'],
      ],
    );
    const order = await sorted(
      set,
      [
        { column: 0, descending: false },
        { column: 1, descending: true },
      ],
      null,
      2,
    );
    expect(order).toEqual(['4', '3', '1', '2', '0']);
  });

  it('sorts a shuffle of 100,000 numbers the way Array.sort does', async () => {
    const values = Array.from({ length: 100_000 }, (_, i) =>
      i % 97 === 0 ? null : String(((i * 2654435761) % 1_000_003) - 500_000),
    );
    const set = held(
      [INT4],
      values.map((v) => [v]),
    );
    const expected = [...values].sort((a, b) =>
      a === null ? (b === null ? 0 : 1) : b === null ? -1 : Number(a) - Number(b),
    );
    expect(await sorted(set, asc())).toEqual(expected);
  });
});

describe('filter of a held result', () => {
  const set = held(
    [INT4, TEXT, TEXT],
    [
      ['1', 'Apple pie', null],
      ['2', 'banana', 'APPLE'],
      ['3', 'cherry', 'null'],
      ['4', null, 'grape'],
    ],
  );

  it('keeps rows holding the text in any column, ignoring case, in the server order', async () => {
    const kept = await filterRows(set, { text: 'aPpLe' }, new Slicer());
    expect([...kept]).toEqual([0, 1]);
    expect([...(await filterRows(set, { text: '4' }, new Slicer()))]).toEqual([3]);
  });

  it('only in one column when asked; a NULL never matches, not even "null"', async () => {
    expect([...(await filterRows(set, { text: 'apple', column: 2 }, new Slicer()))]).toEqual([1]);
    expect([...(await filterRows(set, { text: 'null' }, new Slicer()))]).toEqual([2]);
    expect([...(await filterRows(set, { text: 'zzz' }, new Slicer()))]).toEqual([]);
  });

  it('filters first, then sorts what it kept', async () => {
    // 'cherry' | 'null' is filtered out; NULL comes first descending.
    expect(await sorted(set, desc(1), { text: 'a' }, 0)).toEqual(['4', '2', '1']);
  });
});

describe('sliced work', () => {
  it('gives the event loop turns, and stops when its check throws', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i)]);
    const set = held([INT4], rows);
    let turns = 0;
    const stop = new TuskError('query_cancelled', 'stopped', { code: 'SUPERSEDED' });
    const slicer = new EagerSlicer(() => {
      turns += 1;
      if (turns === 3) throw stop;
    });
    await expect(arrangeRows(set, { sort: desc(), filter: null }, slicer)).rejects.toBe(stop);
    expect(turns).toBe(3);
  });

  it('a sort of nothing or of one row', async () => {
    const slicer = new Slicer();
    expect([...(await sortSliced(new Uint32Array(0), (a, b) => a - b, slicer))]).toEqual([]);
    expect([...(await sortSliced(Uint32Array.of(7), (a, b) => a - b, slicer))]).toEqual([7]);
  });

  it('compares decimals exactly', () => {
    expect(compareDecimals('0.1', '0.10000000000000000001')).toBeLessThan(0);
    expect(compareDecimals('-0.1', '-0.10000000000000000001')).toBeGreaterThan(0);
    expect(compareDecimals('1e+21', '1000000000000000000000.0')).toBe(0);
    expect(compareDecimals('0', '-0.000')).toBe(0);
  });
});
