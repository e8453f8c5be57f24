import type { EditTarget, ReadOnlyReason } from '../../common/edit-rules';
import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import { describeColumns, type ColumnTypeCaches, type ResultColumn } from './column-types';
import { jsonBytes } from './json-size';
import type { QueryRun } from './query-run';
import { cancelArrangement, ResultArranger, type ArrangeReply } from './result-arranger';
import type { ResultBudget } from './result-budget';
import { copyRows, type CopyRequest } from './result-copy';
import type { ArrangeRequest, RowFilter, SortKey } from './result-order';
import type { CutCell, ResultSet } from './result-set';
import { resultTarget, type ResultTarget } from './result-target';
import { freedError, ResultView } from './result-view';

/** Cells longer than this many bytes are sent cut in a page (64 KiB). */
export const CELL_LIMIT_BYTES = 64 * 1024;
/** Parameters ($1…$n) one statement may have: what postgres.js can send (it refuses 65,534). */
/**
 * JSON bytes one reply of `queries.page` may take (16 MiB): a page stops short (`more:
 * true`). Several views' pages in flight stay well within what a WebSocket buffers.
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** JSON bytes of one whole cell (`queries.cell`), at most (64 MiB, as a copy). */
export const MAX_CELL_BYTES = 64 * 1024 * 1024;
/** Cells of a row that alone passes the bound are cut to this many bytes. */
const SMALL_CELL_BYTES = 1024;
/** Rows one page may ask for. */
export const MAX_PAGE_ROWS = 5000;

/** One page of a result, as `queries.page` returns it. */
export interface ResultPage {
  columns: ResultColumn[];
  rows: (string | null)[][];
  cut?: CutCell[];
  rowCount: number;
  complete: boolean;
  truncated: boolean;
  /**
   * True when the page holds fewer rows than asked (and there are more) to stay within
   * {@link MAX_PAGE_BYTES}: ask again from the row after its last.
   */
  more?: true;
  /**
   * The sort and filter in force (`queries.arrange`), absent without one: `rows`,
   * `rowCount` and `cut[].row` are then in the arranged view; `heldRows` counts every row.
   */
  arranged?: { sort: SortKey[]; filter: RowFilter | null; heldRows: number };
  /**
   * With `arranged`: each row's held index (its place in the server's order), the `row`
   * that `edits.*` take.
   */
  held?: number[];
  /** The result's table and key when its rows can be edited; null when they cannot. */
  editable: EditTarget | null;
  /** When `editable` is null: why, as a code and the words the grid shows. */
  readOnly?: { reason: ReadOnlyReason; text: string };
}

/** A held result as `edits.*` read it (see {@link ResultReads.editSource}). */
export interface EditSource {
  connectionId: string;
  /** The held rows, in the server's order (whole cells). */
  set: ResultSet;
  columns: ResultColumn[];
  target: ResultTarget;
}

/**
 * Reading held results for the views (`queries.page`, `queries.cell`, `queries.copy`,
 * `queries.arrange`): through the sort and filter in force, each reply bounded in bytes,
 * the columns named by the server.
 */
export class ResultReads {
  readonly #live: LiveConnections;
  readonly #get: (queryId: string) => QueryRun;
  readonly #arranger: ResultArranger;
  readonly #columnTypes: ColumnTypeCaches;

  /**
   * `get` finds a run or throws the no-such-query error; `budget` counts sort keys;
   * `columnTypes` names the columns.
   */
  constructor(options: {
    live: LiveConnections;
    get: (queryId: string) => QueryRun;
    budget: ResultBudget;
    columnTypes: ColumnTypeCaches;
  }) {
    this.#live = options.live;
    this.#columnTypes = options.columnTypes;
    this.#get = options.get;
    this.#arranger = new ResultArranger(options.budget);
  }

  /**
   * Rows `offset…offset+limit` of a result, cells as the server's text (null for NULL).
   * `index`: the statement's index (`results[].index`); default the first that has rows.
   * The reply's JSON stays under `maxBytes` (default {@link MAX_PAGE_BYTES}; `more` says
   * that rows were left for the next page).
   */
  async page(
    queryId: string,
    offset: number,
    limit: number,
    index?: number,
    maxBytes = MAX_PAGE_BYTES,
  ): Promise<ResultPage> {
    const run = this.#get(queryId);
    const { set } = this.#readable(run, index);
    const named = await this.#describe(run, set);
    const target = await this.#target(run, set);
    const columns = named.map((c, i) => ({ ...c, editable: target.columnEditable[i] ?? false }));
    // Read after the columns are named: the view in force now, or the freed error.
    const result = this.#view(run, index);
    const { rows, cut, more } = result.boundedPage(
      offset,
      Math.min(limit, MAX_PAGE_ROWS),
      CELL_LIMIT_BYTES,
      maxBytes,
      SMALL_CELL_BYTES,
    );
    const arranged = result.arrangement;
    const held = result.heldRows(Math.max(0, offset), rows.length);
    return {
      columns,
      rows,
      editable: target.editable,
      ...(target.readOnly ? { readOnly: target.readOnly } : {}),
      ...(held ? { held } : {}),
      ...(cut.length > 0 ? { cut } : {}),
      ...(more ? { more: true as const } : {}),
      rowCount: result.rowCount,
      complete: !run.fetching,
      truncated: run.truncated,
      ...(arranged
        ? {
            arranged: {
              sort: arranged.sort,
              filter: arranged.filter,
              heldRows: arranged.heldRows,
            },
          }
        : {}),
    };
  }

