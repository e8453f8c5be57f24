import { displayText, formatBytes } from './cell-format';
import { ROW_HEIGHT, type ColumnLayout, type RowGeometry } from './grid-geometry';
import type { SelectionModel, SelectionRect } from './grid-selection';
import { markCell, markRow } from './grid-marks';
import type { Arrangement, GridColumn, GridSource } from './grid-source';

/** Rows the view may move from its block's top row before the block is placed anew. */
const REBASE_ROWS = 2000;

/** The id of the active cell's element (the grid's `aria-activedescendant`). */
export const ACTIVE_CELL_ID = 'grid-active-cell';

/** What one frame of the grid shows. */
export interface Frame {
  source: GridSource;
  columns: readonly GridColumn[];
  layout: ColumnLayout;
  geometry: RowGeometry;
  /** Real position of the viewport's top, px. */
  real: number;
  /** The scroll area's position (where the rows' block is placed), px. */
  scrollTop: number;
  /** Columns in view, inclusive. */
  firstColumn: number;
  lastColumn: number;
  selection: SelectionModel;
  /** The sort and filter whose marks the header shows (the source's, or a server order's). */
  arrangement: Arrangement | null;
}

interface RowView {
  el: HTMLElement;
  header: HTMLElement;
  pad: HTMLElement;
  cells: HTMLElement[];
  /** The row shown, -1 for none. */
  index: number;
  /** Its cells hold the row's values for the columns `firstColumn…lastColumn`. */
  key: string;
  /** The selection its cells show (with `key`). */
  selected: string;
  /** Its place in the rows' block, px. */
  y: number;
}

/**
 * Draws the rows and header cells in view into plain elements it keeps and reuses (no
 * framework in the scroll path): rows still in view keep their cells, rows that come into
 * view take the elements of rows that left. Values go in as text only (`textContent`),
 * never as markup. Returns the rows it lacked, for the grid to load.
 */
export class GridBody {
  readonly #head: HTMLElement;
  readonly #headPad: HTMLElement;
  readonly #rowsBox: HTMLElement;
  #rows: RowView[] = [];
  #headCells: HTMLElement[] = [];
  #headKey = '';
  /** The arrangement the header was last drawn for, and a count of its changes. */
  #arrangement: Arrangement | null = null;
  #arranged = 0;
  /** The row at the top of the rows' block; -1 before the first draw. */
  #base = -1;
  /** The block's transform as last written. */
  #top = '';

