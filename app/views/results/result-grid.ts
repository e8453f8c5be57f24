import { html, LitElement, nothing } from 'lit';
import type { ErrorCode } from '../../common/error-codes';
import './cell-viewer';
import { showDialog } from '../shared/dialog-host';
import { keptOf, nextSort, ShownOrder, statusOf, withFilter, withSort } from './grid-arrange';
import './grid-bar';
import type { BarMessage, CopyChoice, TuskGridBar } from './grid-bar';
import { copyToClipboard } from './grid-copy';
import { GridCopiedEvent, SelectionFiguresEvent } from './grid-events';
import { gridKeyAction } from './grid-keys';
import { GridPointer } from './grid-pointer';
import { SelectionModel, type CellPos, type SelectionKind } from './grid-selection';
import type { Arrangement, CopyFormat, GridSource, ServerOrder } from './grid-source';
import { GridEditController } from './grid-edit';
import type { GridEditing } from './grid-editing';
import { FiguresTimer } from './grid-figures';
import type { SelectionFigures } from './grid-stats';
import { GridViewport } from './grid-viewport';
import { gridStyles } from './result-grid.styles';

/**
 * A result as a grid that stays smooth at any row count: only the rows and columns in view
 * are drawn (plain elements reused as it scrolls, values as text only) and only the rows in
 * view are read from the {@link GridSource}. Column names with their types, row numbers,
 * NULL shown apart from the text 'NULL', numbers right-aligned, resizable columns, a cut
 * cell with its size; Enter or a double-click opens a cell's whole value.
 * Keys: see grid-keys.ts (arrows, pages, Shift extends, Ctrl+A, Ctrl+C, Alt+S sorts,
 * Ctrl+F filters). Mouse: click, Shift+click, drag; row numbers, headers and the corner
 * select; a header's sort mark sorts (the backend's, over every held row, or the server's
 * order: {@link ServerOrder}). With an `edit`, its cells, rows and new rows are edited
 * (grid-edit.ts). ARIA: `role=grid`, counts, the active cell as `aria-activedescendant`.
 * @fires tusk-selection-figures - the selection's count, sum, min, max and average
 * @fires tusk-grid-copied - a copy reached the clipboard
 */
export class TuskResultGrid extends LitElement {
  static override styles = gridStyles;
  static override properties = {
    source: { attribute: false },
    serverOrder: { attribute: false },
    edit: { attribute: false },
    label: {},
    figures: { state: true },
    message: { state: true },
    status: { state: true },
  };
  /** The result shown. */
  declare source: GridSource | null;
  /** An order the server applies (a table's data view), or null: sorts arrange held rows. */
  declare serverOrder: ServerOrder | null;
  /** Its edits (the result's rows can be changed), or null: the grid only reads. */
  declare edit: GridEditing | null;
  /** The grid's accessible name. */
  declare label: string;
  /** The selection's figures (also fired as `tusk-selection-figures`). */
  declare figures: SelectionFigures | null;
  declare message: BarMessage | null;
  declare status: string;

