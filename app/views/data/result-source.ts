import type { ServerEvents } from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';
import { isNumericType } from '../results/cell-format';
import type {
  Arrangement,
  CopyFormat,
  CopyText,
  GridColumn,
  GridRow,
  GridSelection,
  GridSource,
} from '../results/grid-source';
import {
  editInfoOf,
  gridRows,
  PAGE_ROWS,
  pageStart,
  type EditInfo,
  type PageReply,
} from './result-pages';

export { PAGE_ROWS } from './result-pages';
/** Pages kept (least recently read dropped first): 32,000 rows. */
const MAX_PAGES = 64;

interface Page {
  rows: GridRow[];
  /** Holds every row it can: PAGE_ROWS of them, or the last rows of a complete result. */
  full: boolean;
}

/** The events that end a query. */
const TERMINAL = ['query.completed', 'query.failed', 'query.cancelled'] as const;
type Ended = ServerEvents[(typeof TERMINAL)[number]] & { truncated?: boolean };

/**
 * One result of a query (`queryId`, statement `result`, default the first with rows) for the
 * grid, over the backend: the first page as the backend pushes it (`query.rows`) or read at
 * once, whichever comes first (the grid opens on it), then only the pages of
 * {@link PAGE_ROWS} rows the grid asks for as they come into view, cached (the least
 * recently read dropped beyond 64). The row count comes from `query.progress` and the
 * terminal event, never from reading pages again; only when the end leaves it unknown (a
 * run that failed or was cancelled, a fetch the budget stopped) is the last page read once.
 * Never closes the query (its tab does). Call {@link dispose} when the grid no longer shows
 * it.
 */
export class ResultSource extends EventTarget implements GridSource {
  readonly queryId: string;
  readonly result: number | undefined;
  columns: GridColumn[] = [];
  rowCount = 0;
  complete = false;
  /** The memory budget or row cap stopped the fetch: the rows held are the answer. */
  truncated = false;
  error: string | null = null;
  arrangement: Arrangement | null = null;
  heldRows = 0;
  /** Whether the result can be edited; null until a page said it (see {@link editInfo}). */
  edit: EditInfo | null = null;
  readonly #client: TuskClient;
  /** Bumped by each arrangement: pages read before it are dropped on arrival. */
  #generation = 0;
  readonly #pages = new Map<number, Page>();
  readonly #loading = new Map<number, Promise<Page>>();
  readonly #stop: (() => void)[] = [];
  #refreshing = false;
  #refreshAgain = false;
  #ended = false;

