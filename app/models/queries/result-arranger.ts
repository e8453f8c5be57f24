/**
 * `queries.arrange`: puts a sort and filter in force on a held result, one at a time per
 * result — a newer request stops the one still running at its next pause.
 */
import { TuskError } from '../errors/errors';
import type { QueryRun } from './query-run';
import {
  arrangeRows,
  filterRows,
  type Arrangement,
  type ArrangeRequest,
  type RowFilter,
  type SortKey,
} from './result-order';
import type { ResultSet } from './result-set';
import { freedError } from './result-view';
import type { ResultBudget } from './result-budget';
import { Slicer } from './sliced-sort';

/** What `queries.arrange` replies: the view's size and what is in force. */
export interface ArrangeReply {
  /** Rows the view shows now. */
  rowCount: number;
  /** Every row held. */
  heldRows: number;
  sort: SortKey[];
  filter: RowFilter | null;
}

/** Arranges held results; remembers the one running per result, to supersede it. */
export class ResultArranger {
  readonly #running = new Map<string, AbortController>();
  readonly #budget: ResultBudget;

  /** `budget`: the sort keys being built are counted in it, as rows are. */
  constructor(budget: ResultBudget) {
    this.#budget = budget;
  }

  /** Stops the arrangement running under `key` (`<query id>:<result>`), if any. */
  stop(key: string): void {
    this.#running.get(key)?.abort(
      new TuskError('query_cancelled', 'The sort or filter was cancelled', {
        code: 'ARRANGE_CANCELLED',
        hint: 'The rows are as they were before it.',
      }),
    );
  }

  /**
   * Puts `request` in force on result `at` of `run` (its set `set`): the rows it keeps, in
   * its order, are what `queries.page`, `queries.cell` and `queries.copy` read from then
   * on (until then, reads go through the arrangement in force before). No keys and no
   * filter go back to the server's order with every row. A request still running on the
   * same result is stopped (it rejects with `SUPERSEDED`).
   * @throws TuskError `validation` `RESULT_NOT_COMPLETE` while the result is still being
   *   fetched; `validation` for a column that does not exist; `query_cancelled`
   *   `SUPERSEDED` when a newer request replaced this one; the freed error when the rows
   *   were freed meanwhile.
   */
  async arrange(
    run: QueryRun,
    at: number,
    set: ResultSet,
    request: ArrangeRequest,
  ): Promise<ArrangeReply> {
    if (run.fetching && !run.outcomes.some((o) => o.index === at)) {
      throw new TuskError('validation', 'Sort and filter wait for the whole result', {
        code: 'RESULT_NOT_COMPLETE',
        hint: 'Wait for the query to finish, or cancel it: the rows fetched so far can then be sorted and filtered.',
      });
    }
    const columns = set.columns.length;
    const asked = request.sort.map((k) => k.column);
    if (request.filter?.column !== undefined) asked.push(request.filter.column);
    const bad = asked.find((column) => column >= columns);
    if (bad !== undefined) {
      throw new TuskError('validation', `There is no column ${bad}`, {
        hint: `The result has ${columns} columns, counted from 0.`,
      });
    }
    const key = `${run.id}:${at}`;
    this.#running.get(key)?.abort(superseded());
    const reply = (rowCount: number): ArrangeReply => ({
      rowCount,
      heldRows: set.rowCount,
      sort: request.sort,
      filter: request.filter,
    });
    if (request.sort.length === 0 && !request.filter) {
      run.arrangements.delete(at);
      return reply(set.rowCount);
    }
    const controller = new AbortController();
    this.#running.set(key, controller);
    const check = () => {
      controller.signal.throwIfAborted();
      if (set.freed) throw freedError();
    };
    let reserved = 0;
    const reserve = (bytes: number) => {
      if (!this.#budget.allows(run, 0, bytes)) throw tooLarge(reserved + bytes);
      reserved += bytes;
      run.sortBytes += bytes;
    };
    try {
      const slicer = new Slicer(check, reserve);
      // The same sort as the one in force: its order of every row is reused (only the
      // filter changed, so no new sort; filtering a stable sort keeps it stable).
      const sorted = sortedAll(run.arrangements.get(at), request, set.rowCount);
      let order: Uint32Array;
      let all: Uint32Array | undefined;
      if (sorted) {
        order = request.filter ? await filterRows(set, request.filter, slicer, sorted) : sorted;
        all = sorted;
      } else {
        order = await arrangeRows(set, request, slicer);
        all = request.filter || request.sort.length === 0 ? undefined : order;
      }
      check();
      run.arrangements.set(at, {
        ...request,
        order,
        heldRows: set.rowCount,
        ...(all ? { all } : {}),
      });
      return reply(order.length);
    } finally {
      run.sortBytes -= reserved;
      if (this.#running.get(key) === controller) this.#running.delete(key);
    }
  }
}

/**
 * Stops the arrangement running on result `at` of `run`, if any (it rejects with
 * `query_cancelled` `ARRANGE_CANCELLED`); the one in force before stays. Replies with
 * what is in force.
 */
export function cancelArrangement(
  arranger: ResultArranger,
  run: QueryRun,
  at: number,
  set: ResultSet,
): ArrangeReply {
  arranger.stop(`${run.id}:${at}`);
  const current = run.arrangements.get(at);
  return {
    rowCount: current ? current.order.length : set.rowCount,
    heldRows: set.rowCount,
    sort: current?.sort ?? [],
    filter: current?.filter ?? null,
  };
}

/** The order of every row under `request`'s sort, when the arrangement in force has it. */
function sortedAll(
  current: Arrangement | undefined,
  request: ArrangeRequest,
  rows: number,
): Uint32Array | undefined {
  if (!current?.all || request.sort.length === 0 || current.heldRows !== rows) return undefined;
  const same =
    current.sort.length === request.sort.length &&
    current.sort.every(
      (k, i) =>
        k.column === request.sort[i]!.column && k.descending === request.sort[i]!.descending,
    );
  return same ? current.all : undefined;
}

function tooLarge(bytes: number): TuskError {
  return new TuskError(
    'validation',
    `Sorting this result needs ${Math.ceil(bytes / 2 ** 20)} MB more than the memory budget allows`,
    {
      code: 'SORT_TOO_LARGE',
      hint: 'Close other results, raise "memory for all results" in the preferences, or sort on the server (ORDER BY).',
    },
  );
}

function superseded(): TuskError {
  return new TuskError(
    'query_cancelled',
    'A newer sort or filter of this result replaced this one',
    { code: 'SUPERSEDED' },
  );
}
