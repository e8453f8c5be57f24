import type { EditPreview, ErrorInfo } from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';
import type { EditMessage, EditValue, GridEditing } from '../results/grid-editing';
import { EditedSource } from './edited-source';
import { PendingEdits } from './pending-edits';
import type { EditInfo } from './result-pages';
import type { ResultSource } from './result-source';

/** Where a result's edits go: the tab (its session runs them) and the result. */
export interface EditPlace {
  tabId: string;
  connectionId: string;
  queryId: string;
  result?: number;
}

/** How long a refusal stays in the edit bar. */
const SAY_FOR_MS = 5000;

/**
 * The edits of one result of a tab: its {@link PendingEdits}, the result shown with them
 * ({@link EditedSource}), whether it can be edited (`queries.page`'s `editable`, read once
 * its rows are all in), and `edits.preview/apply` on the tab's session. A refused apply
 * keeps the pending set and marks the row (and cell) the server named.
 */
export class EditSession extends EventTarget implements GridEditing {
  readonly place: EditPlace;
  readonly pending = new PendingEdits();
  readonly source: EditedSource;
  readonly #base: ResultSource;
  readonly #client: TuskClient;
  readonly #transaction: () => boolean;
  #info: EditInfo | null = null;
  #loading: Promise<void> | null = null;
  busy = false;
  message: EditMessage | null = null;
  #sayTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #production: () => string | null;