  /**
   * Result `index` of query `queryId` as an edit reads it: its held rows in the server's
   * order, its columns named, and whether and how it can be edited ({@link resultTarget}).
   * @throws TuskError as {@link page} (no such query, no rows, freed).
   */
  async editSource(queryId: string, index?: number): Promise<EditSource> {
    const run = this.#get(queryId);
    const { set } = this.#readable(run, index);
    const columns = await this.#describe(run, set);
    const target = await this.#target(run, set);
    // Freed or closed meanwhile: the freed or no-such-query error.
    const { set: held } = this.#readable(this.#get(queryId), index);
    return { connectionId: run.connectionId, set: held, columns, target };
  }

  /** One whole cell (`null` for NULL). */
  cell(queryId: string, row: number, column: number, index?: number): { value: string | null } {
    const run = this.#get(queryId);
    const set = this.#view(run, index);
    const bytes = set.cellBytes(row, column);
    if (bytes !== undefined && bytes > MAX_CELL_BYTES / 6) {
      // Measured before any string is made: a cell of control characters takes 6 bytes of
      // JSON per byte, and a string has a size limit of its own.
      const value = bytes > MAX_CELL_BYTES ? null : set.cell(row, column);
      if (typeof value !== 'string' || jsonBytes(value) > MAX_CELL_BYTES) {
        throw new TuskError(
          'validation',
          `This cell holds ${(bytes / 2 ** 20).toFixed(1)} MB: too large to show whole`,
          {
            code: 'CELL_TOO_LARGE',
            hint: 'Read it in parts on the server: substring(), or lo_get for large objects.',
          },
        );
      }
    }
    const value = set.cell(row, column);
    if (value === undefined) {
      throw new TuskError('validation', `There is no cell at row ${row}, column ${column}`, {
        hint: `The result has ${set.rowCount} rows and ${set.columns.length} columns, counted from 0.`,
      });
    }
    return { value };
  }

  /**
   * A selection of a result as text (`queries.copy`): rows `from…to` (to exclusive) of the
   * columns given, whole cells, in `format`; `rows` is how many rows the text holds.
   * `index` as for {@link page}.
   * @throws TuskError `validation` with code `COPY_TOO_LARGE` over 100,000 rows or 64 MB.
   */
  async copy(
    queryId: string,
    request: CopyRequest,
    index?: number,
  ): Promise<{ text: string; rows: number }> {
    const run = this.#get(queryId);
    const columns = await this.#describe(run, this.#readable(run, index).set);
    return copyRows(this.#view(run, index), columns, request);
  }

  /**
   * Sorts and filters a held result (`queries.arrange`; see {@link ResultArranger.arrange}):
   * `page`, `cell` and `copy` then read its rows through that arrangement. `index` as for
   * {@link page}.
   * @throws TuskError `validation` `RESULT_NOT_COMPLETE` while it is still fetching;
   *   `validation` for a column out of range; `query_cancelled` `SUPERSEDED` when a newer
   *   request on the same result replaced this one; the freed or no-such-query error when
   *   the result was freed or closed meanwhile.
   */
  async arrange(queryId: string, request: ArrangeRequest, index?: number): Promise<ArrangeReply> {
    const run = this.#get(queryId);
    const { at, set } = this.#readable(run, index);
    run.lastUsed = performance.now();
    try {
      return await this.#arranger.arrange(run, at, set, request);
    } catch (error) {
      // Freed meanwhile: closed (no such query now) or by the budget (freed).
      if (set.freed) this.#readable(this.#get(queryId), index);
      throw error;
    }
  }

  /**
   * Stops the sort or filter running on a result (`queries.arrange` with `cancel`); the
   * arrangement in force before stays, and is what this replies.
   */
  cancelArrange(queryId: string, index?: number): ArrangeReply {
    const run = this.#get(queryId);
    const { at, set } = this.#readable(run, index);
    return cancelArrangement(this.#arranger, run, at, set);
  }

  /** The columns of `set` named by the server (`format_type`), marking the run as read. */
  async #describe(run: QueryRun, set: ResultSet): Promise<ResultColumn[]> {
    run.lastUsed = performance.now();
    const pool = this.#live.pool(run.connectionId);
    return pool
      ? await describeColumns(pool, this.#columnTypes.of(run.connectionId), set.columns)
      : set.columns.map((c) => ({ name: c.name, type: `oid ${c.type}`, table: null }));
  }

  /** Whether `set` can be edited (see {@link resultTarget}); read-only without a pool. */
  async #target(run: QueryRun, set: ResultSet): Promise<ResultTarget> {
    const pool = this.#live.pool(run.connectionId);
    if (!pool) return { editable: null, columnEditable: set.columns.map(() => false), facts: null };
    const cache = this.#columnTypes.of(run.connectionId).facts;
    return resultTarget(pool, cache, set.columns, pool.server.readOnly);
  }

  /** Result `index` of `run` as a view reads it: through its arrangement when one is in force. */
  #view(run: QueryRun, index?: number): ResultView {
    const { at, set } = this.#readable(run, index);
    return new ResultView(set, run.arrangements.get(at) ?? null);
  }

  #readable(run: QueryRun, index?: number): { at: number; set: ResultSet } {
    const at = index ?? [...run.sets.keys()].sort((a, b) => a - b)[0];
    const set = at === undefined ? undefined : run.sets.get(at);
    if (!set) {
      throw new TuskError(
        'validation',
        index === undefined
          ? 'This query returned no rows to page through'
          : `Statement ${index} returned no rows to page through`,
        {
          hint: run.fetching
            ? 'Wait for its first rows (query.progress).'
            : 'Its outcome (results) says what each statement did.',
        },
      );
    }
    if (set.freed) throw freedError();
    return { at: at!, set };
  }
}
