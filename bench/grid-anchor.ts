// The grid bench's anchor (bench/grid.ts): the least any DOM virtual grid must do per
// frame. A fixed scroll box of the same size with a spacer (its height capped as Tusk's
// is, the scroll position scaled over a million 24-px rows), one block of plain row
// elements with a row number and 4 cells kept at the top, and at each scroll the text of
// every cell in view written from values made in advance: no data to fetch, no selection,
// no ARIA, no column windowing. The wheel moves by real pixels, as Tusk's grid does above
// the browser's height limit. Runs in the page (passed to page.evaluate).

/** In the page: mounts the anchor grid over `rows` rows (element id `bench-anchor`). */
export function mountAnchor(rows: number): void {
  const ROW = 24;
  document.querySelector('#bench-host')?.remove();
  const host = document.createElement('div');
  host.id = 'bench-host';
  Object.assign(host.style, { position: 'fixed', inset: '0', zIndex: '10', background: '#fff' });
  const grid = document.createElement('div');
  grid.id = 'bench-anchor';
  Object.assign(grid.style, {
    position: 'absolute',
    inset: '0',
    overflow: 'auto',
    font: '12px monospace',
  });
  const spacer = document.createElement('div');
  const total = rows * ROW;
  const height = Math.min(total, 10_000_000);
  Object.assign(spacer.style, { position: 'relative', height: `${height}px` });
  const block = document.createElement('div');
  Object.assign(block.style, { position: 'sticky', top: '0' });
  spacer.append(block);
  grid.append(spacer);
  host.append(grid);
  document.body.append(host);
  const values = Array.from({ length: 1000 }, (_, i) => [
    String(i * 7919),
    (i * 2654435761).toString(16).padStart(32, '0'),
    String(i * 1.5),
    new Date(1.7e12 + i * 3.6e6).toISOString(),
  ]);
  const count = Math.ceil(grid.clientHeight / ROW) + 1;
  const cells: HTMLElement[][] = [];
  for (let r = 0; r < count; r++) {
    const line = document.createElement('div');
    Object.assign(line.style, { display: 'flex', height: `${ROW}px`, lineHeight: `${ROW}px` });
    const row: HTMLElement[] = [];
    for (const width of [64, 90, 260, 90, 220]) {
      const cell = document.createElement('div');
      Object.assign(cell.style, { width: `${width}px`, overflow: 'hidden', whiteSpace: 'nowrap' });
      line.append(cell);
      row.push(cell);
    }
    block.append(line);
    cells.push(row);
  }
  let real = 0;
  let expected = -1;
  const draw = () => {
    const first = Math.floor(real / ROW);
    block.style.transform = `translateY(${-(real % ROW)}px)`;
    cells.forEach((row, i) => {
      const index = first + i;
      const value = values[index % values.length]!;
      const text = [String(index + 1), ...value];
      row.forEach((cell, c) => {
        if (cell.textContent !== text[c]) cell.textContent = text[c]!;
      });
    });
  };
  const maxReal = total - grid.clientHeight;
  const maxTop = height - grid.clientHeight;
  grid.addEventListener('scroll', () => {
    if (Math.abs(grid.scrollTop - expected) > 1) real = (grid.scrollTop / maxTop) * maxReal;
    draw();
  });
  grid.addEventListener('wheel', (event) => {
    event.preventDefault();
    real = Math.max(0, Math.min(maxReal, real + event.deltaY));
    expected = Math.round((real / maxReal) * maxTop);
    grid.scrollTop = expected;
    draw();
  });
  draw();
}
