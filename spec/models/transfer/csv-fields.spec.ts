import { CsvFieldPicker } from '../../../app/models/transfer/csv-fields';

/** Re-writes `text` fed in pieces of `size` bytes. */
function pick(text: string, sources: number[], size: number, syntax = CSV): string {
  const picker = new CsvFieldPicker(syntax, sources);
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size)
    out.push(picker.push(bytes.subarray(at, at + size)));
  out.push(picker.end());
  return Buffer.concat(out).toString();
}
const CSV = { delimiter: ',', quote: '"', escape: '"' };

describe('CsvFieldPicker: CSV records split as COPY reads them, re-written by the mapping', () => {
  it('keeps each field as it was (quotes, doubled quotes, line breaks inside), whatever the cuts', () => {
    const text = 'a,b,c\r\n1,"x, ""y""\nz",3\r\n"",,\r\nlast,"no break",é';
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(pick(text, [2, 0], size)).toBe('c,a\r\n3,1\r\n,""\r\né,last');
    }
  });

  it('an escape other than the quote, and a tab delimiter', () => {
    const tsv = { delimiter: '\t', quote: "'", escape: '\\' };
    const text = "1\t'it\\'s\there'\tx\n2\t\t\\N\n";
    for (const size of [1, 4, 100]) {
      expect(pick(text, [1, 2], size, tsv)).toBe("'it\\'s\there'\tx\n\t\\N\n");
    }
  });

  it("counts the first record's fields, and names a line without a mapped field", () => {
    const counter = new CsvFieldPicker(CSV, null);
    counter.push(Buffer.from('a,"b,c",d\n1'));
    expect(counter.firstFieldCount).toBe(3);
    expect(() => pick('a,b,c\n1,2\n', [2], 100)).toThrow(
      'Line 2 has 2 fields; the column mapping reads field 3',
    );
  });

  it('refuses a delimiter that is not one ASCII byte', () => {
    expect(() => new CsvFieldPicker({ ...CSV, delimiter: '§' }, [0])).toThrow(
      '"§" is not a one-byte (ASCII) character',
    );
  });
});
