import type { EditChange } from '../../common/edit-rules';

/** A cell's value as the grid holds it: PostgreSQL's text, or null for NULL. */
export type CellValue = string | null;

/** A row a change is about: a held row (its index in the server's order) or a new row. */
export type EditTarget = { held: number } | { insert: number };

/** A new row: its id (stable across undo) and the values typed (a column absent: DEFAULT). */
export interface InsertRow {
  id: number;
  values: ReadonlyMap<number, CellValue>;
}

/** The pending set at one moment (never changed in place: undo keeps the older ones). */
interface State {
  updates: ReadonlyMap<number, ReadonlyMap<number, CellValue>>;
  inserts: readonly InsertRow[];
  deletes: ReadonlySet<number>;
}

/** A change the server refused (`edits.apply`'s error): the row and the column it names. */
export interface EditFailure {
  target: EditTarget | null;
  column?: number;
  message: string;
}

/** What the server stored after an apply, shown over the append-only result. */
export interface StoredOverlay {
  /** Updated rows by held index: the values the server returned. */
  readonly rows: ReadonlyMap<number, CellValue[]>;
  /** Inserted rows, in the order they were applied (shown after the held rows). */
  readonly inserted: readonly CellValue[][];
  /** Deleted rows by held index (no longer shown). */
  readonly gone: ReadonlySet<number>;
}

/** The counts the edit bar shows. */
export interface PendingCounts {
  updated: number;
  inserted: number;
  deleted: number;
}

const EMPTY: State = { updates: new Map(), inserts: [], deletes: new Set() };
/** Undo steps kept. */
const MAX_UNDO = 500;

/**
 * The pending changes of one editable result, in plain TS (no DOM but EventTarget): cell
 * updates by held row and column index, new rows, deleted rows; undo and redo over the
 * pending set; {@link changes} in `edits.apply`'s shape (deletes, then updates, then
 * inserts: a key freed by a delete can be reused); and, after an apply, the overlay of what
 * the server stored. Dispatches `change` after every change.
 */
