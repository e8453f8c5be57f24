/**
 * What `<tusk-result-grid>` shows: a result it reads through this interface, never through
 * the socket. `ResultSource` (views/data/result-source.ts) implements it over the backend's
 * `queries.page/cell/copy`; a test or a preview can implement it over an array.
 */

/** A column of the result. */
export interface GridColumn {
  name: string;
  /** The type as PostgreSQL writes it (`integer`, `numeric(12,2)`, `text[]`). */
  type: string;
  /** Its values are numbers: right-aligned, summed in the selection's figures. */
  numeric: boolean;
}

/** One row: its cells as PostgreSQL's text (`null` is NULL). */
export interface GridRow {
  cells: (string | null)[];
  /** Cells sent cut: by column, the whole value's size in bytes. */
  cut?: Map<number, number>;
  /** Its index in the server's order (the `row` of `edits.*`); a new row has none. */
  held?: number;
  /** How pending edits mark it (an editable result's source sets it). */
  marks?: RowMarks;
}

/**
 * A row's edit marks: `changed` (some cells), `new` (pending insert), `deleted` (pending
 * delete), `stored` (the server's values after an apply), `inserted` (a row an apply
 * inserted), `gone` (deleted by an apply, where it cannot be hidden).
 */
export interface RowMarks {
  state: 'changed' | 'new' | 'deleted' | 'stored' | 'inserted' | 'gone';
  /** Cells changed and not applied. */
  changed?: ReadonlySet<number>;
  /** A new row's cells left to the column's DEFAULT. */
  defaults?: ReadonlySet<number>;
  /** The server refused this row's change: why (and the cell it names). */
  error?: { column?: number; message: string };
}

/** A rectangle of the result: rows `from` (inclusive) to `to` (exclusive), columns by index. */
export interface GridSelection {
  rows: { from: number; to: number };
  columns: number[];
}

/** The formats a copy can take (the backend builds the text). */
export type CopyFormat = 'tsv' | 'csv' | 'json' | 'markdown' | 'sql';

/** A copy's text and how many rows it holds. */
export interface CopyText {
  text: string;
  rows: number;
}

/** A sort key: a column by index, descending or not. */
export interface SortKey {
  column: number;
  descending: boolean;
}

/**
 * How the held rows are shown: sorted by `sort` (first key first; none: the server's
 * order), and only those with a cell containing `filter.text` (case-insensitive; in
 * `filter.column` alone when given). NULL sorts last ascending, first descending.
 */
export interface Arrangement {
  sort: SortKey[];
  filter: { text: string; column?: number } | null;
}

/**
 * An order the server applies (a table's data view: the header's sort marks become its
 * ORDER BY): the grid draws `sort`'s marks and calls `change` with the next sort instead of
 * arranging the held rows; its filter box is hidden (the view has its own WHERE).
 */
export interface ServerOrder {
  readonly sort: readonly SortKey[];
  change(sort: SortKey[]): void;
}

/**
 * A result for the grid. Dispatches `change` when `columns`, `rowCount`, `complete` or
 * `error` change (rows still arriving, the query ended). Row indexes count from 0.
 */
export interface GridSource extends EventTarget {
  /** Empty until the first rows are known. */
  readonly columns: readonly GridColumn[];
  /** Rows known so far. */
  readonly rowCount: number;
  /** True once no more rows will come. */
  readonly complete: boolean;
  /** Bumped when rows already read show other values (edits): the grid draws them again. */
  readonly version?: number;
  /** Why rows cannot be read (the result was freed, the socket dropped), in words. */
  readonly error: string | null;
  /** Loads rows `offset…offset+limit` (clamped to `rowCount`); they can be peeked after. */
  rows(offset: number, limit: number): Promise<GridRow[]>;
  /** A row already loaded, at once; undefined when it is not (call {@link rows}). */
  peek(row: number): GridRow | undefined;
  /** One whole cell, however long. */
  cell(row: number, column: number): Promise<string | null>;
  /**
   * The selection as text in `format`, with the column names or not. Rejects (an Error with
   * a message to show, and `info.code === 'COPY_TOO_LARGE'` when there are too many rows)
   * — never a partial copy.
   */
  copy(selection: GridSelection, format: CopyFormat, headers: boolean): Promise<CopyText>;
  /** The order and filter in force; null: the server's order, every row. */
  readonly arrangement?: Arrangement | null;
  /** Every row held, filtered or not (`rowCount` counts the rows shown). */
  readonly heldRows?: number;
  /**
   * Sorts and filters the held rows (the backend does it); row indexes then count in the
   * new order, and `change` is dispatched. Rejects, with a message to show, while the
   * result is still arriving or when a newer arrangement replaced this one. A source that
   * cannot arrange leaves it out.
   */
  arrange?(next: Arrangement): Promise<void>;
  /**
   * Stops the arrangement being made: its {@link arrange} rejects (`info.code`
   * `ARRANGE_CANCELLED`), and the one in force before stays.
   */
  cancelArrange?(): Promise<void>;
}
