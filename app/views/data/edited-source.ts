import type {
  Arrangement,
  CopyFormat,
  CopyText,
  GridRow,
  GridSelection,
  GridSource,
  RowMarks,
} from '../results/grid-source';
import type { CellValue, EditTarget, InsertRow, PendingEdits } from './pending-edits';

/** Rows a copy of edited rows is made for at most (it is built here, from rows read). */
const LOCAL_COPY_MAX_ROWS = 50_000;

/** Where a row of the edited result comes from. */
export type RowPlace =
  | { kind: 'held'; base: number }
  | { kind: 'inserted'; index: number }
  | { kind: 'new'; row: InsertRow };

/**
 * A result with its edits, for the grid: the held rows of `base` with the pending changes
 * and what the server stored after applies drawn over them (the result store is
 * append-only), then the rows applies inserted, then the new rows not applied yet — new
 * rows are shown after the held rows. Rows an apply deleted are left out while the result
 * is in the server's order; in a sorted or filtered view they stay, marked `gone`.
 * Copies of an edited result are built here (TSV and CSV), from the values shown.
 */
export class EditedSource extends EventTarget implements GridSource {
  readonly base: GridSource;
  readonly pending: PendingEdits;
  /** Bumped at each change of the edits (the grid draws the rows again). */
  version = 0;
  /** Held rows an apply deleted, by index in the base (sorted): left out of the view. */
  #goneAt: number[] = [];

  constructor(base: GridSource, pending: PendingEdits) {
    super();
    this.base = base;
    this.pending = pending;
    base.addEventListener('change', () => this.#changed(false));
    pending.addEventListener('change', () => this.#changed(true));
    this.#placeGone();
  }

  get columns() {
    return this.base.columns;
  }
  get complete(): boolean {
    return this.base.complete;
  }
  get error(): string | null {
    return this.base.error;
  }
  get arrangement(): Arrangement | null {
    return this.base.arrangement ?? null;
  }
  get heldRows(): number {
    return (this.base.heldRows ?? this.base.rowCount) - this.#goneAt.length;
  }
  /** The view rows that are held rows (the new rows come after them). */
  get heldShown(): number {
    return this.base.rowCount - this.#goneAt.length;
  }
  get rowCount(): number {
    return this.heldShown + this.pending.stored.inserted.length + this.pending.inserts.length;
  }

  /** Where view row `v` comes from; null past the end. */
  place(v: number): RowPlace | null {
    if (v < 0 || v >= this.rowCount) return null;
    const held = this.heldShown;
    if (v < held) {
      let base = v;
      for (const gone of this.#goneAt) {
        if (gone <= base) base += 1;
        else break;
      }
      return { kind: 'held', base };
    }
    const inserted = this.pending.stored.inserted.length;
    if (v < held + inserted) return { kind: 'inserted', index: v - held };
    return { kind: 'new', row: this.pending.inserts[v - held - inserted]! };
  }

  /** The view row of new row `id`; -1 when there is none. */
  rowOfInsert(id: number): number {
    const at = this.pending.inserts.findIndex((r) => r.id === id);
    return at < 0 ? -1 : this.heldShown + this.pending.stored.inserted.length + at;
  }

  /** What an edit of view row `v` is about; null for a row that cannot be edited here. */
  targetOf(v: number): EditTarget | null {
    const place = this.place(v);
    if (place?.kind === 'new') return { insert: place.row.id };
    if (place?.kind !== 'held') return null;
    const row = this.base.peek(place.base);
    if (!row || this.pending.stored.gone.has(row.held ?? place.base)) return null;
    return { held: row.held ?? place.base };
  }

  peek(v: number): GridRow | undefined {
    const place = this.place(v);
    if (!place) return undefined;
    if (place.kind === 'inserted') {
      return { cells: this.pending.stored.inserted[place.index]!, marks: { state: 'inserted' } };
    }
    if (place.kind === 'new') return this.#newRow(place.row);
    const row = this.base.peek(place.base);
    return row && this.#overlay(row, place.base);
  }

  async rows(offset: number, limit: number): Promise<GridRow[]> {
    const end = Math.min(offset + limit, this.rowCount);
    const heldEnd = Math.min(end, this.heldShown);
    if (offset < heldEnd) {
      const from = (this.place(offset) as { base: number }).base;
      const to = (this.place(heldEnd - 1) as { base: number }).base + 1;
      await this.base.rows(from, to - from);
    }
    const out: GridRow[] = [];
    for (let v = offset; v < end; v++) out.push(this.peek(v) ?? { cells: [] });
    return out;
  }

  async cell(v: number, column: number): Promise<string | null> {
    const place = this.place(v);
    const row = this.peek(v);
    if (!place || !row) throw new Error('No such row');
    if (place.kind !== 'held' || row.marks) return row.cells[column] ?? null;
    return this.base.cell(place.base, column);
  }

  async copy(selection: GridSelection, format: CopyFormat, headers: boolean): Promise<CopyText> {
    const { stored } = this.pending;
    const plain =
      this.pending.size === 0 &&
      stored.rows.size === 0 &&
      stored.gone.size === 0 &&
      stored.inserted.length === 0;
    if (plain) return this.base.copy(selection, format, headers);
    if (format !== 'tsv' && format !== 'csv') {
      throw new Error(
        'Edited rows copy as TSV or CSV only: apply or discard, and run the query again for the other formats',
      );
    }
    const count = selection.rows.to - selection.rows.from;
    if (count > LOCAL_COPY_MAX_ROWS) {
      throw new Error(`Too many edited rows to copy at once (at most ${LOCAL_COPY_MAX_ROWS})`);
    }
    const rows = await this.rows(selection.rows.from, count);
    const names = selection.columns.map((c) => this.columns[c]?.name ?? '');
    const lines = headers ? [line(names, format)] : [];
    for (const row of rows)
      lines.push(
        line(
          selection.columns.map((c) => row.cells[c] ?? null),
          format,
        ),
      );
    return { text: lines.join('\n'), rows: rows.length };
  }

  /** Stops following the result (see ResultSource.dispose). */
  dispose(): void {
    (this.base as { dispose?(): void }).dispose?.();
  }

  arrange(next: Arrangement): Promise<void> {
    return this.base.arrange ? this.base.arrange(next) : Promise.resolve();
  }

  cancelArrange(): Promise<void> {
    return this.base.cancelArrange?.() ?? Promise.resolve();
  }

  #changed(edits: boolean): void {
    if (edits) this.version += 1;
    this.#placeGone();
    this.dispatchEvent(new Event('change'));
  }

  /** In the server's order a deleted row's index is its held index: it is left out. */
  #placeGone(): void {
    const gone = this.pending.stored.gone;
    this.#goneAt = this.arrangement ? [] : [...gone].sort((a, b) => a - b);
  }