  /** The selection: change it through {@link moveTo} and {@link selectAll}. */
  readonly selection = new SelectionModel();
  #viewport: GridViewport | null = null;
  readonly #figures = new FiguresTimer((f) =>
    this.dispatchEvent(new SelectionFiguresEvent((this.figures = f))),
  );
  readonly #editing = new GridEditController(this);
  #arrangeRun = 0;
  /** The arrangement asked for and not yet answered (see #latest). */
  #pending: { source: GridSource; next: Arrangement } | null = null;
  readonly #onChange = () => this.#sourceChanged();
  readonly #shownOrder = new ShownOrder();

  constructor() {
    super();
    this.source = null;
    this.serverOrder = null;
    this.edit = null;
    this.label = 'Result';
    this.figures = null;
    this.message = null;
    this.status = '';
  }

  /** The element that has the `grid` role (and the focus). */
  get gridElement(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.grid');
  }

  /** Focuses the grid. */
  override focus(): void {
    this.gridElement?.focus({ preventScroll: true });
  }

  /** Moves the active cell (with `extend` the selection grows; `kind` what it spans) and shows it. */
  moveTo(to: CellPos, extend = false, kind?: SelectionKind): void {
    this.selection.moveTo(to, extend, kind);
    this.#viewport?.reveal(to);
    this.#selectionChanged();
  }

  /** Selects the whole result. */
  selectAll(): void {
    this.selection.selectAll();
    this.#selectionChanged();
  }

  /** Copies the selection to the clipboard in `format` (the backend builds the text). */
  async copy(format: CopyFormat = 'tsv', headers = false): Promise<void> {
    const source = this.source;
    if (!source || source.columns.length === 0 || source.rowCount === 0) return;
    const selection = this.selection.toGridSelection(source.rowCount, source.columns.length);
    this.message = { text: 'Copying…' };
    const { message, rows } = await copyToClipboard(source, selection, format, headers);
    this.message = message;
    if (rows !== undefined) this.dispatchEvent(new GridCopiedEvent(rows, format, headers));
  }

  /**
   * Sorts by `column` next (none → ascending → descending → none); `add` keeps the other
   * sort keys. Over every held row, by the backend.
   */
  toggleSort(column: number, add = false): Promise<void> {
    const source = this.source;
    if (this.serverOrder && source?.columns[column]) {
      this.serverOrder.change(nextSort(this.serverOrder.sort, column, add));
      return Promise.resolve();
    }
    if (!source?.arrange || !source.columns[column]) return Promise.resolve();
    const current = this.#latest(source);
    const sort = nextSort(current?.sort ?? [], column, add);
    return this.#arrange(withSort(current, sort), 'Sorting…');
  }

  /** Keeps the rows with a cell containing `text` (any column, case-insensitive); '' for all. */
  setFilter(text: string): Promise<void> {
    const source = this.source;
    if (!source?.arrange) return Promise.resolve();
    return this.#arrange(withFilter(this.#latest(source), text), 'Filtering…');
  }

  /**
   * The arrangement last asked for on `source`: one still on its way counts (a second
   * Alt+S before the first reply goes on from it), else the one in force.
   */
  #latest(source: GridSource): Arrangement | null {
    const pending = this.#pending;
    return pending && pending.source === source ? pending.next : (source.arrangement ?? null);
  }

  /** Moves the focus to the filter box. */
  focusFilter(): void {
    this.renderRoot.querySelector<TuskGridBar>('tusk-grid-bar')?.focusFilter();
  }

  async #arrange(next: Arrangement, doing: string): Promise<void> {
    const source = this.source!;
    const run = ++this.#arrangeRun;
    this.#pending = { source, next };
    this.message = { text: doing, busy: true };
    try {
      await source.arrange!(next);
      if (run !== this.#arrangeRun || source !== this.source) return;
      this.#pending = null;
      this.message = null;
      this.moveTo({ row: 0, column: this.selection.active.column });
    } catch (error) {
      if (run !== this.#arrangeRun || source !== this.source) return;
      this.#pending = null;
      const code = (error as { info?: { code?: ErrorCode } }).info?.code;
      this.message =
        code === 'ARRANGE_CANCELLED'
          ? { text: `${doing.replace('…', '')} cancelled` }
          : { text: (error as Error).message, error: true };
    }
  }

  /** Stops the sort or filter being made (the bar's Cancel); the rows stay as they were. */
  cancelArrange(): void {
    if (this.#pending) void this.source?.cancelArrange?.().catch(() => undefined);
  }

  /** Opens the whole value of the active cell in the viewer. */
  openCell(): void {
    const source = this.source;
    const { row, column } = this.selection.active;
    if (!source || !source.columns[column] || row >= source.rowCount) return;
    void showDialog(this, 'tusk-cell-viewer', {
      column: source.columns[column],
      row,
      load: () => source.cell(row, column),
    });
  }

  /** Sets column `c`'s width (px, at least 48); `auto`: fitted to its values again. */
  setColumnWidth(c: number, width: number | 'auto'): void {
    this.#viewport?.setColumnWidth(c, width);
  }

  /** The width of column `c`, px. */
  columnWidth(c: number): number {
    return this.#viewport?.columnWidth(c) ?? 0;
  }

  /** The element at a viewport point inside the grid (for the pointer's hit tests). */
  hitTest(x: number, y: number): Element | null {
    return (this.renderRoot as ShadowRoot).elementFromPoint(x, y);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.source?.addEventListener('change', this.#onChange);
    this.#viewport?.observe();
    // Put back after a while out of the page: catch up with what changed meanwhile.
    if (this.#viewport) this.#sourceChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.source?.removeEventListener('change', this.#onChange);
    this.#viewport?.dispose();
    this.#figures.cancel();
  }

  /** The sort marks the header shows: the server order's, else the source's arrangement. */
  get arrangement(): Arrangement | null {
    return this.#shownOrder.of(this.source, this.serverOrder);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('serverOrder')) this.#viewport?.requestDraw();
    if (!changed.has('source')) return;
    const old = changed.get('source') as GridSource | null | undefined;
    old?.removeEventListener('change', this.#onChange);
    this.source?.addEventListener('change', this.#onChange);
    this.selection.moveTo({ row: 0, column: 0 }, false);
    this.#viewport?.reset();
    this.figures = null;
    this.message = null;
    this.#sourceChanged();
  }

  override firstUpdated(): void {
    const grid = this.gridElement!;
    const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector)!;
    this.#viewport = new GridViewport(this, {
      grid,
      spacer: find('.spacer'),
      head: find('.hrow'),
      rows: find('.rows'),
    });
    new GridPointer(this, grid);
    this.#sourceChanged();
  }

  override render() {
    return html`${this.#editing.renderBar()}
      <div
        class="grid"
        role="grid"
        tabindex="0"
        aria-label=${this.label}
        aria-multiselectable="true"
        @keydown=${this.#onKey}
      >
        <div class="head" role="rowgroup">
          <div class="hrow" role="row" aria-rowindex="1">
            <div class="corner" role="columnheader" aria-colindex="1" title="Select all">#</div>
          </div>
        </div>
        <div class="spacer"><div class="rows" role="rowgroup"></div></div>
      </div>
      ${this.status ? html`<div class="status" role="status">${this.status}</div>` : nothing}
      ${this.#editing.renderEditor()}
      <tusk-grid-bar
        .noFilter=${this.serverOrder !== null}
        .note=${this.#editing.note}
        .figures=${this.figures}
        .message=${this.message}
        .applied=${this.source?.arrangement?.filter?.text ?? ''}
        .kept=${keptOf(this.source)}
        @grid-filter=${(e: CustomEvent<string>) => void this.setFilter(e.detail)}
        @grid-cancel=${() => {
          this.cancelArrange();
          this.focus();
        }}
        @grid-leave=${() => this.focus()}
        @grid-copy=${(e: CustomEvent<CopyChoice>) =>
          void this.copy(e.detail.format, e.detail.headers)}
      ></tusk-grid-bar>`;
  }

  #sourceChanged(): void {
    const source = this.source;
    this.status = statusOf(source);
    this.requestUpdate(); // the bar shows the filter and the rows it keeps
    this.selection.clamp(source?.rowCount ?? 0, source?.columns.length ?? 0);
    this.#viewport?.sourceChanged();
    this.#viewport?.requestDraw();
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    if (this.#editing.onKey(event)) return;
    if (event.key === 'Escape' && this.#pending) {
      // Escape stops the sort or filter under way first.
      event.preventDefault();
      event.stopPropagation();
      return this.cancelArrange();
    }
    const source = this.source;
    if (!source || source.columns.length === 0 || !this.#viewport) return;
    const { rowCount, columns } = source;
    const { pageRows } = this.#viewport;
    const action = gridKeyAction(event, this.selection, rowCount, columns.length, pageRows);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    switch (action.kind) {
      case 'all':
        return this.selectAll();
      case 'copy':
        return void this.copy('tsv', action.headers);
      case 'open':
        return this.openCell();
      case 'sort':
        return void this.toggleSort(this.selection.active.column, action.add);
      case 'filter':
        return this.focusFilter();
      case 'whole':
        return this.moveTo(this.selection.active, false, action.what);
      case 'collapse':
        return this.moveTo(this.selection.active);
      case 'move':
        return this.moveTo(action.to, action.extend);
    }
  };

  #selectionChanged(): void {
    // What the last copy said belongs to the selection it copied.
    if (this.message && !this.#pending) this.message = null;
    this.#viewport?.draw();
    this.#figures.schedule(() => this.source, this.selection);
  }
}

customElements.define('tusk-result-grid', TuskResultGrid);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-result-grid': TuskResultGrid;
  }
}
