import { Text } from '@codemirror/state';
import { codePointAt } from '../../app/views/query-tab/sql-editor-events';
import {
  spansOf,
  statementAt,
  toCodePoint,
  toUtf16,
} from '../../app/views/query-tab/sql-statements';

/** The SQL editor's pure code: offsets, statements (the editor: sql-editor.spec.ts). */
describe('code points and UTF-16 offsets', () => {
  const text = "a🐘b\n😀'x'";
  it('converts both ways across surrogate pairs', () => {
    expect(toUtf16(text, [0, 1, 2, 3, 4, 5, 99])).toEqual([0, 1, 3, 4, 5, 7, text.length]);
    expect(toUtf16(text, [5, 2])).toEqual([7, 3]);
    expect([0, 1, 3, 4, 5, 7].map((u) => toCodePoint(text, u))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('counts code points in CodeMirror documents, also after edits (cached per piece)', () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 3 ? `select '🐘${i}😀' as x;` : `select ${i};`,
    );
    let doc = Text.of(lines);
    const check = () => {
      const text = doc.toString();
      for (const unit of [
        0,
        1,
        17,
        999,
        Math.floor(text.length / 2),
        text.length - 1,
        text.length,
      ]) {
        expect(codePointAt(doc, unit)).toBe([...text.slice(0, unit)].length);
      }
    };
    check();
    doc = doc.replace(40_000, 40_000, Text.of(['🦀 new', 'line']));
    check();
    doc = doc.replace(10, 2_000, Text.of(['']));
    check();
  });

  it('finds the statement under the cursor, also between statements', () => {
    const sql = 'select 1;  -- one\n\n  select 2;\nselect 3';
    const spans = spansOf(sql, [
      { start: 0, end: 8, kind: 'select' },
      { start: 21, end: 29, kind: 'select' },
      { start: 31, end: 39, kind: 'select' },
    ]);
    expect(statementAt(sql, spans, 3)).toBe(0);
    expect(statementAt(sql, spans, 9)).toBe(0); // after `;` on its line
    expect(statementAt(sql, spans, 17)).toBe(0); // after the comment
    expect(statementAt(sql, spans, 18)).toBe(1); // the blank line above it
    expect(statementAt(sql, spans, 19)).toBe(1); // its indentation
    expect(statementAt(sql, spans, 39)).toBe(2);
    expect(statementAt(sql, [], 0)).toBe(-1);
  });
});
