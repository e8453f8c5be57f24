import { autoWidths, FIT_CHARS, MIN_WIDTH } from './column-widths';
import { ACTIVE_CELL_ID, GridBody, type Frame } from './grid-body';
import { ColumnLayout, HEADER_HEIGHT, ROW_HEIGHT, RowGeometry } from './grid-geometry';
import type { CellPos, SelectionModel } from './grid-selection';
import type { Arrangement, GridRow, GridSource } from './grid-source';

/** The elements of the grid's template the viewport draws into. */
export interface ViewportElements {
  /** The scroll area (role `grid`). */
  grid: HTMLElement;
  spacer: HTMLElement;
  /** The header row (its first child the corner). */
  head: HTMLElement;
  /** The rows' block. */
  rows: HTMLElement;
}

/** What the viewport reads of its grid. */
export interface GridHost {
  readonly source: GridSource | null;
  readonly selection: SelectionModel;
  /** The sort and filter whose marks the header shows; a new object when it changed. */
  readonly arrangement: Arrangement | null;
}

/**
 * What the grid shows of its source for a scroll position: the row and column geometry,
 * the real scroll position (kept here: above the scroll area's height limit the browser's
 * is scaled), the column widths (fitted to the first rows until the user drags one), the
 * drawing of each frame and the loading of the rows it lacks (one load at a time).
 */
