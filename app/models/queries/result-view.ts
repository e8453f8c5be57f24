/**
 * A held result as a view reads it: in the server's order with every row, or through an
 * {@link Arrangement} (sort and filter). Row numbers given to and returned by a view are
 * view rows: the `n`th row shown, from 0.
 */
import { TuskError } from '../errors/errors';
import type { Arrangement } from './result-order';
import { rowJsonBytes } from './json-size';
import type { CutCell, PageRows, RawColumn, ResultSet } from './result-set';

/** JSON bytes of one `cut` entry, at most (`{"row":…,"column":…,"totalBytes":…}`). */
const CUT_ENTRY_BYTES = 64;

/** What reading rows needs (`queries.page`, `queries.cell`, `queries.copy`). */
export interface RowReader {
  /** Rows the view shows. */
  readonly rowCount: number;
  readonly columns: RawColumn[];
  /**
   * View rows `offset` to `offset + limit` (clamped) as strings; a cell over `cellLimit`
   * bytes is cut at a character boundary and listed in `cut` by its view row.
   */
  page(offset: number, limit: number, cellLimit: number): PageRows;
  /** One whole cell, null for NULL; undefined when there is no such cell. */
  cell(row: number, column: number): string | null | undefined;
  /** The size of one cell in bytes (-1 for NULL); undefined when there is no such cell. */
  cellBytes(row: number, column: number): number | undefined;
}

/** The error of a result whose rows were freed by the memory budget. */
export function freedError(): TuskError {
  return new TuskError('validation', 'This result was freed to keep memory within its budget', {
    hint: 'Run the query again, or raise the result memory in the preferences.',
  });
}

/**
 * A {@link ResultSet} read in the server's order, or through an arrangement. Reading a set
 * freed meanwhile (the budget, a close) throws {@link freedError}.
 */
export class ResultView implements RowReader {
  readonly #set: ResultSet;
  readonly #order: Uint32Array | null;
  /** The arrangement in force, null for the server's order with every row. */
  readonly arrangement: Arrangement | null;

  constructor(set: ResultSet, arrangement: Arrangement | null) {
    this.#set = set;
    this.arrangement = arrangement;
    this.#order = arrangement?.order ?? null;
  }

  get rowCount(): number {
    return this.#order ? this.#order.length : this.#set.rowCount;
  }

  get columns(): RawColumn[] {
    return this.#set.columns;
  }

  page(offset: number, limit: number, cellLimit: number): PageRows {
    if (this.#set.freed) throw freedError();
    if (!this.#order) return this.#set.page(offset, limit, cellLimit);
    const rows: (string | null)[][] = [];
    const cut: CutCell[] = [];
    const end = Math.min(this.#order.length, offset + limit);
    for (let row = Math.max(0, offset); row < end; row++) {
      rows.push(this.#set.readRow(this.#order[row]!, cellLimit, cut, row));
    }
    return { rows, cut };
  }

  /**
   * {@link page} within `maxBytes` of JSON: rows are added while they fit (the first always,
   * its cells cut at `smallCellLimit` bytes when even it does not), and `more` says the
   * page stopped short of `limit` for that reason.
   */
  boundedPage(
    offset: number,
    limit: number,
    cellLimit: number,
    maxBytes: number,
    smallCellLimit: number,
  ): PageRows & { more: boolean } {
    if (this.#set.freed) throw freedError();
    const rows: (string | null)[][] = [];
    const cut: CutCell[] = [];
    const end = Math.min(this.rowCount, offset + limit);
    let bytes = 0;
    for (let row = Math.max(0, offset); row < end; row++) {
      const at = this.#order ? this.#order[row]! : row;
      const cutHere: CutCell[] = [];
      let cells = this.#set.readRow(at, cellLimit, cutHere, row);
      let size = rowJsonBytes(cells) + cutHere.length * CUT_ENTRY_BYTES;
      if (bytes + size > maxBytes) {
        if (rows.length > 0) return { rows, cut, more: true };
        cutHere.length = 0;
        cells = this.#set.readRow(at, smallCellLimit, cutHere, row);
        size = rowJsonBytes(cells) + cutHere.length * CUT_ENTRY_BYTES;
      }
      rows.push(cells);
      cut.push(...cutHere);
      bytes += size;
    }
    return { rows, cut, more: false };
  }

  /**
   * The held rows (the server's order) of view rows `offset` to `offset + count`, as
   * `queries.page`'s `held` gives them; null in the server's order (a view row is its held row).
   */
  heldRows(offset: number, count: number): number[] | null {
    if (!this.#order) return null;
    return Array.from(this.#order.subarray(offset, offset + count));
  }

  /** The size of one cell in bytes (-1 for NULL); undefined when there is no such cell. */
  cellBytes(row: number, column: number): number | undefined {
    if (this.#set.freed) throw freedError();
    if (!this.#order) return this.#set.cellBytes(row, column);
    if (row < 0 || row >= this.#order.length) return undefined;
    return this.#set.cellBytes(this.#order[row]!, column);
  }

  cell(row: number, column: number): string | null | undefined {
    if (this.#set.freed) throw freedError();
    if (!this.#order) return this.#set.cell(row, column);
    if (row < 0 || row >= this.#order.length) return undefined;
    return this.#set.cell(this.#order[row]!, column);
  }
}
