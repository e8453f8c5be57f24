import type { PoolSession } from '../connections/pool-session';
import type { DescribedColumn, DriverStatement } from '../driver/driver-statement';
import { ResultSet, type RawColumn } from './result-set';
import { NoticeCollector, type StatementNotice } from './statement-notices';

export type { StatementNotice } from './statement-notices';

/** What one statement of a run did (the `results` of a terminal event). */
export interface StatementOutcome {
  /** Its index among the script's statements. */
  index: number;
  /** The server's command tag (SELECT, INSERT, CREATE FUNCTION…). */
  command: string | null;
  /** Rows returned (held) or affected. */
  rowCount: number;
  elapsedMs: number;
  /** NOTICE, WARNING and INFO messages the server sent while it ran (`RAISE NOTICE`). */
  notices: StatementNotice[];
  /** Notices not kept: past 1,000 or 1 MiB for the statement, or past the memory budget. */
  noticesDropped: number;
  /** True when it returned rows (a result to page through, even if empty). */
  hasRows: boolean;
  /** True when the memory budget or the row cap stopped its fetch. */
  truncated: boolean;
}

/** What a statement asks of its run while rows arrive. */
export interface RowSink {
  /** Its result set was made (readable from its first row on, while the rest streams in). */
  created(set: ResultSet): void;
  /**
   * May the statement's memory, `held` bytes now (its rows and notices), grow by `bytes`?
   * False stops the fetch, or drops the notice.
   */
  allows(held: number, bytes: number): boolean;
  /** Stop the fetch: the rows held are the answer. */
  stop(): void;
  /**
   * Rows were stored (for progress; `first`: the result's first ones); false stops the
   * fetch (the row cap).
   */
  stored(set: ResultSet, first: boolean): boolean;
  /** Rows the set may still take (the row cap), Infinity without a cap. */
  rowsLeft(set: ResultSet): number;
}

/**
 * The outcome of a psql command Tusk carries out without the server: its name as the
 * command, and for `\echo`, `\qecho` and `\warn` the text it prints, as a notice.
 */
export function metaOutcome(
  index: number,
  meta: { command: string; args: string[] },
): StatementOutcome {
  const prints = ['echo', 'qecho', 'warn'].includes(meta.command);
  return {
    index,
    command: `\\${meta.command}`,
    rowCount: 0,
    elapsedMs: 0,
    notices: prints ? [{ severity: 'ECHO', message: meta.args.join(' ') }] : [],
    noticesDropped: 0,
    hasRows: false,
    truncated: false,
  };
}

/** Rows between two turns of the event loop during a fetch (see PoolSession.yieldSoon). */
const YIELD_EVERY_ROWS = 4096;

/**
 * One statement on a session: sent with the extended protocol and no named prepared
 * statement (`prepare: false`: PgBouncer in transaction mode has none), its rows streamed
 * into a {@link ResultSet} through the DataRow hook, its notices collected.
 */
export class StatementRun {
  readonly outcome: StatementOutcome;
  set: ResultSet | null = null;
  /** The statement on the session: what a cancel stops. */
  readonly statement: DriverStatement;
  readonly session: PoolSession;
  readonly #sink: RowSink;
  #stopped = false;
  /** Rows stored when the fetch last let the event loop run (see YIELD_EVERY_ROWS). */
  #yieldedAt = 0;
  #columns: RawColumn[] | null = null;
  readonly #notices: NoticeCollector;
  readonly #began = performance.now();

  /** COPY … FROM STDIN: the data sent once the server asks for it. */
  readonly #copyData: string | undefined;

