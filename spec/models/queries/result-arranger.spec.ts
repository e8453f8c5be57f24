import { isTuskError } from '../../../app/models/errors/errors';
import { QueryRun, type RunContext } from '../../../app/models/queries/query-run';
import { ResultArranger } from '../../../app/models/queries/result-arranger';
import { ResultBudget } from '../../../app/models/queries/result-budget';
import { copyRows } from '../../../app/models/queries/result-copy';
import { ResultSet } from '../../../app/models/queries/result-set';
import { ResultView } from '../../../app/models/queries/result-view';
import { dataRow } from '../../support/data-row';

/** The context of a run that is never started (its rows are put in by hand). */
const neverRun: RunContext = {
  get pool(): never {
    throw new Error('this run is never started');
  },
  acquire: () => Promise.reject(new Error('this run is never started')),
  budget: new ResultBudget(() => ({ perResult: 2 ** 30, total: 2 ** 30 })),
  rowCap: 0,
  events: { progress: () => undefined, finished: () => undefined },
};

/** A run that has ended, holding `rows` (columns: id int4, name text) as statement 0. */
function endedRun(rows: (string | null)[][]): { run: QueryRun; set: ResultSet } {
  const run = new QueryRun(
    { id: '00000000-0000-4000-8000-000000000001', connectionId: 'c', sql: 'SELECT …' },
    neverRun,
  );
  const set = new ResultSet([
    { name: 'id', type: 23, modifier: -1, table: 0, number: 0 },
    { name: 'name', type: 25, modifier: -1, table: 0, number: 0 },
  ]);
  for (const row of rows) set.append(dataRow(row));
  run.sets.set(0, set);
  run.status = 'completed';
  return { run, set };
}

/** An arranger under a budget of `total` bytes (default: plenty). */
function arranger(total = 2 ** 30): ResultArranger {
  return new ResultArranger(new ResultBudget(() => ({ perResult: total, total })));
}

const fruit = [
  ['1', 'banana'],
  ['2', 'Apple'],
  ['3', null],
  ['4', 'cherry'],
  ['5', 'apple'],
];

