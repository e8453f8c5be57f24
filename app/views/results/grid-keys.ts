import { keyTarget, type CellPos, type SelectionModel } from './grid-selection';

/** What a key pressed in the grid asks for. */
export type GridKeyAction =
  | { kind: 'all' }
  | { kind: 'copy'; headers: boolean }
  | { kind: 'open' }
  | { kind: 'whole'; what: 'rows' | 'columns' }
  | { kind: 'collapse' }
  | { kind: 'sort'; add: boolean }
  | { kind: 'filter' }
  | { kind: 'move'; to: CellPos; extend: boolean };

/** The keys of a keyboard event that matter here. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey?: boolean;
  /** The physical key (`KeyS`): Alt+S types another character on some layouts. */
  code?: string;
}

/**
 * The grid's keyboard: Ctrl+A all, Ctrl+C copy (Ctrl+Shift+C with the column names), Enter
 * opens the cell, Shift+Space the row, Ctrl+Space the column, Alt+S sorts by the active
 * cell's column (Alt+Shift+S adds it to the sort), Ctrl+F to the filter, Escape back to
 * one cell, and (without Alt, whose other combinations go on to the workspace)
 * the moves of {@link keyTarget} (Shift extends). Null for a key the grid leaves alone
 * (Escape on a single cell goes on to the query tab, which cancels with it).
 */
export function gridKeyAction(
  event: KeyPress,
  selection: SelectionModel,
  rows: number,
  columns: number,
  pageRows: number,
): GridKeyAction | null {
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (ctrl && key === 'a') return { kind: 'all' };
  if (ctrl && key === 'c') return { kind: 'copy', headers: event.shiftKey };
  if (ctrl && key === 'f') return { kind: 'filter' };
  if (event.altKey && !ctrl && (key === 's' || event.code === 'KeyS'))
    return { kind: 'sort', add: event.shiftKey };
  // Other Alt combinations are the workspace's (Alt+PageDown: next tab).
  if (event.altKey) return null;
  if (key === 'Enter' && !ctrl && !event.shiftKey) return { kind: 'open' };
  if (key === ' ' && event.shiftKey) return { kind: 'whole', what: 'rows' };
  if (key === ' ' && ctrl) return { kind: 'whole', what: 'columns' };
  if (key === 'Escape') {
    const { anchor, active, kind } = selection;
    const single = kind === 'cells' && anchor.row === active.row && anchor.column === active.column;
    return single ? null : { kind: 'collapse' };
  }
  const to = keyTarget(key, ctrl, selection.active, rows, columns, pageRows);
  return to ? { kind: 'move', to, extend: event.shiftKey } : null;
}
