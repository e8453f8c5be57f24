import type { CellPos, SelectionKind } from './grid-selection';

/** What the pointer needs of the grid. */
export interface PointerHost {
  readonly selection: { active: CellPos };
  moveTo(to: CellPos, extend?: boolean, kind?: SelectionKind): void;
  selectAll(): void;
  openCell(): void;
  focus(): void;
  setColumnWidth(column: number, width: number | 'auto'): void;
  /** Sorts by `column` next (none → ascending → descending → none); `add` keeps the other keys. */
  toggleSort(column: number, add: boolean): void;
  columnWidth(column: number): number;
  /** The element under a viewport point, inside the grid's shadow root. */
  hitTest(x: number, y: number): Element | null;
}

/** What is under the pointer: a cell, a row number, a column header, the corner or a grip. */
type Hit =
  | { kind: 'cell'; row: number; column: number }
  | { kind: 'row'; row: number }
  | { kind: 'column'; column: number }
  | { kind: 'corner' }
  | { kind: 'grip'; column: number }
  | { kind: 'sort'; column: number };

function hitOf(target: Element | null): Hit | null {
  const el = target?.closest('.cell, .rh, .col, .corner, .grip, .sort');
  if (!el) return null;
  const row = Number(el.closest<HTMLElement>('.row')?.dataset['row']);
  const column = Number(el.closest<HTMLElement>('[data-column]')?.dataset['column']);
  if (el.classList.contains('grip')) return { kind: 'grip', column };
  if (el.classList.contains('sort')) return { kind: 'sort', column };
  if (el.classList.contains('corner')) return { kind: 'corner' };
  if (el.classList.contains('col')) return { kind: 'column', column };
  if (el.classList.contains('rh')) return { kind: 'row', row };
  return { kind: 'cell', row, column };
}

/**
 * The grid's mouse: click a cell (Shift extends; drag to select), a row number (rows), a
 * column header (columns), the corner (all); a header's sort mark sorts by its column (Shift
 * adds it to the sort); drag a header's right edge to resize its
 * column, double-click the edge to fit it; double-click a cell to open its value.
 */
export class GridPointer {
  readonly #host: PointerHost;
  #dragging: 'cell' | 'row' | 'column' | null = null;
  #resizing: { column: number; startX: number; startWidth: number } | null = null;

  constructor(host: PointerHost, element: HTMLElement) {
    this.#host = host;
    element.addEventListener('mousedown', (e) => this.#down(e));
    element.addEventListener('dblclick', (e) => this.#double(e));
    element.addEventListener('mousemove', (e) => this.#drag(e));
  }

  /** Follows the mouse outside the grid until the button is released. */
  #follow(): void {
    const move = (e: MouseEvent) => this.#resize(e);
    const up = () => {
      this.#dragging = null;
      this.#resizing = null;
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }

  #down(event: MouseEvent): void {
    if (event.button !== 0) return;
    const hit = hitOf(event.composedPath()[0] as Element);
    if (!hit) return;
    event.preventDefault(); // no text selection; the grid takes the focus itself
    this.#host.focus();
    const host = this.#host;
    const active = host.selection.active;
    this.#follow();
    switch (hit.kind) {
      case 'grip':
        this.#resizing = {
          column: hit.column,
          startX: event.clientX,
          startWidth: host.columnWidth(hit.column),
        };
        return;
      case 'corner':
        return host.selectAll();
      case 'sort':
        return host.toggleSort(hit.column, event.shiftKey);
      case 'row':
        this.#dragging = 'row';
        return host.moveTo({ row: hit.row, column: active.column }, event.shiftKey, 'rows');
      case 'column':
        this.#dragging = 'column';
        return host.moveTo({ row: active.row, column: hit.column }, event.shiftKey, 'columns');
      case 'cell':
        this.#dragging = 'cell';
        return host.moveTo({ row: hit.row, column: hit.column }, event.shiftKey, 'cells');
    }
  }

  #drag(event: MouseEvent): void {
    if (!this.#dragging || (event.buttons & 1) === 0) return;
    const hit = hitOf(this.#host.hitTest(event.clientX, event.clientY));
    if (!hit) return;
    const active = this.#host.selection.active;
    if (this.#dragging === 'cell' && hit.kind === 'cell') {
      if (hit.row !== active.row || hit.column !== active.column)
        this.#host.moveTo(hit, true, 'cells');
    } else if (this.#dragging === 'row' && (hit.kind === 'row' || hit.kind === 'cell')) {
      if (hit.row !== active.row)
        this.#host.moveTo({ row: hit.row, column: active.column }, true, 'rows');
    } else if (this.#dragging === 'column' && (hit.kind === 'column' || hit.kind === 'cell')) {
      if (hit.column !== active.column)
        this.#host.moveTo({ row: active.row, column: hit.column }, true, 'columns');
    }
  }

  #resize(event: MouseEvent): void {
    const resizing = this.#resizing;
    if (!resizing) return;
    if ((event.buttons & 1) === 0) {
      this.#resizing = null;
      return;
    }
    this.#host.setColumnWidth(
      resizing.column,
      resizing.startWidth + event.clientX - resizing.startX,
    );
  }

  #double(event: MouseEvent): void {
    const hit = hitOf(event.composedPath()[0] as Element);
    if (hit?.kind === 'grip') this.#host.setColumnWidth(hit.column, 'auto');
    else if (hit?.kind === 'cell') this.#host.openCell();
  }
}