  /** `inTx`: the tab's transaction is open; `production`: the connection's name when marked so. */
  constructor(
    client: TuskClient,
    place: EditPlace,
    base: ResultSource,
    inTx: () => boolean,
    production: () => string | null = () => null,
  ) {
    super();
    this.#production = production;
    this.#client = client;
    this.place = place;
    this.#base = base;
    this.#transaction = inTx;
    this.source = new EditedSource(base, this.pending);
    this.pending.addEventListener('change', () => this.#changed());
  }

  get state(): { reason: string | null } | null {
    const info = this.#info ?? this.#base.edit;
    if (!info) return null;
    if (info.editable) return { reason: null };
    return { reason: `Read-only: ${info.readOnly?.text ?? 'this result cannot be edited'}` };
  }

  get counts() {
    return this.pending.counts;
  }
  get canUndo(): boolean {
    return this.pending.canUndo;
  }
  get canRedo(): boolean {
    return this.pending.canRedo;
  }
  get production(): string | null {
    return this.#production();
  }

  get inTransaction(): boolean {
    return this.#transaction();
  }

  load(): Promise<void> {
    if (this.#info || !this.#base.complete) return Promise.resolve();
    this.#loading ??= this.#base
      .editInfo()
      .then((info) => {
        this.#info = info ?? {
          editable: null,
          readOnly: { reason: 'NOT_FROM_A_TABLE', text: 'this backend does not edit results' },
          columns: [],
        };
        this.#changed();
      })
      .catch((error: unknown) => {
        // Said once, not asked again at every drawing.
        const text = `could not tell whether it can be edited (${(error as Error).message})`;
        this.#info = {
          editable: null,
          readOnly: { reason: 'NOT_FROM_A_TABLE', text },
          columns: [],
        };
        this.#changed();
      })
      .finally(() => (this.#loading = null));
    return this.#loading;
  }

  refusal(row: number, column: number): string | null {
    const state = this.state;
    if (!this.#base.complete)
      return 'The result is still fetching: edit it once all its rows are in';
    if (!state) return 'Still reading whether this result can be edited';
    if (state.reason) return state.reason;
    if (this.busy) return 'Applying: wait for it to end';
    const place = this.source.place(row);
    if (!place) return 'No such row';
    if (place.kind === 'inserted')
      return 'A row inserted by an apply: run the query again to edit it';
    const target = this.source.targetOf(row);
    if (!target) return 'A deleted row';
    if ('held' in target && this.pending.isDeleted(target.held))
      return 'A row marked deleted: undo (Ctrl+Z) to edit it';
    if (!this.#columnEditable(column)) {
      const name = this.source.columns[column]?.name ?? 'This column';
      return `${name} cannot be edited (a computed or generated column)`;
    }
    return null;
  }

  async cellValue(row: number, column: number): Promise<EditValue> {
    return this.source.cell(row, column);
  }

  setCells(cells: readonly { row: number; column: number }[], value: EditValue): void {
    this.pending.batch(() => {
      for (const { row, column } of cells) this.#setCell(row, column, value);
    });
  }

  #setCell(row: number, column: number, value: EditValue): void {
    if (this.refusal(row, column)) return;
    const target = this.source.targetOf(row)!;
    if ('insert' in target) return this.pending.setCell(target, column, value);
    const place = this.source.place(row) as { base: number };
    const base = this.#base.peek(place.base);
    const stored = this.pending.stored.rows.get(target.held);
    // A cut cell's whole value is not held here: any value typed counts as a change.
    const original = stored
      ? stored[column]
      : base?.cut?.has(column)
        ? undefined
        : base?.cells[column];
    this.pending.setCell(target, column, value, original);
  }

  addRow(): number {
    if (this.#refuseAll()) return -1;
    return this.source.rowOfInsert(this.pending.insert());
  }

  async duplicate(row: number): Promise<number> {
    if (this.#refuseAll()) return -1;
    const key = new Set((this.#info ?? this.#base.edit)?.editable?.key ?? []);
    const values = new Map<number, EditValue>();
    for (let c = 0; c < this.source.columns.length; c++) {
      // The key is left to its default (an identity or serial gives a new one).
      if (key.has(c) || !this.#columnEditable(c)) continue;
      values.set(c, await this.source.cell(row, c));
    }
    return this.source.rowOfInsert(this.pending.insert(values));
  }

  deleteRows(rows: readonly number[]): void {
    if (this.#refuseAll()) return;
    const targets = rows.map((r) => this.source.targetOf(r)).filter((t) => t !== null);
    if (targets.length > 0) this.pending.delete(targets);
  }

  undo(): void {
    this.pending.undo();
  }
  redo(): void {
    this.pending.redo();
  }
  discard(): void {
    this.pending.discard();
  }

  say(message: EditMessage | null): void {
    clearTimeout(this.#sayTimer);
    this.message = message;
    if (message) this.#sayTimer = setTimeout(() => this.say(null), SAY_FOR_MS);
    this.dispatchEvent(new Event('change'));
  }

  preview(): Promise<EditPreview> {
    const { changes } = this.pending.changes();
    return this.#client.call('edits.preview', {
      connectionId: this.place.connectionId,
      queryId: this.place.queryId,
      ...(this.place.result === undefined ? {} : { result: this.place.result }),
      changes,
    });
  }

  async apply(): Promise<boolean> {
    const sent = this.pending.changes();
    if (sent.changes.length === 0 || this.busy) return false;
    this.busy = true;
    clearTimeout(this.#sayTimer);
    this.message = { text: 'Applying…' };
    this.dispatchEvent(new Event('change'));
    try {
      const reply = await this.#client.call('edits.apply', {
        ...this.place,
        ...(this.place.result === undefined ? {} : { result: this.place.result }),
        changes: sent.changes,
      });
      this.busy = false;
      this.pending.applied(sent, reply.rows);
      const n = sent.changes.length;
      const what = `${n.toLocaleString('en')} ${n === 1 ? 'change' : 'changes'}`;
      this.say({
        text: reply.inTransaction
          ? `Applied ${what} inside your open transaction: nothing committed yet`
          : `Applied and committed ${what}`,
      });
      return true;
    } catch (error) {
      this.busy = false;
      const info: ErrorInfo =
        error instanceof RequestError ? error.info : { kind: 'internal', message: String(error) };
      const text = [info.message, info.detail].filter(Boolean).join('. ');
      const edit = info.edit;
      this.pending.failed({
        target: edit ? (sent.targets[edit.change] ?? null) : null,
        ...(edit?.column === undefined ? {} : { column: edit.column }),
        message: text,
      });
      // The server's words say that nothing was applied (one transaction, rolled back).
      this.message = { text, error: true };
      this.dispatchEvent(new Event('change'));
      return false;
    }
  }

  /** Stops following the result (its grid is gone). */
  dispose(): void {
    clearTimeout(this.#sayTimer);
  }

  #columnEditable(column: number): boolean {
    return this.#info?.columns[column] ?? this.#base.edit?.columns[column] ?? false;
  }

  /** Says why the result cannot be edited at all; true when it cannot. */
  #refuseAll(): boolean {
    const state = this.state;
    const why = !this.#base.complete
      ? 'The result is still fetching'
      : !state
        ? 'Still reading whether this result can be edited'
        : (state.reason ?? (this.busy ? 'Applying: wait for it to end' : null));
    if (why) this.say({ text: why, error: true });
    return why !== null;
  }

  #changed(): void {
    if (this.message?.error && this.pending.failure === null) this.message = null;
    this.dispatchEvent(new Event('change'));
  }
}