export class GridViewport {
  readonly #host: GridHost;
  readonly #el: ViewportElements;
  readonly #body: GridBody;
  #widths: number[] = [];
  #layout = new ColumnLayout([]);
  #geometry = new RowGeometry(0, 0);
  #real = 0;
  #expectedTop = 0;
  #size = { width: 0, height: 0 };
  #frame = 0;
  #loading = false;
  #failed = '';
  #sized: 'none' | 'header' | 'rows' | 'user' = 'none';
  /** What was last written: the spacer's size and the row numbers' width. */
  #sizes = '';
  #rowHeader = 0;
  readonly #resize = new ResizeObserver(([entry]) => {
    this.#size = { width: entry!.contentRect.width, height: entry!.contentRect.height };
    // Drawn now: the observer runs after the frame's layout and before its paint, so a new
    // grid shows its rows in its first frame (its size is `contain: strict`, never its rows').
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.draw();
  });

  constructor(host: GridHost, elements: ViewportElements) {
    this.#host = host;
    this.#el = elements;
    this.#body = new GridBody(elements.head, elements.rows);
    elements.grid.style.setProperty('--grid-row-height', `${ROW_HEIGHT}px`);
    elements.grid.style.setProperty('--grid-header-height', `${HEADER_HEIGHT}px`);
    elements.grid.addEventListener('scroll', () => this.#onScroll());
    elements.grid.addEventListener('wheel', (e) => this.#onWheel(e));
    this.observe();
  }

  /** Follows the grid's size (again, after it was taken out of the page and put back). */
  observe(): void {
    this.#resize.observe(this.#el.grid);
  }

  /** Stops following the size and drawing. */
  dispose(): void {
    this.#resize.disconnect();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** A new source: back to the top, widths fitted again. */
  reset(): void {
    this.#real = 0;
    this.#widths = [];
    this.#sized = 'none';
    this.#failed = '';
    this.#sizes = '';
  }

  /** Rows a Page Up/Down moves. */
  get pageRows(): number {
    return this.#geometry.pageRows;
  }

  /** The source's columns or rows changed: fits the widths while the user has not set one. */
  sourceChanged(): void {
    const source = this.#host.source;
    if (!source) return;
    if (source.columns.length !== this.#widths.length) this.#sized = 'none';
    if (this.#sized === 'user' || this.#sized === 'rows' || source.columns.length === 0) return;
    const rows = this.#firstRows();
    if (this.#sized === 'header' && rows.length === 0) return;
    this.#sized = rows.length > 0 ? 'rows' : 'header';
    this.#setWidths(autoWidths(source.columns, rows, this.#fonts()));
  }

  columnWidth(c: number): number {
    return this.#widths[c] ?? 0;
  }

  /**
   * Sets column `c`'s width (px, at least 48); `auto` fits it to the content of its first
   * rows, up to the width the grid shows.
   */
  setColumnWidth(c: number, width: number | 'auto'): void {
    const source = this.#host.source;
    if (!source || c >= this.#widths.length) return;
    const next = [...this.#widths];
    next[c] =
      width === 'auto'
        ? autoWidths([source.columns[c]!], this.#firstRows().map(only(c)), this.#fonts(), {
            width: this.#size.width - this.#rowHeaderWidth(),
            chars: FIT_CHARS,
          })[0]!
        : Math.max(MIN_WIDTH, Math.round(width));
    this.#sized = 'user';
    this.#setWidths(next);
  }

  /** Draws on the next frame. */
  requestDraw(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.draw();
    });
  }

  /** Scrolls as little as needs be to show cell `to`. */
  reveal(to: CellPos): void {
    const grid = this.#el.grid;
    this.#real = this.#geometry.reveal(to.row, this.#real);
    const width = this.#size.width - this.#rowHeaderWidth();
    const left = this.#layout.reveal(to.column, grid.scrollLeft, width);
    if (left !== grid.scrollLeft) grid.scrollLeft = left;
  }

  /** Draws now: the rows and columns in view, the selection, the ARIA counts. */
  draw(): void {
    const frame = this.#frameNow();
    if (!frame) return;
    const { grid, spacer } = this.#el;
    // Only what changed is written: an unchanged write can still cost a style pass.
    const sizes = `${frame.geometry.scrollHeight}:${this.#rowHeaderWidth() + this.#layout.total}:${frame.source.rowCount}:${frame.columns.length}`;
    if (sizes !== this.#sizes) {
      this.#sizes = sizes;
      spacer.style.height = `${frame.geometry.scrollHeight}px`;
      spacer.style.width = `${this.#rowHeaderWidth() + this.#layout.total}px`;
      grid.setAttribute('aria-rowcount', String(frame.source.rowCount + 1));
      grid.setAttribute('aria-colcount', String(frame.columns.length + 1));
    }
    if (Math.abs(grid.scrollTop - frame.scrollTop) > 1) grid.scrollTop = frame.scrollTop;
    this.#expectedTop = frame.scrollTop;
    const missing = this.#body.draw(frame);
    // The active cell is drawn only while it is in view.
    if ((grid.getRootNode() as ShadowRoot | Document).getElementById(ACTIVE_CELL_ID))
      grid.setAttribute('aria-activedescendant', ACTIVE_CELL_ID);
    else grid.removeAttribute('aria-activedescendant');
    if (missing) this.#load(missing);
  }

  #frameNow(): Frame | null {
    const source = this.#host.source;
    if (!source) return null;
    const rowHeader = this.#rowHeaderWidth();
    if (rowHeader !== this.#rowHeader) {
      this.#rowHeader = rowHeader;
      this.#el.grid.style.setProperty('--grid-row-header', `${rowHeader}px`);
    }
    const geometry = new RowGeometry(source.rowCount, this.#size.height - HEADER_HEIGHT);
    this.#geometry = geometry;
    this.#real = geometry.clampReal(this.#real);
    const columns = this.#layout.window(this.#el.grid.scrollLeft, this.#size.width - rowHeader);
    return {
      source,
      columns: source.columns,
      layout: this.#layout,
      geometry,
      real: this.#real,
      scrollTop: geometry.scrollFor(this.#real),
      firstColumn: columns.first,
      lastColumn: source.columns.length === this.#widths.length ? columns.last : -1,
      selection: this.#host.selection,
      arrangement: this.#host.arrangement,
    };
  }

  #load([first, last]: [number, number]): void {
    const source = this.#host.source;
    const key = `${first}:${last}:${source?.rowCount}`;
    if (this.#loading || !source || key === this.#failed) return;
    this.#loading = true;
    source
      .rows(first, last - first + 1)
      .then(() => (this.#failed = ''))
      .catch(() => (this.#failed = key))
      .finally(() => {
        this.#loading = false;
        this.requestDraw();
      });
  }

  #onScroll(): void {
    const top = this.#el.grid.scrollTop;
    if (Math.abs(top - this.#expectedTop) > 1) this.#real = this.#geometry.realFor(top);
    this.draw();
  }

  /** Above the scroll area's height limit the wheel moves by real pixels, not scaled ones. */
  #onWheel(event: WheelEvent): void {
    const geometry = this.#geometry;
    if (!geometry.scaled || event.ctrlKey || Math.abs(event.deltaY) < Math.abs(event.deltaX))
      return;
    event.preventDefault();
    const unit = event.deltaMode === 1 ? ROW_HEIGHT : event.deltaMode === 2 ? geometry.viewport : 1;
    this.#real = geometry.clampReal(this.#real + event.deltaY * unit);
    this.draw();
  }

  #setWidths(widths: number[]): void {
    this.#widths = widths;
    this.#layout = new ColumnLayout(widths);
    this.#sizes = '';
    this.#body.invalidate();
    this.requestDraw();
  }

  #rowHeaderWidth(): number {
    const digits = String(Math.max(1, this.#host.source?.rowCount ?? 1)).length;
    return Math.max(40, digits * 8 + 16);
  }

  #firstRows(): GridRow[] {
    const rows: GridRow[] = [];
    for (let r = 0; r < 200; r++) {
      const row = this.#host.source?.peek(r);
      if (!row) break;
      rows.push(row);
    }
    return rows;
  }

  #fonts() {
    const style = getComputedStyle(this.#el.grid);
    const code = style.getPropertyValue('--tusk-font-code') || 'monospace';
    const ui = style.getPropertyValue('--tusk-font-ui') || 'sans-serif';
    return { cell: `12px ${code}`, name: `600 12px ${ui}`, type: `11px ${ui}` };
  }
}

/** A row reduced to its cell `c` (to fit one column's width). */
function only(c: number): (row: GridRow) => GridRow {
  return (row) => ({ cells: [row.cells[c] ?? null] });
}
