/**
 * The grid's virtual scrolling as arithmetic: where rows and columns are for a scroll
 * position. A browser cannot lay out an element taller than about 33M px (Chromium; 17M in
 * Firefox), so above {@link MAX_SCROLL_PX} the scroll area is scaled: its scroll position
 * maps linearly onto the rows' real height, and the grid keeps the real position itself.
 */

/** Height of a row, px (the CSS uses the same, set by the grid). */
export const ROW_HEIGHT = 22;
/** Height of the header row, px. */
export const HEADER_HEIGHT = 26;
/** The tallest the scroll area is made, px. */
export const MAX_SCROLL_PX = 8_000_000;

/** Rows in a viewport: how tall everything is and where the visible rows start. */
export class RowGeometry {
  readonly rowCount: number;
  /** Height of the rows' area in view (without the header), px. */
  readonly viewport: number;
  /** The rows' real height, px. */
  readonly contentHeight: number;
  /** The scroll area's height for the rows, px (≤ {@link MAX_SCROLL_PX}). */
  readonly scrollHeight: number;
  /** Height of one row, px. */
  readonly rowHeight: number;

  constructor(rowCount: number, viewport: number, rowHeight = ROW_HEIGHT) {
    this.rowCount = rowCount;
    this.rowHeight = rowHeight;
    this.viewport = Math.max(0, viewport);
    this.contentHeight = rowCount * rowHeight;
    this.scrollHeight = Math.min(this.contentHeight, MAX_SCROLL_PX);
  }

  /** Largest real position (px from the first row's top to the viewport's top). */
  get maxReal(): number {
    return Math.max(0, this.contentHeight - this.viewport);
  }

  /** Largest scroll position of the scroll area. */
  get maxScroll(): number {
    return Math.max(0, this.scrollHeight - this.viewport);
  }

  /** True when the scroll area is scaled (more rows than it can hold at their height). */
  get scaled(): boolean {
    return this.contentHeight > MAX_SCROLL_PX;
  }

  /** The real position for a scroll position. */
  realFor(scrollTop: number): number {
    const max = this.maxScroll;
    if (max <= 0) return 0;
    const top = Math.min(Math.max(0, scrollTop), max);
    return this.scaled ? (top / max) * this.maxReal : top;
  }

  /** The scroll position for a real position. */
  scrollFor(real: number): number {
    const clamped = this.clampReal(real);
    return this.scaled && this.maxReal > 0 ? (clamped / this.maxReal) * this.maxScroll : clamped;
  }

  clampReal(real: number): number {
    return Math.min(Math.max(0, real), this.maxReal);
  }

  /** Rows in view at real position `real`: the first, how many (one partly hidden included), its offset (≤ 0, px). */
  window(real: number): { first: number; count: number; offset: number } {
    const top = this.clampReal(real);
    const first = Math.min(Math.floor(top / this.rowHeight), Math.max(0, this.rowCount - 1));
    const offset = first * this.rowHeight - top;
    const count = Math.min(
      this.rowCount - first,
      Math.ceil((this.viewport - offset) / this.rowHeight),
    );
    return { first, count: Math.max(0, count), offset };
  }

  /** Rows a Page Up/Down moves (the whole rows in view, at least 1). */
  get pageRows(): number {
    return Math.max(1, Math.floor(this.viewport / this.rowHeight) - 1);
  }

  /** The real position that shows `row` whole, moving as little as possible from `real`. */
  reveal(row: number, real: number): number {
    const top = row * this.rowHeight;
    if (top < real) return this.clampReal(top);
    if (top + this.rowHeight > real + this.viewport)
      return this.clampReal(top + this.rowHeight - this.viewport);
    return real;
  }
}

/** Columns side by side: their left edges and which are in view. */
export class ColumnLayout {
  readonly widths: readonly number[];
  /** Left edge of each column, px, and the total width as the last entry. */
  readonly lefts: readonly number[];

  constructor(widths: readonly number[]) {
    this.widths = widths;
    const lefts = [0];
    for (const w of widths) lefts.push(lefts[lefts.length - 1]! + w);
    this.lefts = lefts;
  }

  get total(): number {
    return this.lefts[this.lefts.length - 1]!;
  }

  /** Columns in view for a scroll position and a width (both without the row numbers). */
  window(scrollLeft: number, width: number): { first: number; last: number } {
    const n = this.widths.length;
    if (n === 0) return { first: 0, last: -1 };
    let first = 0;
    while (first < n - 1 && this.lefts[first + 1]! <= scrollLeft) first++;
    let last = first;
    while (last < n - 1 && this.lefts[last + 1]! < scrollLeft + width) last++;
    return { first, last };
  }

  /** The scroll position that shows column `c` whole (or its start), moving as little as possible. */
  reveal(c: number, scrollLeft: number, width: number): number {
    const left = this.lefts[c] ?? 0;
    const right = this.lefts[c + 1] ?? left;
    if (left < scrollLeft) return left;
    if (right > scrollLeft + width) return Math.min(left, right - width);
    return scrollLeft;
  }
}
