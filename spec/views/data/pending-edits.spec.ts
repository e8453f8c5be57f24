import { EditedSource } from '../../../app/views/data/edited-source';
import { PendingEdits } from '../../../app/views/data/pending-edits';
import { refuseValue, booleanFromKey, isMultiLine } from '../../../app/views/results/edit-values';
import type { GridRow, GridSource } from '../../../app/views/results/grid-source';

/** A complete result over an array (held index = row index), as the grid reads one. */
class ArraySource extends EventTarget implements GridSource {
  readonly columns = [
    { name: 'id', type: 'integer', numeric: true },
    { name: 'name', type: 'text', numeric: false },
  ];
  readonly complete = true;
  readonly error = null;
  readonly rows_: GridRow[];
  constructor(values: (string | null)[][]) {
    super();
    this.rows_ = values.map((cells, held) => ({ cells, held }));
  }
  get rowCount() {
    return this.rows_.length;
  }
  rows(offset: number, limit: number) {
    return Promise.resolve(this.rows_.slice(offset, offset + limit));
  }
  peek(row: number) {
    return this.rows_[row];
  }
  cell(row: number, column: number) {
    return Promise.resolve(this.rows_[row]!.cells[column] ?? null);
  }
  copy() {
    return Promise.resolve({ text: 'from the backend', rows: 0 });
  }
}