  /** `head`: the header row (its first child the corner); `rows`: the rows' block. */
  constructor(head: HTMLElement, rows: HTMLElement) {
    this.#head = head;
    this.#rowsBox = rows;
    this.#headPad = div('pad');
    head.append(this.#headPad);
  }

  /** Forgets what is drawn (the columns or their widths changed). */
  invalidate(): void {
    this.#headKey = '';
    for (const view of this.#rows) view.key = '';
  }

  /**
   * Draws `frame`; returns the first and last row it had no values for, or null. Rows sit
   * at fixed places in the rows' block (from row `#base` on), and the block moves: as it
   * scrolls only the rows that come into view are painted, not every row again.
   */
  draw(frame: Frame): [number, number] | null {
    const { first, count, offset } = frame.geometry.window(frame.real);
    if (this.#base < 0 || Math.abs(first - this.#base) > REBASE_ROWS) this.#base = first;
    const top = `translateY(${frame.scrollTop + (this.#base - first) * ROW_HEIGHT + offset}px)`;
    if (top !== this.#top) this.#rowsBox.style.transform = this.#top = top;
    this.#drawHead(frame);
    const wanted = new Map<number, RowView>();
    const free: RowView[] = [];
    for (const view of this.#rows) {
      if (view.index >= first && view.index < first + count) wanted.set(view.index, view);
      else free.push(view);
    }
    // Rows that left go out first: the rows that stay are then in order, and never moved.
    for (const view of free) view.el.remove();
    const rows: RowView[] = [];
    let missing: [number, number] | null = null;
    const rect = frame.selection.rect(frame.source.rowCount, frame.columns.length);
    let previous: HTMLElement | null = null;
    for (let index = first; index < first + count; index++) {
      const view = wanted.get(index) ?? free.pop() ?? this.#newRow();
      if (!this.#fill(view, index, frame)) missing = missing ? [missing[0], index] : [index, index];
      const y = (index - this.#base) * ROW_HEIGHT;
      if (y !== view.y) {
        view.y = y;
        view.el.style.transform = `translateY(${y}px)`;
      }
      this.#select(view, frame, rect);
      const next: ChildNode | null = previous ? previous.nextSibling : this.#rowsBox.firstChild;
      if (next !== view.el) this.#rowsBox.insertBefore(view.el, next);
      previous = view.el;
      rows.push(view);
    }
    this.#rows = rows;
    return missing;
  }

  #drawHead(frame: Frame): void {
    const arrangement = frame.arrangement;
    // A new arrangement is a new object: the header is drawn again (not every frame).
    if (arrangement !== this.#arrangement) {
      this.#arrangement = arrangement;
      this.#arranged += 1;
    }
    const sort = arrangement?.sort ?? [];
    const key = `${frame.firstColumn}:${frame.lastColumn}:${frame.columns.length}:${this.#arranged}`;
    if (key === this.#headKey) {
      this.#selectHead(frame, frame.selection.rect(frame.source.rowCount, frame.columns.length));
      return;
    }
    this.#headKey = key;
    this.#headPad.style.width = `${frame.layout.lefts[frame.firstColumn] ?? 0}px`;
    const cells: HTMLElement[] = [];
    for (let c = frame.firstColumn; c <= frame.lastColumn; c++) {
      const cell = this.#headCells[c - frame.firstColumn] ?? this.#newHeadCell();
      const column = frame.columns[c]!;
      const [name, type, mark] = cell.children as unknown as HTMLElement[];
      name!.textContent = column.name;
      type!.textContent = column.type;
      const by = sort.findIndex((k) => k.column === c);
      const key = sort[by];
      mark!.textContent = !key
        ? '⇅'
        : `${key.descending ? '↓' : '↑'}${sort.length > 1 ? by + 1 : ''}`;
      mark!.classList.toggle('on', key !== undefined);
      cell.classList.toggle('sorted', key !== undefined);
      mark!.title = !key
        ? 'Sort by this column (Shift: add to the sort)'
        : `Sorted ${key.descending ? 'descending' : 'ascending'}: click to change`;
      cell.title = `${column.name} ${column.type}`;
      if (key) cell.setAttribute('aria-sort', key.descending ? 'descending' : 'ascending');
      else cell.removeAttribute('aria-sort');
      cell.dataset['column'] = String(c);
      cell.setAttribute('aria-colindex', String(c + 2));
      cell.classList.toggle('num', column.numeric);
      cell.style.width = `${frame.layout.widths[c]}px`;
      cells.push(cell);
    }
    for (const extra of this.#headCells.slice(cells.length)) extra.remove();
    this.#head.append(...cells.filter((c) => !c.isConnected));
    this.#headCells = cells;
    this.#selectHead(frame, frame.selection.rect(frame.source.rowCount, frame.columns.length));
  }

  #newHeadCell(): HTMLElement {
    const cell = div('col', 'columnheader');
    const grip = div('grip');
    grip.setAttribute('aria-hidden', 'true');
    const mark = span('sort');
    mark.setAttribute('aria-hidden', 'true');
    cell.append(span('name'), span('type'), mark, grip);
    return cell;
  }

  #selectHead(frame: Frame, rect: SelectionRect): void {
    const whole = frame.selection.kind === 'columns' || frame.selection.kind === 'all';
    for (const cell of this.#headCells) {
      const c = Number(cell.dataset['column']);
      const inside = c >= rect.c0 && c <= rect.c1 && frame.source.rowCount > 0;
      cell.classList.toggle('sel', inside);
      cell.classList.toggle('whole', inside && whole);
    }
  }

  #newRow(): RowView {
    const el = div('row', 'row');
    const header = div('rh', 'rowheader');
    header.setAttribute('aria-colindex', '1');
    const pad = div('pad');
    el.append(header, pad);
    return { el, header, pad, cells: [], index: -1, key: '', selected: '', y: NaN };
  }

  /** Puts row `index`'s values into `view`; false when the source has not loaded them. */
  #fill(view: RowView, index: number, frame: Frame): boolean {
    const row = frame.source.peek(index);
    const version = frame.source.version ?? 0;
    const key = `${index}:${frame.firstColumn}:${frame.lastColumn}:${row ? 1 : 0}:${version}`;
    if (view.key === key) return true;
    view.key = key;
    view.index = index;
    view.el.setAttribute('aria-rowindex', String(index + 2));
    view.el.dataset['row'] = String(index);
    markRow(view.el, view.header, String(index + 1), row?.marks);
    view.selected = '';
    view.pad.style.width = `${frame.layout.lefts[frame.firstColumn] ?? 0}px`;
    const width = frame.lastColumn - frame.firstColumn + 1;
    while (view.cells.length < width) {
      const cell = div('cell', 'gridcell');
      view.el.append(cell);
      view.cells.push(cell);
    }
    for (const extra of view.cells.splice(width)) extra.remove();
    for (let i = 0; i < width; i++) {
      const c = frame.firstColumn + i;
      const cell = view.cells[i]!;
      const column = frame.columns[c]!;
      cell.dataset['column'] = String(c);
      cell.setAttribute('aria-colindex', String(c + 2));
      cell.style.width = `${frame.layout.widths[c]}px`;
      const value = row ? row.cells[c] : undefined;
      cell.classList.toggle('num', column.numeric);
      cell.classList.toggle('null', value === null);
      cell.classList.toggle('loading', value === undefined);
      const cut = row?.cut?.get(c);
      cell.classList.toggle('cut', cut !== undefined);
      const instead = markCell(cell, c, row?.marks);
      if (instead !== null) cell.textContent = instead;
      else if (value === null) cell.textContent = 'NULL';
      else if (value === undefined) cell.textContent = '';
      else if (cut === undefined) cell.textContent = displayText(value);
      else {
        const size = span('size');
        size.textContent = `… ${formatBytes(cut)}`;
        size.title = 'Cut here: Enter or double-click opens the whole value';
        cell.replaceChildren(displayText(value), size);
      }
    }
    return row !== undefined;
  }

  #select(view: RowView, frame: Frame, rect: SelectionRect): void {
    const { active, kind } = frame.selection;
    const rowIn = view.index >= rect.r0 && view.index <= rect.r1;
    const activeHere = view.index === active.row ? active.column : -1;
    const selected = `${view.key}|${rowIn ? `${rect.c0}:${rect.c1}:${kind}` : ''}|${activeHere}`;
    if (selected === view.selected) return;
    view.selected = selected;
    view.header.classList.toggle('sel', rowIn);
    view.header.classList.toggle('whole', rowIn && (kind === 'rows' || kind === 'all'));
    for (const cell of view.cells) {
      const c = Number(cell.dataset['column']);
      const inside = rowIn && c >= rect.c0 && c <= rect.c1;
      cell.classList.toggle('sel', inside);
      cell.setAttribute('aria-selected', inside ? 'true' : 'false');
      const isActive = view.index === active.row && c === active.column;
      cell.classList.toggle('active', isActive);
      if (isActive) cell.id = ACTIVE_CELL_ID;
      else if (cell.id) cell.removeAttribute('id');
    }
  }
}

function div(className: string, role?: string): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  if (role) el.setAttribute('role', role);
  return el;
}

function span(className: string): HTMLElement {
  const el = document.createElement('span');
  el.className = className;
  return el;
}