  /** `first`: the result's first rows as the backend pushed them, to open on (no page asked). */
  constructor(
    client: TuskClient,
    queryId: string,
    result?: number,
    first?: ServerEvents['query.rows'],
  ) {
    super();
    this.#client = client;
    this.queryId = queryId;
    this.result = result;
    const mine = (payload: { queryId: string }) => payload.queryId === queryId;
    this.#stop.push(
      client.on('query.progress', (p) => mine(p) && this.#progress(p)),
      client.on('query.rows', (p) => mine(p) && this.#pushed(p)),
      ...TERMINAL.map((event) =>
        client.on(event, (p) => mine(p) && this.#end(event === 'query.completed', p)),
      ),
    );
    if (first && mine(first) && first.result === result) this.#pushed(first);
    else this.#refresh();
  }

  /** Stops following the query's events and drops the cached rows. */
  dispose(): void {
    for (const stop of this.#stop.splice(0)) stop();
    this.#pages.clear();
  }

  async rows(offset: number, limit: number): Promise<GridRow[]> {
    const end = Math.min(offset + limit, this.rowCount);
    const out: GridRow[] = [];
    for (let start = pageStart(offset); start < end; start += PAGE_ROWS) {
      const page = await this.#page(start);
      const from = Math.max(offset, start) - start;
      out.push(...page.rows.slice(from, Math.min(end - start, page.rows.length)));
    }
    return out;
  }

  peek(row: number): GridRow | undefined {
    return this.#pages.get(pageStart(row))?.rows[row - pageStart(row)];
  }

  async cell(row: number, column: number): Promise<string | null> {
    // A cell held whole (not cut) is its value: no round trip.
    const held = this.peek(row);
    if (held && column < held.cells.length && !held.cut?.has(column)) {
      return held.cells[column] ?? null;
    }
    const reply = await this.#client.call('queries.cell', {
      queryId: this.queryId,
      ...this.#resultParam(),
      row,
      column,
    });
    return reply.value;
  }

  copy(selection: GridSelection, format: CopyFormat, headers: boolean): Promise<CopyText> {
    return this.#client.call('queries.copy', {
      queryId: this.queryId,
      ...this.#resultParam(),
      rows: selection.rows,
      columns: selection.columns,
      format,
      headers,
    });
  }

  async arrange(next: Arrangement): Promise<void> {
    const empty = next.sort.length === 0 && !next.filter;
    const reply = await this.#client.call('queries.arrange', {
      queryId: this.queryId,
      ...this.#resultParam(),
      sort: next.sort,
      ...(next.filter ? { filter: next.filter } : {}),
    });
    this.#generation += 1;
    this.#pages.clear();
    this.#loading.clear();
    this.arrangement = empty ? null : { sort: reply.sort, filter: reply.filter };
    this.rowCount = reply.rowCount;
    this.heldRows = reply.heldRows;
    this.dispatchEvent(new Event('change'));
  }

  /** Stops the arrangement being made; the one in force stays (see GridSource). */
  async cancelArrange(): Promise<void> {
    await this.#client.call('queries.arrange', {
      queryId: this.queryId,
      ...this.#resultParam(),
      cancel: true,
    });
  }

  /** The edit info, read with a one-row page when no page has said it yet. */
  async editInfo(): Promise<EditInfo | null> {
    if (this.edit) return this.edit;
    const reply = (await this.#client.call('queries.page', {
      queryId: this.queryId,
      ...this.#resultParam(),
      offset: 0,
      limit: 1,
    })) as PageReply;
    this.edit ??= editInfoOf(reply);
    return this.edit;
  }

  #resultParam(): { result?: number } {
    return this.result === undefined ? {} : { result: this.result };
  }

  /** A cached page (moved to the newest end), or the one being fetched, or a new fetch. */
  #page(start: number): Promise<Page> {
    const cached = this.#pages.get(start);
    if (cached && (cached.full || cached.rows.length >= this.rowCount - start)) {
      this.#pages.delete(start);
      this.#pages.set(start, cached);
      return Promise.resolve(cached);
    }
    const loading = this.#loading.get(start);
    if (loading) return loading;
    const fetch: Promise<Page> = this.#fetch(start).finally(() => {
      if (this.#loading.get(start) === fetch) this.#loading.delete(start);
    });
    this.#loading.set(start, fetch);
    return fetch;
  }

  async #fetch(start: number): Promise<Page> {
    const generation = this.#generation;
    const rows: GridRow[] = [];
    let reply: PageReply;
    // A reply with large cells may hold fewer rows (`more`): the page is asked on until full.
    do {
      const offset = start + rows.length;
      reply = (await this.#client.call('queries.page', {
        queryId: this.queryId,
        ...this.#resultParam(),
        offset,
        limit: PAGE_ROWS - rows.length,
      })) as PageReply;
      rows.push(...gridRows(reply, offset));
    } while (reply.more && reply.rows.length > 0 && rows.length < PAGE_ROWS);
    const page = { rows, full: rows.length === PAGE_ROWS || reply.complete };
    // Read before a new order or filter: its rows are not the ones now at these indexes.
    if (generation !== this.#generation) return this.#page(start);
    this.#keep(start, page);
    this.#update(reply);
    return page;
  }

  /** Caches `page` at `start` as the newest (the least recently read dropped beyond 64). */
  #keep(start: number, page: Page): void {
    this.#pages.delete(start);
    this.#pages.set(start, page);
    for (const oldest of this.#pages.keys()) {
      if (this.#pages.size <= MAX_PAGES) break;
      this.#pages.delete(oldest);
    }
  }

  /** The first rows, pushed by the backend (`query.rows`): page 0 without asking for it. */
  #pushed(p: ServerEvents['query.rows']): void {
    if (p.result !== this.result || this.arrangement) return;
    const held = this.#pages.get(0);
    if (held && held.rows.length >= p.rows.length) return;
    const rows = gridRows(p, 0);
    this.#keep(0, { rows, full: rows.length === PAGE_ROWS || p.complete });
    this.#update(p);
  }

  /** Rows arrived: the count grows (the grid then asks for the rows it shows, if any). */
  #progress(p: ServerEvents['query.progress']): void {
    if (this.result === undefined) return this.#refresh(); // which result is not known here
    if (this.complete || this.arrangement || p.result !== this.result) return;
    if (p.rowCount <= this.rowCount) return;
    this.rowCount = p.rowCount;
    this.heldRows = p.rowCount;
    this.dispatchEvent(new Event('change'));
  }

  /**
   * The query ended: a completed statement's outcome holds its row count; otherwise the
   * last page is read once for what the rows held came to.
   */
  #end(completed: boolean, payload: Ended): void {
    this.#ended = true;
    const outcome = payload.results.find((r) => r.index === this.result);
    const known = completed && outcome?.hasRows && !outcome.truncated && !payload.truncated;
    if (!known) return this.#refresh();
    Object.assign(this, {
      rowCount: outcome.rowCount,
      heldRows: outcome.rowCount,
      complete: true,
      truncated: false,
    });
    this.dispatchEvent(new Event('change'));
    // Its first page not read yet and not on its way: it brings the columns.
    if (this.columns.length === 0 && !this.#refreshing) this.#refresh();
  }

  #update(reply: PageReply): void {
    this.edit = editInfoOf(reply) ?? this.edit;
    // Read before the end was heard: its counts are older than the ones held.
    const stale = this.complete && !reply.complete;
    const rowCount = stale
      ? this.rowCount
      : reply.complete || reply.arranged
        ? reply.rowCount
        : Math.max(this.rowCount, reply.rowCount);
    const columns =
      this.columns.length === reply.columns.length
        ? this.columns
        : reply.columns.map((c) => ({
            name: c.name,
            type: c.type,
            numeric: isNumericType(c.type),
          }));
    const complete = this.complete || reply.complete;
    const truncated = stale ? this.truncated : reply.truncated;
    const changed =
      columns !== this.columns ||
      rowCount !== this.rowCount ||
      complete !== this.complete ||
      truncated !== this.truncated ||
      this.error !== null;
    Object.assign(this, {
      columns,
      rowCount,
      heldRows: reply.arranged?.heldRows ?? rowCount,
      complete,
      truncated,
      error: null,
    });
    if (changed) this.dispatchEvent(new Event('change'));
  }

  /**
   * Reads the last page known (at most one call at a time; another is made after it when
   * asked meanwhile): at first the first page (its columns and rows), and at an end that
   * left the count unknown, the count. Before the first rows exist the backend says there
   * is nothing to page; that is an error only once the query has ended.
   */
  #refresh(): void {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = true;
    const ended = this.#ended;
    this.#fetch(pageStart(Math.max(0, this.rowCount - 1)))
      .catch((error: unknown) => {
        if (!ended) return;
        this.error =
          error instanceof RequestError
            ? [error.info.message, error.info.hint].filter(Boolean).join('. ')
            : String(error);
        this.complete = true;
        this.dispatchEvent(new Event('change'));
      })
      .finally(() => {
        this.#refreshing = false;
        if (this.#refreshAgain) {
          this.#refreshAgain = false;
          this.#refresh();
        }
      });
  }
}
