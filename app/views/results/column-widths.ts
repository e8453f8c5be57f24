import { displayText } from './cell-format';
import type { GridColumn, GridRow } from './grid-source';

/** Narrowest and widest a column is made by itself, px (a drag goes further). */
export const MIN_WIDTH = 48;
const AUTO_MAX_WIDTH = 360;
/** Padding and the resize grip, px. */
const CELL_PADDING = 18;
/** Room for the header's sort mark (drawn over the header's right end), px. */
const SORT_MARK = 20;

let context: CanvasRenderingContext2D | null = null;

/** The width of `text` in a CSS `font`, px (measured on a canvas: no layout). */
export function textWidth(text: string, font: string): number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 7;
  context.font = font;
  return context.measureText(text).width;
}

/** How wide a fitted column may grow: px, and characters of a value measured. */
export interface FitLimit {
  width: number;
  chars: number;
}

/** The fit of a new result: every column at most 360 px, values measured to 60 characters. */
export const FIRST_FIT: FitLimit = { width: AUTO_MAX_WIDTH, chars: 60 };

/** How far a fit asked for (a double-click on a header's edge) measures a value. */
export const FIT_CHARS = 2000;

/**
 * Widths that fit each column's header (name and type) and its values among `rows` (the
 * first rows loaded), between {@link MIN_WIDTH} and `limit.width` px.
 */
export function autoWidths(
  columns: readonly GridColumn[],
  rows: readonly GridRow[],
  fonts: { cell: string; name: string; type: string },
  limit: FitLimit = FIRST_FIT,
): number[] {
  const charWidth = textWidth('0000000000', fonts.cell) / 10;
  return columns.map((column, c) => {
    let chars = 4; // NULL
    for (const row of rows) {
      const value = row.cells[c];
      if (value) chars = Math.max(chars, Math.min(value.length, limit.chars));
    }
    const sample = rows.find((r) => (r.cells[c]?.length ?? 0) >= chars)?.cells[c];
    const values = sample
      ? textWidth(displayText(sample).slice(0, limit.chars), fonts.cell)
      : chars * charWidth;
    // Name, gap, type, and room for the sort mark.
    const header =
      textWidth(column.name, fonts.name) + 6 + textWidth(column.type, fonts.type) + SORT_MARK;
    const width = Math.ceil(Math.max(values, header) + CELL_PADDING);
    return Math.min(Math.max(limit.width, MIN_WIDTH), Math.max(MIN_WIDTH, width));
  });
}
