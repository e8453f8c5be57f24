import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { confirmProductionWrite } from '../shared/production-mark';
import { showDialog } from '../shared/dialog-host';
import type { CellCommit, EditorPlace, TuskCellEditor } from './cell-editor';
import './cell-editor';
import type { EditAction } from './edit-bar';
import './edit-bar';
import './edit-preview-dialog';
import type { BarMessage } from './grid-bar';
import type { EditValue, GridEditing } from './grid-editing';
import type { CellPos, SelectionKind, SelectionModel } from './grid-selection';
import type { GridSource } from './grid-source';
import { KeyQueue } from './key-queue';

/** Cells one Ctrl+0, or rows one Delete, changes at most. */
const MAX_AT_ONCE = 10_000;

/** What the edit controller uses of its grid. */
export interface EditHost extends ReactiveControllerHost, HTMLElement {
  readonly edit: GridEditing | null;
  readonly source: GridSource | null;
  readonly selection: SelectionModel;
  readonly renderRoot: HTMLElement | DocumentFragment;
  message: BarMessage | null;
  moveTo(to: CellPos, extend?: boolean, kind?: SelectionKind): void;
  focus(): void;
}

/** The cell being edited. */
interface Editing {
  row: number;
  column: number;
  value: EditValue;
  typed?: string;
  place: EditorPlace;
}

/**
 * Editing in the grid, when it has an `edit` ({@link GridEditing}): F2 or a typed
 * character opens the cell's editor (Enter still opens the viewer), Backspace opens it
 * empty, Ctrl+0 sets the selected cells to NULL, Delete marks the selected rows deleted,
 * Ctrl+D duplicates the row, Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) undo and redo, Ctrl+Enter
 * applies. A result that cannot be edited says why in the grid's bar when an edit is
 * tried. Draws the edit bar (over an editable result) and the cell editor.
 */
export class GridEditController implements ReactiveController {
  readonly #host: EditHost;
  #editing: Editing | null = null;
  /** An editor being opened: the keys pressed meanwhile. */
  #opening: KeyQueue | null = null;
  #watched: GridEditing | null = null;
  readonly #onChange = () => this.#host.requestUpdate();

  constructor(host: EditHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#watch();
  }

  hostDisconnected(): void {
    this.#watched?.removeEventListener('change', this.#onChange);
    this.#watched = null;
  }

