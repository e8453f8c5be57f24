import type { EditTarget, ReadOnlyReason } from '../../common/edit-rules';
import type { GridRow } from '../results/grid-source';

/** Rows asked for in one `queries.page` call. */
export const PAGE_ROWS = 500;

/** A `queries.page` reply, as the result source reads it. */
export interface PageReply {
  columns: { name: string; type: string; editable?: boolean }[];
  rows: (string | null)[][];
  cut?: { row: number; column: number; totalBytes: number }[];
  rowCount: number;
  complete: boolean;
  truncated: boolean;
  /** Fewer rows than asked, to keep the reply small: ask on from the row after the last. */
  more?: boolean;
  arranged?: { heldRows: number };
  /** With `arranged`: each row's held index (the `row` of `edits.*`). */
  held?: number[];
  /** The result's table and key when its rows can be edited (absent from older backends). */
  editable?: EditTarget | null;
  readOnly?: { reason: ReadOnlyReason; text: string };
}

/** Whether a result can be edited, as `queries.page` says it. */
export interface EditInfo {
  editable: EditTarget | null;
  /** When not editable: why, in words (a `READ_ONLY_REASONS` text). */
  readOnly: { reason: ReadOnlyReason; text: string } | null;
  /** Per column: whether an edit may change it. */
  columns: boolean[];
}

/** The edit info of a reply; null when the reply does not say (an older backend). */
export function editInfoOf(reply: PageReply): EditInfo | null {
  if (!('editable' in reply)) return null;
  const editable = reply.editable ?? null;
  return {
    editable,
    readOnly: reply.readOnly ?? null,
    columns: reply.columns.map((c) => editable !== null && c.editable !== false),
  };
}

/**
 * A reply's rows for the grid, with their cut cells and their held index (`offset`: the
 * reply's first row; without an arrangement a row's held index is its index).
 */
export function gridRows(
  reply: Pick<PageReply, 'rows' | 'cut' | 'held'>,
  offset: number,
): GridRow[] {
  const cut = new Map<number, Map<number, number>>();
  for (const c of reply.cut ?? []) {
    const byColumn = cut.get(c.row) ?? new Map<number, number>();
    byColumn.set(c.column, c.totalBytes);
    cut.set(c.row, byColumn);
  }
  return reply.rows.map((cells, i) => {
    const cutHere = cut.get(offset + i);
    const held = reply.held?.[i] ?? offset + i;
    return cutHere ? { cells, cut: cutHere, held } : { cells, held };
  });
}

/** The first row of the page holding `row`. */
export function pageStart(row: number): number {
  return row - (row % PAGE_ROWS);
}
