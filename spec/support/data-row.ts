/** A DataRow message as PostgreSQL sends it: type, length, column count, cells (-1 = NULL). */
export function dataRow(cells: (string | null)[]): Buffer {
  const parts = cells.map((cell) => {
    if (cell === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
    const bytes = Buffer.from(cell, 'utf8');
    const length = Buffer.alloc(4);
    length.writeInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  });
  const count = Buffer.alloc(2);
  count.writeUInt16BE(cells.length);
  const body = Buffer.concat([count, ...parts]);
  const head = Buffer.alloc(5);
  head.write('D');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