  /** `statement`: its text, and for COPY … FROM STDIN the data to send. */
  constructor(
    session: PoolSession,
    index: number,
    statement: { text: string; copyData?: string | undefined },
    params: unknown[],
    sink: RowSink,
  ) {
    const text = statement.text;
    this.#copyData = statement.copyData;
    this.session = session;
    this.#sink = sink;
    this.outcome = {
      index,
      command: null,
      rowCount: 0,
      elapsedMs: 0,
      notices: [],
      noticesDropped: 0,
      hasRows: false,
      truncated: false,
    };
    this.#notices = new NoticeCollector((bytes) => sink.allows(this.heldBytes, bytes));
    this.outcome.notices = this.#notices.notices;
    session.onNotices((notice) => this.#notices.add(notice));
    // Tracked: closing the connection cancels it like any query of the pool. Sent by run().
    this.statement = session.statement(text, params);
  }

  /** Memory the statement holds: its rows and its notices. */
  get heldBytes(): number {
    return (this.set?.bytes ?? 0) + this.#notices.bytes;
  }

  /** Memory its notices hold. */
  get noticeBytes(): number {
    return this.#notices.bytes;
  }

  /** Adds a notice of Tusk's own to the outcome. */
  addNotice(notice: StatementNotice): void {
    this.#notices.push(notice);
  }

  /** True once the budget or row cap stopped it. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Runs it; resolves with its outcome, rejects with the driver's error. */
  async run(): Promise<StatementOutcome> {
    if (this.#copyData !== undefined) return this.#copyIn(this.#copyData);
    const session = this.session;
    // Statements joined by `\;` reply with one result each: the last one's tag counts.
    const result = await this.statement.run((buffer, start, end, columns) =>
      this.#rows(session, this.#sink, buffer, start, end, columns),
    );
    // A RowDescription, even of no columns (`SELECT EXCEPT SELECT`), is a result to show.
    if (result.columns) this.#ensureSet(result.columns);
    this.outcome.command = result.command;
    this.outcome.hasRows = this.set !== null;
    // Rows returned, all held, are what its page holds (a rule's SELECT under an INSERT
    // too); else (no rows, or a write whose rows passed the budget) the command tag's count.
    this.outcome.rowCount =
      this.set && !this.#stopped ? this.set.rowCount : (result.count ?? this.set?.rowCount ?? 0);
    return this.end();
  }

  /**
   * COPY … FROM STDIN: the data written once the server asked for it (CopyInResponse);
   * resolves when the server has taken it all (CommandComplete), rejects with its error.
   * The rows are the server's count (its `COPY n` tag).
   */
  async #copyIn(data: string): Promise<StatementOutcome> {
    const rows = await this.statement.copyIn(data);
    this.outcome.command = 'COPY';
    this.outcome.rowCount = rows;
    return this.end();
  }

  /** Closes the outcome (elapsed time, rows held); also after a failure. */
  end(): StatementOutcome {
    this.outcome.elapsedMs = Math.round(performance.now() - this.#began);
    if (this.set) {
      this.outcome.hasRows = true;
      // Stopped and failed (our cancel): the rows held are its count. A write that was
      // read to its end keeps the rows it affected.
      if (this.#stopped && this.outcome.command === null) this.outcome.rowCount = this.set.rowCount;
    }
    this.outcome.truncated = this.#stopped;
    this.outcome.noticesDropped = this.#notices.dropped;
    return this.outcome;
  }

  /** A run of whole DataRow messages, back to back in `buffer[start, end)`. */
  #rows(
    session: PoolSession,
    sink: RowSink,
    buffer: Buffer,
    start: number,
    end: number,
    columns: DescribedColumn[],
  ): void {
    if (this.#stopped) return;
    // Several statements in one text describe their rows anew: only the first result's
    // rows are kept, never mixed with another's columns.
    this.#columns ??= columns;
    if (columns !== this.#columns) return;
    const set = this.#ensureSet(columns);
    for (let at = start; at < end;) {
      const before = set.rowCount;
      const next = set.appendRun(buffer, at, end, sink.rowsLeft(set));
      if (next > at) {
        at = next;
        if (!sink.stored(set, before === 0)) return this.#stop(sink);
        continue;
      }
      // The next row does not fit the chunk in hand: the budget is asked for more memory.
      const size = 1 + buffer.readUInt32BE(at + 1);
      if (!sink.allows(this.heldBytes, set.costOf(size))) return this.#stop(sink);
      set.makeRoom(size);
    }
    if (set.rowCount - this.#yieldedAt >= YIELD_EVERY_ROWS) {
      this.#yieldedAt = set.rowCount;
      session.yieldSoon();
    }
  }

  #stop(sink: RowSink): void {
    this.#stopped = true;
    sink.stop();
  }

  #ensureSet(columns: readonly RawColumn[]): ResultSet {
    if (this.set) return this.set;
    this.set = new ResultSet(
      columns.map((c) => ({
        name: c.name,
        type: c.type,
        modifier: c.modifier ?? -1,
        table: c.table ?? 0,
        // Sent as an int16: a system column's (ctid -1) arrives as 65535.
        number: c.number && c.number > 0x7fff ? c.number - 0x10000 : (c.number ?? 0),
      })),
    );
    this.#sink.created(this.set);
    return this.set;
  }
}