  #newRow(row: InsertRow): GridRow {
    const defaults = new Set<number>();
    const cells = this.columns.map((_, c) => {
      if (row.values.has(c)) return row.values.get(c)!;
      defaults.add(c);
      return '';
    });
    const marks: RowMarks = { state: 'new', defaults };
    const failure = this.pending.failure;
    if (failure?.target && 'insert' in failure.target && failure.target.insert === row.id) {
      marks.error = errorOf(failure);
    }
    return { cells, marks };
  }

  /** A held row with its pending changes, or what the server stored, over it. */
  #overlay(row: GridRow, base: number): GridRow {
    const held = row.held ?? base;
    const { pending } = this;
    if (pending.stored.gone.has(held)) return { ...row, marks: { state: 'gone' } };
    const stored = pending.stored.rows.get(held);
    const changed = pending.changedColumns(held);
    const deleted = pending.isDeleted(held);
    const failure = pending.failure;
    const failed = failure?.target && 'held' in failure.target && failure.target.held === held;
    if (!stored && changed.size === 0 && !deleted && !failed) return row;
    let cells: CellValue[] = stored ?? row.cells;
    let cut = stored ? undefined : row.cut;
    if (changed.size > 0) {
      cells = cells.map((value, c) => (changed.has(c) ? pending.updated(held, c)! : value));
      if (cut) cut = new Map([...cut].filter(([c]) => !changed.has(c)));
    }
    const state = deleted ? 'deleted' : changed.size > 0 ? 'changed' : 'stored';
    const marks: RowMarks = { state, changed };
    if (failed) marks.error = errorOf(failure);
    return { cells, held, ...(cut && cut.size > 0 ? { cut } : {}), marks };
  }
}

function errorOf(failure: { column?: number; message: string }): RowMarks['error'] {
  return failure.column === undefined
    ? { message: failure.message }
    : { column: failure.column, message: failure.message };
}

/** One line of a TSV or CSV copy, quoted as the backend's copies quote. */
function line(values: CellValue[], format: 'tsv' | 'csv'): string {
  const separator = format === 'tsv' ? '\t' : ',';
  return values
    .map((value) => {
      if (value === null) return '';
      if (format === 'csv' && value === '') return '""';
      const quote =
        value.includes(separator) ||
        /[\r\n]/.test(value) ||
        (format === 'csv' ? value.includes('"') : value.startsWith('"'));
      return quote ? `"${value.replaceAll('"', '""')}"` : value;
    })
    .join(separator);
}