export class PendingEdits extends EventTarget {
  #state: State = EMPTY;
  #undo: State[] = [];
  #redo: State[] = [];
  #nextId = 1;
  #failure: EditFailure | null = null;
  /** Inside {@link batch}: the state before it (one undo step for the whole batch). */
  #batchFrom: State | null = null;
  readonly #stored = {
    rows: new Map<number, CellValue[]>(),
    inserted: [] as CellValue[][],
    gone: new Set<number>(),
  };

  /** The new rows, in the order they were added. */
  get inserts(): readonly InsertRow[] {
    return this.#state.inserts;
  }

  /** What the server stored after the applies so far. */
  get stored(): StoredOverlay {
    return this.#stored;
  }

  /** The last apply's refusal, until the pending set changes. */
  get failure(): EditFailure | null {
    return this.#failure;
  }

  get counts(): PendingCounts {
    const { updates, inserts, deletes } = this.#state;
    let updated = 0;
    for (const held of updates.keys()) if (!deletes.has(held)) updated += 1;
    return { updated, inserted: inserts.length, deleted: deletes.size };
  }

  /** How many changes {@link changes} holds. */
  get size(): number {
    const { updated, inserted, deleted } = this.counts;
    return updated + inserted + deleted;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** The pending value of a held row's cell; undefined when it is not changed. */
  updated(held: number, column: number): CellValue | undefined {
    return this.#state.updates.get(held)?.get(column);
  }

  /** The changed columns of a held row (empty when none). */
  changedColumns(held: number): ReadonlySet<number> {
    return new Set(this.#state.updates.get(held)?.keys() ?? []);
  }

  isDeleted(held: number): boolean {
    return this.#state.deletes.has(held);
  }

  /**
   * Sets a cell to `value`; for a held row, a value equal to `original` (what the result
   * holds) drops the change. Null for NULL.
   */
  setCell(target: EditTarget, column: number, value: CellValue, original?: CellValue): void {
    const state = this.#state;
    if ('insert' in target) {
      const inserts = state.inserts.map((row) =>
        row.id === target.insert ? { id: row.id, values: with_(row.values, column, value) } : row,
      );
      return this.#commit({ ...state, inserts });
    }
    const cells = new Map(state.updates.get(target.held) ?? []);
    if (value === original && original !== undefined) cells.delete(column);
    else cells.set(column, value);
    const updates = new Map(state.updates);
    if (cells.size > 0) updates.set(target.held, cells);
    else updates.delete(target.held);
    this.#commit({ ...state, updates });
  }

  /**
   * Adds a new row with `values` by column (a column left out gets its DEFAULT); returns
   * its id.
   */
  insert(values: ReadonlyMap<number, CellValue> = new Map()): number {
    const id = this.#nextId++;
    const state = this.#state;
    this.#commit({ ...state, inserts: [...state.inserts, { id, values: new Map(values) }] });
    return id;
  }

  /**
   * Marks rows deleted: held rows go to the deletes (their pending updates are kept for an
   * undo, not sent), new rows are dropped. One undo step.
   */
  delete(targets: readonly EditTarget[]): void {
    const state = this.#state;
    const deletes = new Set(state.deletes);
    const dropped = new Set<number>();
    for (const t of targets) {
      if ('held' in t) deletes.add(t.held);
      else dropped.add(t.insert);
    }
    const inserts = state.inserts.filter((row) => !dropped.has(row.id));
    this.#commit({ ...state, deletes, inserts });
  }

  /** Runs `changes` (calls of this model) as one undo step, with one `change` event. */
  batch(changes: () => void): void {
    if (this.#batchFrom) return changes();
    const before = (this.#batchFrom = this.#state);
    try {
      changes();
    } finally {
      this.#batchFrom = null;
    }
    if (this.#state === before) return;
    const after = this.#state;
    this.#state = before;
    this.#commit(after);
  }

  /** Takes back the last change of the pending set. */
  undo(): void {
    const previous = this.#undo.pop();
    if (!previous) return;
    this.#redo.push(this.#state);
    this.#set(previous);
  }

  /** Does again the last change undone. */
  redo(): void {
    const next = this.#redo.pop();
    if (!next) return;
    this.#undo.push(this.#state);
    this.#set(next);
  }

  /** Drops every pending change (one undo step). */
  discard(): void {
    if (this.size === 0 && this.#state.updates.size === 0) return;
    this.#commit(EMPTY);
  }

  /**
   * The pending set as `edits.apply` takes it, with the row each change is about (same
   * index): deletes, then updates (of rows not deleted), then inserts.
   */
  changes(): { changes: EditChange[]; targets: EditTarget[] } {
    const { updates, inserts, deletes } = this.#state;
    const changes: EditChange[] = [];
    const targets: EditTarget[] = [];
    for (const held of [...deletes].sort((a, b) => a - b)) {
      changes.push({ op: 'delete', row: held });
      targets.push({ held });
    }
    for (const held of [...updates.keys()].sort((a, b) => a - b)) {
      if (deletes.has(held)) continue;
      changes.push({ op: 'update', row: held, values: record(updates.get(held)!) });
      targets.push({ held });
    }
    for (const row of inserts) {
      changes.push({ op: 'insert', values: record(row.values) });
      targets.push({ insert: row.id });
    }
    return { changes, targets };
  }

  /**
   * An apply of `sent` succeeded: `rows` (what the server stored, with the index of their
   * change) go into the overlay, deleted rows are gone, and the pending set and its undo
   * steps clear.
   */
  applied(
    sent: { changes: EditChange[]; targets: EditTarget[] },
    rows: readonly { change: number; row: number | null; values: CellValue[] }[],
  ): void {
    for (const stored of rows) {
      const change = sent.changes[stored.change];
      if (change?.op === 'update') this.#stored.rows.set(change.row, stored.values);
      else if (change?.op === 'insert') this.#stored.inserted.push(stored.values);
    }
    for (const change of sent.changes)
      if (change.op === 'delete') this.#stored.gone.add(change.row);
    this.#undo = [];
    this.#redo = [];
    this.#failure = null;
    this.#set(EMPTY);
  }

  /** An apply was refused: the pending set stays; `failure` names the row and the column. */
  failed(failure: EditFailure): void {
    this.#failure = failure;
    this.dispatchEvent(new Event('change'));
  }

  #commit(next: State): void {
    if (this.#batchFrom) {
      this.#state = next;
      return;
    }
    this.#undo.push(this.#state);
    if (this.#undo.length > MAX_UNDO) this.#undo.shift();
    this.#redo = [];
    this.#set(next);
  }

  #set(next: State): void {
    this.#state = next;
    this.#failure = null;
    this.dispatchEvent(new Event('change'));
  }
}

function with_(
  values: ReadonlyMap<number, CellValue>,
  column: number,
  value: CellValue,
): Map<number, CellValue> {
  const next = new Map(values);
  next.set(column, value);
  return next;
}

function record(values: ReadonlyMap<number, CellValue>): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [column, value] of [...values].sort(([a], [b]) => a - b)) out[String(column)] = value;
  return out;
}