describe('the pending edits of a result', () => {
  it('holds updates by held row and column, drops a change back to the original, and sends deletes, updates, inserts', () => {
    const edits = new PendingEdits();
    let events = 0;
    edits.addEventListener('change', () => (events += 1));
    edits.setCell({ held: 4 }, 1, 'new name', 'old');
    edits.setCell({ held: 2 }, 1, null, 'x');
    edits.setCell({ held: 2 }, 0, '', '7');
    edits.setCell({ held: 9 }, 1, 'same', 'same'); // equal to the original: no change
    const id = edits.insert(new Map([[1, 'fresh']]));
    edits.delete([{ held: 7 }]);
    expect(events).toBe(6);
    expect(edits.counts).toEqual({ updated: 2, inserted: 1, deleted: 1 });
    const { changes, targets } = edits.changes();
    expect(changes).toEqual([
      { op: 'delete', row: 7 },
      { op: 'update', row: 2, values: { '0': '', '1': null } },
      { op: 'update', row: 4, values: { '1': 'new name' } },
      { op: 'insert', values: { '1': 'fresh' } },
    ]);
    expect(targets).toEqual([{ held: 7 }, { held: 2 }, { held: 4 }, { insert: id }]);
    // A change set back to the original value is no change.
    edits.setCell({ held: 4 }, 1, 'old', 'old');
    expect(edits.counts.updated).toBe(1);
  });

  it('undoes and redoes over the pending set, a batch as one step, and a new change drops the redo', () => {
    const edits = new PendingEdits();
    edits.setCell({ held: 0 }, 0, 'a', 'x');
    edits.batch(() => {
      edits.setCell({ held: 1 }, 0, null, 'y');
      edits.setCell({ held: 2 }, 0, null, 'z');
    });
    edits.delete([{ held: 0 }]);
    expect(edits.counts).toEqual({ updated: 2, inserted: 0, deleted: 1 });
    edits.undo();
    expect(edits.counts).toEqual({ updated: 3, inserted: 0, deleted: 0 });
    edits.undo(); // the batch at once
    expect(edits.counts).toEqual({ updated: 1, inserted: 0, deleted: 0 });
    edits.redo();
    expect(edits.counts.updated).toBe(3);
    expect(edits.canRedo).toBe(true);
    edits.insert();
    expect(edits.canRedo).toBe(false);
    edits.discard();
    expect(edits.size).toBe(0);
    edits.undo(); // a discard is undone too
    expect(edits.counts).toEqual({ updated: 3, inserted: 1, deleted: 0 });
  });

  it('deleting a new row drops it; a deleted row sends its delete, not its update', () => {
    const edits = new PendingEdits();
    const id = edits.insert();
    edits.setCell({ insert: id }, 0, '5');
    edits.setCell({ held: 3 }, 1, 'b', 'a');
    edits.delete([{ insert: id }, { held: 3 }]);
    expect(edits.changes().changes).toEqual([{ op: 'delete', row: 3 }]);
  });

  it('after an apply shows what the server stored, leaves deleted rows out and clears the pending set', async () => {
    const base = new ArraySource([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
      ['4', 'd'],
    ]);
    const edits = new PendingEdits();
    const shown = new EditedSource(base, edits);
    edits.setCell({ held: 0 }, 1, 'A', 'a');
    edits.delete([{ held: 1 }]);
    const id = edits.insert(new Map([[1, 'e']]));
    expect(shown.rowCount).toBe(5);
    expect(shown.peek(0)).toMatchObject({ cells: ['1', 'A'], marks: { state: 'changed' } });
    expect(shown.peek(1)?.marks?.state).toBe('deleted');
    expect(shown.peek(4)).toMatchObject({ cells: ['', 'e'], marks: { state: 'new' } });
    expect([...shown.peek(4)!.marks!.defaults!]).toEqual([0]);
    expect(shown.rowOfInsert(id)).toBe(4);
    // The backend copies plain results; edited ones are copied from what is shown.
    const copied = await shown.copy({ rows: { from: 0, to: 5 }, columns: [0, 1] }, 'tsv', true);
    expect(copied.text).toBe('id\tname\n1\tA\n2\tb\n3\tc\n4\td\n\te');

    const sent = edits.changes();
    edits.applied(sent, [
      { change: 1, row: 0, values: ['1', 'A!'] }, // a trigger changed it
      { change: 2, row: null, values: ['5', 'e'] },
    ]);
    expect(edits.size).toBe(0);
    expect(edits.canUndo).toBe(false);
    expect(shown.rowCount).toBe(4); // row 2 gone, the inserted one after the held rows
    expect((await shown.rows(0, 4)).map((r) => r.cells)).toEqual([
      ['1', 'A!'],
      ['3', 'c'],
      ['4', 'd'],
      ['5', 'e'],
    ]);
    expect(shown.peek(3)?.marks?.state).toBe('inserted');
    expect(shown.targetOf(3)).toBeNull(); // not a held row: not edited here
    expect(shown.targetOf(1)).toEqual({ held: 2 });
    expect(await shown.cell(0, 1)).toBe('A!');
  });

  it('marks the row and cell an apply was refused on, and keeps the pending set', () => {
    const base = new ArraySource([['1', 'a']]);
    const edits = new PendingEdits();
    const shown = new EditedSource(base, edits);
    edits.setCell({ held: 0 }, 1, 'z', 'a');
    edits.failed({ target: { held: 0 }, column: 1, message: 'changed by another session' });
    expect(shown.peek(0)?.marks?.error).toEqual({
      column: 1,
      message: 'changed by another session',
    });
    expect(edits.size).toBe(1);
  });
});

describe('typed values', () => {
  it('refuses JSON that does not parse and bytea that is not \\x hex; the rest goes to the server', () => {
    expect(refuseValue('jsonb', '{"a": 1}')).toBeNull();
    expect(refuseValue('json', '{a: 1}')).toMatch(/^Not valid JSON/);
    expect(refuseValue('bytea', '\\x00ff')).toBeNull();
    expect(refuseValue('bytea', 'hello')).toMatch(/\\x/);
    expect(refuseValue('jsonb', null)).toBeNull();
    expect(refuseValue('integer', 'abc')).toBeNull();
    expect(booleanFromKey('T')).toBe('t');
    expect(booleanFromKey('n')).toBeNull();
    expect(booleanFromKey('x')).toBeUndefined();
    expect(isMultiLine('text', 'a\nb')).toBe(true);
    expect(isMultiLine('text', 'short')).toBe(false);
  });
});