  hostUpdate(): void {
    this.#watch();
    const edit = this.#host.edit;
    if (edit && !edit.state && this.#host.source?.complete) void edit.load();
  }

  /** True while a cell's editor is open. */
  get editing(): boolean {
    return this.#editing !== null;
  }

  /** The quiet note of a read-only result (for the grid's bar); '' otherwise. */
  get note(): string {
    return this.#host.edit?.state?.reason ?? '';
  }

  /** Handles a key of the grid that edits; true when it did (the grid then leaves it). */
  onKey(event: KeyboardEvent): boolean {
    const edit = this.#host.edit;
    if (!edit || event.altKey || this.#editing) return false;
    if (this.#opening) {
      event.preventDefault();
      event.stopPropagation();
      this.#opening.take(event);
      return true;
    }
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key;
    const lower = key.length === 1 ? key.toLowerCase() : key;
    let act: (() => void) | null = null;
    if (ctrl && key === 'Enter' && !event.shiftKey) act = () => void this.act('apply');
    else if (key === 'F2' && !ctrl) act = () => void this.start();
    else if (ctrl && lower === 'z') act = () => void this.act(event.shiftKey ? 'redo' : 'undo');
    else if (ctrl && lower === 'y') act = () => void this.act('redo');
    else if (ctrl && (key === '0' || event.code === 'Digit0')) act = () => this.#setNull();
    else if (ctrl && lower === 'd') act = () => void this.act('duplicate');
    else if (key === 'Delete' && !ctrl) act = () => void this.act('delete');
    else if (key === 'Backspace' && !ctrl) act = () => void this.start('');
    else if (key.length === 1 && !ctrl && !(key === ' ' && event.shiftKey))
      act = () => void this.start(key);
    if (!act) return false;
    event.preventDefault();
    event.stopPropagation();
    act();
    return true;
  }

  /** Opens the active cell's editor; `typed` replaces its value. Says why when it cannot. */
  async start(typed?: string): Promise<void> {
    const { edit, selection } = this.#host;
    if (!edit || this.#opening) return;
    const { row, column } = selection.active;
    // Keys pressed while it opens are kept, and pressed again once it is open (see onKey).
    const opening = (this.#opening = new KeyQueue());
    try {
      if (!edit.state) await edit.load();
      if (this.#refused(row, column)) return;
      this.#host.moveTo({ row, column }); // shown, and drawn now
      const value = typed === undefined ? await edit.cellValue(row, column) : null;
      let place = this.#placeOf(row, column);
      if (!place) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        place = this.#placeOf(row, column);
      }
      if (!place || selection.active.row !== row || selection.active.column !== column) return;
      const text = opening.extra ? (typed ?? value ?? '') + opening.extra : typed;
      this.#editing = { row, column, value, place, ...(text === undefined ? {} : { typed: text }) };
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<TuskCellEditor>('tusk-cell-editor')?.open(value, text);
    } finally {
      this.#opening = null;
    }
    await opening.replay(async () => {
      await this.#host.updateComplete;
      await this.#host.renderRoot.querySelector<TuskCellEditor>('tusk-cell-editor')?.updateComplete;
      // The editor focuses its field once drawn (a promise's turn after updateComplete).
      await new Promise((resolve) => setTimeout(resolve));
    });
  }

  /** Runs an edit bar action (also the keys'). */
  async act(action: EditAction): Promise<void> {
    const { edit, selection, source } = this.#host;
    if (!edit || !source) return;
    const { row, column } = selection.active;
    if (action !== 'undo' && action !== 'redo' && !edit.state) await edit.load();
    switch (action) {
      case 'undo':
        return edit.undo();
      case 'redo':
        return edit.redo();
      case 'discard':
        return edit.discard();
      case 'add':
      case 'duplicate': {
        if (this.#refused(row, -1)) return;
        const made = action === 'add' ? edit.addRow() : await edit.duplicate(row);
        if (made >= 0) this.#host.moveTo({ row: made, column });
        return this.#host.focus();
      }
      case 'delete': {
        if (this.#refused(row, -1)) return;
        const rect = selection.rect(source.rowCount, source.columns.length);
        const rows = range(rect.r0, Math.min(rect.r1, rect.r0 + MAX_AT_ONCE - 1));
        return edit.deleteRows(rows);
      }
      case 'preview':
        if (edit.counts.updated + edit.counts.inserted + edit.counts.deleted === 0) return;
        return showDialog(this.#host, 'tusk-edit-preview-dialog', {
          load: () => edit.preview(),
          inTransaction: edit.inTransaction,
        });
      case 'apply': {
        if (this.#refused(row, -1)) return;
        const { updated, inserted, deleted } = edit.counts;
        if (updated + inserted + deleted === 0) {
          this.#host.message = { text: 'No pending changes to apply' };
          return;
        }
        const n = updated + inserted + deleted;
        const what = `${n.toLocaleString('en')} pending ${n === 1 ? 'change' : 'changes'} would be applied.`;
        if (edit.production) {
          const go = await confirmProductionWrite(this.#host, edit.production, {
            what,
            confirmLabel: 'Apply',
          });
          this.#host.focus();
          if (!go) return;
        }
        await edit.apply();
        return;
      }
    }
  }

  /** Says in the grid's bar why cell (row, column) cannot be edited; true when it cannot. */
  #refused(row: number, column: number): boolean {
    const edit = this.#host.edit!;
    const why =
      column < 0
        ? edit.state
          ? edit.state.reason
          : edit.refusal(row, 0)
        : edit.refusal(row, column);
    if (why) this.#host.message = { text: why, error: true };
    return why !== null;
  }

  #setNull(): void {
    const { edit, selection, source } = this.#host;
    if (!edit || !source) return;
    const { active } = selection;
    if (this.#refused(active.row, active.column)) return;
    const rect = selection.rect(source.rowCount, source.columns.length);
    const cells: CellPos[] = [];
    for (let r = rect.r0; r <= rect.r1 && cells.length < MAX_AT_ONCE; r++)
      for (let c = rect.c0; c <= rect.c1; c++) cells.push({ row: r, column: c });
    edit.setCells(cells, null);
  }

  /** Where cell (row, column) is drawn, from the grid's top left corner; null when not drawn. */
  #placeOf(row: number, column: number): EditorPlace | null {
    const root = this.#host.renderRoot;
    const cell = root.querySelector<HTMLElement>(
      `.row[data-row="${row}"] .cell[data-column="${column}"]`,
    );
    if (!cell) return null;
    const box = cell.getBoundingClientRect();
    const host = this.#host.getBoundingClientRect();
    return {
      left: box.left - host.left,
      top: box.top - host.top,
      width: box.width,
      height: box.height,
    };
  }

  #commit(commit: CellCommit): void {
    const editing = this.#editing;
    const edit = this.#host.edit;
    if (!editing || !edit) return;
    this.#editing = null;
    if (editing.typed !== undefined || commit.value !== editing.value)
      edit.setCells([{ row: editing.row, column: editing.column }], commit.value);
    const columns = this.#host.source?.columns.length ?? 0;
    const step = commit.move === 'right' ? 1 : commit.move === 'left' ? -1 : 0;
    const column = Math.min(Math.max(0, editing.column + step), Math.max(0, columns - 1));
    this.#host.moveTo({ row: editing.row, column });
    this.#host.focus();
  }

  #cancel(): void {
    this.#editing = null;
    this.#host.requestUpdate();
    this.#host.focus();
  }

  /** The edit bar, over an editable result. */
  renderBar() {
    const edit = this.#host.edit;
    if (!edit || !edit.state || edit.state.reason !== null) return nothing;
    return html`<tusk-edit-bar
      .counts=${edit.counts}
      .message=${edit.message}
      ?canUndo=${edit.canUndo}
      ?canRedo=${edit.canRedo}
      ?busy=${edit.busy}
      @edit-action=${(e: CustomEvent<EditAction>) => void this.act(e.detail)}
    ></tusk-edit-bar>`;
  }

  /** The open cell editor, if any. */
  renderEditor() {
    const editing = this.#editing;
    const column = editing && this.#host.source?.columns[editing.column];
    if (!editing || !column) return nothing;
    return html`<tusk-cell-editor
      .type=${column.type}
      .name=${column.name}
      .place=${editing.place}
      @cell-commit=${(e: CustomEvent<CellCommit>) => this.#commit(e.detail)}
      @cell-cancel=${() => this.#cancel()}
      @focusout=${(e: FocusEvent) => {
        // Clicking elsewhere leaves the editor without a change, as Escape does.
        const to = e.relatedTarget as Node | null;
        if (!to || !(e.currentTarget as Node).contains(to)) this.#leaveLater();
      }}
    ></tusk-cell-editor>`;
  }

  /** Leaves the editor unless the focus came back to it meanwhile (a click on its checkbox). */
  #leaveLater(): void {
    const editing = this.#editing;
    setTimeout(() => {
      const editor = this.#host.renderRoot.querySelector('tusk-cell-editor');
      if (this.#editing !== editing || editor?.matches(':focus-within')) return;
      this.#editing = null;
      this.#host.requestUpdate();
    });
  }

  #watch(): void {
    const edit = this.#host.edit;
    if (edit === this.#watched) return;
    this.#watched?.removeEventListener('change', this.#onChange);
    edit?.addEventListener('change', this.#onChange);
    this.#watched = edit;
    this.#editing = null;
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