/** The error a promise rejects with, as a view would receive it. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTuskError(error)) throw new Error(`expected a TuskError, got ${String(error)}`);
  return error.toErrorInfo();
}

describe('ResultView: rows read through an arrangement', () => {
  it('pages, cells and cut cells in view rows; the server order without one', async () => {
    const { run, set } = endedRun([...fruit, ['6', 'é'.repeat(50)]]);
    const plain = new ResultView(set, null);
    expect(plain.rowCount).toBe(6);
    expect(plain.page(0, 2, 1000).rows).toEqual([
      ['1', 'banana'],
      ['2', 'Apple'],
    ]);
    const reply = await arranger().arrange(run, 0, set, {
      sort: [{ column: 0, descending: true }],
      filter: { text: 'É', column: 1 },
    });
    expect(reply).toEqual({
      rowCount: 1,
      heldRows: 6,
      sort: [{ column: 0, descending: true }],
      filter: { text: 'É', column: 1 },
    });
    await arranger().arrange(run, 0, set, {
      sort: [{ column: 0, descending: true }],
      filter: null,
    });
    const view = new ResultView(set, run.arrangements.get(0)!);
    expect(view.rowCount).toBe(6);
    const page = view.page(0, 3, 11);
    expect(page.rows).toEqual([
      ['6', 'ééééé'],
      ['5', 'apple'],
      ['4', 'cherry'],
    ]);
    expect(page.cut).toEqual([{ row: 0, column: 1, totalBytes: 100 }]);
    expect(view.page(4, 10, 1000).rows).toEqual([
      ['2', 'Apple'],
      ['1', 'banana'],
    ]);
    expect(view.cell(1, 1)).toBe('apple');
    expect(view.cell(0, 1)).toBe('é'.repeat(50));
    expect(view.cell(6, 0)).toBeUndefined();
  });

  it('copyRows counts rows as the view shows them', async () => {
    const { run, set } = endedRun(fruit);
    await arranger().arrange(run, 0, set, {
      sort: [{ column: 1, descending: false }],
      filter: null,
    });
    const view = new ResultView(set, run.arrangements.get(0)!);
    const copy = await copyRows(
      view,
      [
        { name: 'id', type: 'integer', table: null },
        { name: 'name', type: 'text', table: null },
      ],
      { from: 0, to: 3, columns: [1, 0], format: 'tsv', headers: false },
    );
    expect(copy).toEqual({ rows: 3, text: 'Apple\t2\napple\t5\nbanana\t1' });
  });
});

describe('ResultArranger', () => {
  it('refuses a result still fetching, with what to do; a cancelled one can be arranged', async () => {
    const { run, set } = endedRun(fruit);
    run.status = 'running';
    const error = await refusal(
      arranger().arrange(run, 0, set, { sort: [], filter: { text: 'a' } }),
    );
    expect(error).toEqual({
      kind: 'validation',
      code: 'RESULT_NOT_COMPLETE',
      message: 'Sort and filter wait for the whole result',
      hint: 'Wait for the query to finish, or cancel it: the rows fetched so far can then be sorted and filtered.',
    });
    run.status = 'cancelled';
    const reply = await arranger().arrange(run, 0, set, {
      sort: [],
      filter: { text: 'a' },
    });
    expect(reply.rowCount).toBe(3);
  });

  it('refuses a column out of range, giving the column count', async () => {
    const { run, set } = endedRun(fruit);
    for (const request of [
      { sort: [{ column: 2, descending: false }], filter: null },
      { sort: [], filter: { text: 'a', column: 2 } },
    ]) {
      expect(await refusal(arranger().arrange(run, 0, set, request))).toEqual({
        kind: 'validation',
        message: 'There is no column 2',
        hint: 'The result has 2 columns, counted from 0.',
      });
    }
  });

  it('counts the order in the result memory, drops it when cleared and when freed', async () => {
    const { run, set } = endedRun(fruit);
    const before = run.bytes;
    const arranging = arranger();
    await arranging.arrange(run, 0, set, { sort: [{ column: 1, descending: true }], filter: null });
    expect(run.bytes).toBe(before + 5 * 4);
    const cleared = await arranging.arrange(run, 0, set, { sort: [], filter: null });
    expect(cleared).toEqual({ rowCount: 5, heldRows: 5, sort: [], filter: null });
    expect(run.arrangements.size).toBe(0);
    expect(run.bytes).toBe(before);
    await arranging.arrange(run, 0, set, { sort: [], filter: { text: 'an' } });
    expect(run.bytes).toBe(before + 1 * 4);
    run.free();
    expect(run.bytes).toBe(0);
    expect(run.arrangements.size).toBe(0);
  });

  it('counts the sort keys while they are built; refuses a sort the budget cannot hold, and gives the memory back', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => [String(i), `name ${i}`]);
    const { run, set } = endedRun(rows);
    const held = run.bytes;
    // Room for the order (4 bytes a row) but not for text keys (17 bytes a row and more).
    const tight = arranger(held + 50_000 * 8);
    expect(
      await refusal(
        tight.arrange(run, 0, set, { sort: [{ column: 1, descending: false }], filter: null }),
      ),
    ).toMatchObject({ kind: 'validation', code: 'SORT_TOO_LARGE' });
    expect(run.sortBytes).toBe(0);
    expect(run.arrangements.size).toBe(0);
    // A number key fits a larger budget; the keys are given back once the order is made.
    const enough = arranger(held + 50_000 * 40);
    await enough.arrange(run, 0, set, { sort: [{ column: 0, descending: true }], filter: null });
    expect(run.sortBytes).toBe(0);
    expect(run.bytes).toBe(held + 50_000 * 4);
  });

  describe('on a result large enough to take many slices', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [
      String(i),
      `${(i * 7919) % 200_003}`.padStart(8, 'x'),
    ]);

    it('a newer request supersedes the one running; the newer is what is in force', async () => {
      const { run, set } = endedRun(rows);
      const arranging = arranger();
      const older = arranging.arrange(run, 0, set, {
        sort: [{ column: 1, descending: false }],
        filter: null,
      });
      const newer = arranging.arrange(run, 0, set, {
        sort: [{ column: 0, descending: true }],
        filter: null,
      });
      expect(await refusal(older)).toEqual({
        kind: 'query_cancelled',
        code: 'SUPERSEDED',
        message: 'A newer sort or filter of this result replaced this one',
      });
      expect((await newer).rowCount).toBe(200_000);
      const view = new ResultView(set, run.arrangements.get(0)!);
      expect(view.page(0, 2, 100).rows.map((r) => r[0])).toEqual(['199999', '199998']);
    });

    it('a clear supersedes a running sort too', async () => {
      const { run, set } = endedRun(rows);
      const arranging = arranger();
      const sorting = arranging.arrange(run, 0, set, {
        sort: [{ column: 1, descending: false }],
        filter: null,
      });
      await arranging.arrange(run, 0, set, { sort: [], filter: null });
      expect((await refusal(sorting)).code).toBe('SUPERSEDED');
      expect(run.arrangements.size).toBe(0);
    });

    it('stops when the rows are freed meanwhile (the budget, a close)', async () => {
      const { run, set } = endedRun(rows);
      const sorting = arranger().arrange(run, 0, set, {
        sort: [{ column: 1, descending: true }],
        filter: { text: '1' },
      });
      run.free();
      expect(await refusal(sorting)).toEqual({
        kind: 'validation',
        message: 'This result was freed to keep memory within its budget',
        hint: 'Run the query again, or raise the result memory in the preferences.',
      });
      expect(run.arrangements.size).toBe(0);
    });
  });
});
