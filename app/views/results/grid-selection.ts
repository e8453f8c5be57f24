import type { GridSelection } from './grid-source';

/** A cell by row and column, from 0. */
export interface CellPos {
  row: number;
  column: number;
}

/** What a selection spans: a rectangle of cells, whole rows, whole columns, or everything. */
export type SelectionKind = 'cells' | 'rows' | 'columns' | 'all';

/** A selection's bounds, inclusive. */
export interface SelectionRect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/**
 * The grid's selection: an anchor (where it began) and the active cell (where the keyboard
 * is), spanning the cells between them, or whole rows/columns between them, or all. Whole
 * columns and all follow the row count as rows arrive.
 */
export class SelectionModel {
  active: CellPos = { row: 0, column: 0 };
  anchor: CellPos = { row: 0, column: 0 };
  kind: SelectionKind = 'cells';

  /** Moves the active cell to `to`; with `extend` the anchor stays, else it moves too. */
  moveTo(to: CellPos, extend: boolean, kind: SelectionKind = extend ? this.kind : 'cells'): void {
    this.active = { ...to };
    if (!extend) this.anchor = { ...to };
    this.kind = kind;
  }

  /** Selects everything, keeping the active cell. */
  selectAll(): void {
    this.kind = 'all';
  }

  /** The bounds for a result of `rows` × `columns` (empty when it has none). */
  rect(rows: number, columns: number): SelectionRect {
    const wholeRows = this.kind === 'columns' || this.kind === 'all';
    const wholeColumns = this.kind === 'rows' || this.kind === 'all';
    return {
      r0: wholeRows ? 0 : Math.min(this.anchor.row, this.active.row),
      r1: wholeRows ? rows - 1 : Math.max(this.anchor.row, this.active.row),
      c0: wholeColumns ? 0 : Math.min(this.anchor.column, this.active.column),
      c1: wholeColumns ? columns - 1 : Math.max(this.anchor.column, this.active.column),
    };
  }

  /** The selection as the source's copy takes it. */
  toGridSelection(rows: number, columns: number): GridSelection {
    const { r0, r1, c0, c1 } = this.rect(rows, columns);
    return {
      rows: { from: r0, to: Math.max(r0, r1 + 1) },
      columns: Array.from({ length: Math.max(0, c1 - c0 + 1) }, (_, i) => c0 + i),
    };
  }

  /** Keeps the cells inside a result of `rows` × `columns` (after it changed). */
  clamp(rows: number, columns: number): void {
    const fit = (p: CellPos) => ({
      row: Math.min(p.row, Math.max(0, rows - 1)),
      column: Math.min(p.column, Math.max(0, columns - 1)),
    });
    this.active = fit(this.active);
    this.anchor = fit(this.anchor);
  }
}

/** What a key does to the active cell: where it goes, or null when the key is not the grid's. */
export function keyTarget(
  key: string,
  ctrl: boolean,
  at: CellPos,
  rows: number,
  columns: number,
  pageRows: number,
): CellPos | null {
  const lastRow = Math.max(0, rows - 1);
  const lastColumn = Math.max(0, columns - 1);
  const row = (r: number) => ({ row: Math.min(Math.max(0, r), lastRow), column: at.column });
  switch (key) {
    case 'ArrowUp':
      return ctrl ? row(0) : row(at.row - 1);
    case 'ArrowDown':
      return ctrl ? row(lastRow) : row(at.row + 1);
    case 'ArrowLeft':
      return { row: at.row, column: ctrl ? 0 : Math.max(0, at.column - 1) };
    case 'ArrowRight':
      return { row: at.row, column: ctrl ? lastColumn : Math.min(lastColumn, at.column + 1) };
    case 'PageUp':
      return row(at.row - pageRows);
    case 'PageDown':
      return row(at.row + pageRows);
    case 'Home':
      return ctrl ? { row: 0, column: 0 } : { row: at.row, column: 0 };
    case 'End':
      return ctrl ? { row: lastRow, column: lastColumn } : { row: at.row, column: lastColumn };
    default:
      return null;
  }
}
