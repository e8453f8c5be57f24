import type { LiveConnections } from '../connections/live-connections';
import type { PoolSession, TransactionState } from '../connections/pool-session';
import { endTransaction } from '../connections/session-reset';
import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';

const log = getLogger('sessions');

/** A tab's session was lost (network, server restart, terminated backend). */
export interface SessionLost {
  connectionId: string;
  tabId: string;
  /** True when a transaction was open or failed: its work is gone, nothing was committed. */
  hadTransaction: boolean;
}

/** Options of {@link TabSessions}. */
export interface TabSessionsOptions {
  live: LiveConnections;
  /** Tab sessions per connection at most, and their idle-in-transaction timeout (0 = none). */
  limits(): { perConnection: number; idleInTransactionMs: number };
  onLost(event: SessionLost): void;
  /**
   * A tab's session was closed (`close`): `committed` when its open transaction was
   * committed then (what it changed now counts, e.g. DDL for the schema cache).
   */
  onClosed?(event: { connectionId: string; tabId: string; committed: boolean }): void;
}

/** A session handed to one run of a tab. */
export interface TabLease {
  session: PoolSession;
  /**
   * Resolves when the session is the run's: at once, or once the previous run's cancel has
   * landed ({@link waitingFor}). Rejects with `SESSION_LOST` when that left it lost.
   */
  ready: Promise<void>;
  /** Why the run waits before it starts: `cancel` while the previous run's cancel lands. */
  waitingFor: 'cancel' | null;
  /** Gives it back with the transaction state the run left (idempotent). */
  release(): void;
  /** Gives it back closed (a cancel may still reach it): the tab's session is lost. */
  discard(): Promise<void>;
  /** A cancel was sent for this run: the tab's next run may queue behind it. */
  cancelling(): void;
  /** A run that waits gives up its turn (it was cancelled before it began). */
  leave(): void;
}

interface Waiter {
  grant(): void;
  refuse(error: TuskError): void;
}

interface Entry {
  session: PoolSession;
  transaction: TransactionState;
  busy: boolean;
  lost: boolean;
  /** The run holding it was cancelled: its cancel is landing. */
  landing: boolean;
  /** The one run queued behind a landing cancel. */
  waiter: Waiter | null;
  /** A `search_path` read under way ({@link TabSessions.searchPath}): a run starts after it. */
  reading: Promise<void> | null;
}

/**
 * Each editor tab is its own session of its connection, as in psql or pgAdmin's query
 * tool: opened on the tab's first run and kept while the tab lives, so a transaction,
 * `SET`, temporary tables and prepared statements carry over between its runs, and two
 * tabs never share one. A session lost to the network, a restart, a terminate or a cancel
 * escalation is reported once ({@link SessionLost}) and its tab's next run is refused until
 * the view acknowledges it with {@link close} — never replaced silently in the middle of a
 * transaction.
 */
export class TabSessions {
  readonly #tabs = new Map<string, Entry>();
  readonly #options: TabSessionsOptions;

  /** Its tabs' sessions end when their connection closes, however it closes. */
  constructor(options: TabSessionsOptions) {
    this.#options = options;
    options.live.onClose((connectionId) => this.closeConnection(connectionId));
  }

  /**
   * The tab's session for one run, opened on first use. While the run holding it has a
   * cancel landing, one more run may queue behind it (see {@link TabLease.ready}).
   * @throws TuskError when the connection is not open, the tab runs something already,
   *   its session was lost and not yet acknowledged, or the connection has its most tabs.
   */
  lease(connectionId: string, tabId: string): TabLease {
    const key = keyOf(connectionId, tabId);
    let entry = this.#tabs.get(key);
    if (entry?.lost) throw lostError();
    if (entry?.busy && (!entry.landing || entry.waiter)) {
      throw new TuskError('validation', 'This tab is still running a query', {
        code: 'TAB_BUSY',
        hint: 'Wait for it to finish or cancel it, then run again.',
      });
    }
    if (!entry) entry = this.#open(connectionId, tabId);
    const held = entry;
    let ready = Promise.resolve();
    let waiter: Waiter | null = null;
    if (held.busy) {
      ready = new Promise<void>((grant, refuse) => (waiter = { grant, refuse }));
      held.waiter = waiter;
    } else {
      held.busy = true;
      // Never beside a search_path read: a cancel of this run must find it running.
      if (held.reading) ready = held.reading;
    }
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      this.#handOn(held);
    };
    return {
      session: held.session,
      ready,
      waitingFor: waiter ? 'cancel' : null,
      release,
      discard: async () => {
        if (done) return;
        const hadTransaction = held.session.transaction !== 'idle';
        this.#lost(connectionId, tabId, held, hadTransaction);
        await held.session.discard();
        release();
      },
      cancelling: () => {
        if (!done && !waiter) held.landing = true;
      },
      leave: () => {
        if (waiter && held.waiter === waiter) {
          held.waiter = null;
          done = true;
        } else {
          release();
        }
      },
    };
  }

  /** The session is free again: to the run queued behind a cancel, if any. */
  #handOn(held: Entry): void {
    held.transaction = held.session.transaction;
    held.landing = false;
    const next = held.waiter;
    held.waiter = null;
    if (next && !held.lost) return next.grant();
    held.busy = false;
    next?.refuse(lostError());
  }

  /**
   * The tab's `search_path` as its session resolves it (`current_schemas(true)`), read only
   * when the tab has a session that is logged in, runs nothing and is not in a failed
   * transaction; never opens one. Null otherwise, or when the read fails.
   */
  async searchPath(connectionId: string, tabId: string): Promise<string[] | null> {
    const entry = this.#tabs.get(keyOf(connectionId, tabId));
    if (!entry || entry.busy || entry.reading || entry.lost || !entry.session.up) return null;
    if (entry.session.transaction === 'failed') return null;
    const read = entry.session.query<{ schema: string }>(
      'SELECT s AS schema FROM unnest(current_schemas(true)) WITH ORDINALITY AS u(s, n) ORDER BY n',
    );
    const settled = read.then(
      () => undefined,
      () => undefined,
    );
    entry.reading = settled;
    void settled.then(() => {
      if (entry.reading === settled) entry.reading = null;
    });
    try {
      return (await read).map((row) => String(row.schema));
    } catch {
      return null;
    }
  }

  /**
   * True when the tab has a session that is not lost (it may hold a transaction, `SET`s or
   * temporary tables): what an export of the tab's statement runs on.
   */
  holds(connectionId: string, tabId: string): boolean {
    const entry = this.#tabs.get(keyOf(connectionId, tabId));
    return entry !== undefined && !entry.lost;
  }

  /** The backend pids of a connection's tab sessions logged in now (Tusk's own, for activity). */
  pids(connectionId: string): number[] {
    return [...this.#tabs.entries()].flatMap(([key, e]) =>
      key.startsWith(`${connectionId}\n`) && e.session.pid !== undefined ? [e.session.pid] : [],
    );
  }

  /** The tabs of a connection whose transaction is open or failed. */
  openTransactions(connectionId: string): string[] {
    return [...this.#tabs.entries()]
      .filter(
        ([key, e]) => key.startsWith(`${connectionId}\n`) && !e.lost && e.transaction !== 'idle',
      )
      .map(([key]) => key.split('\n')[1]!);
  }

  /**
   * Ends a tab's session (its tab closed, or its loss acknowledged). With an open
   * transaction it is refused unless `commit` says what to do with it: true commits,
   * false rolls back.
   * @throws TuskError `validation` (`TRANSACTION_OPEN`) naming the choice.
   */
  async close(connectionId: string, tabId: string, commit?: boolean): Promise<{ closed: boolean }> {
    const key = keyOf(connectionId, tabId);
    const entry = this.#tabs.get(key);
    if (!entry) return { closed: false };
    if (entry.busy) {
      throw new TuskError('validation', 'This tab is still running a query', {
        hint: 'Cancel it first, then close the tab.',
      });
    }
    if (!entry.lost && entry.transaction !== 'idle') {
      if (commit === undefined) {
        throw new TuskError(
          'validation',
          entry.transaction === 'failed'
            ? "This tab's transaction failed and is still open"
            : 'This tab has an open transaction',
          {
            code: 'TRANSACTION_OPEN',
            hint: 'Choose: commit it (commit: true), roll it back (commit: false), or keep the tab open.',
          },
        );
      }
      await endTransaction(entry.session, commit);
    }
    const committed = !entry.lost && entry.transaction === 'open' && commit === true;
    this.#tabs.delete(key);
    await entry.session.end(1);
    this.#options.onClosed?.({ connectionId, tabId, committed });
    return { closed: true };
  }

  /** Ends every tab session of a connection (it is being closed); nothing is committed. */
  async closeConnection(connectionId: string): Promise<void> {
    const ending = [...this.#tabs.entries()].filter(([key]) => key.startsWith(`${connectionId}\n`));
    for (const [key] of ending) this.#tabs.delete(key);
    await Promise.all(ending.map(([, e]) => e.session.end(1)));
  }

  /** Ends every tab session (Tusk is stopping); nothing is committed. */
  async closeAll(): Promise<void> {
    const ending = [...this.#tabs.values()];
    this.#tabs.clear();
    await Promise.all(ending.map((e) => e.session.end(1)));
  }

  #open(connectionId: string, tabId: string): Entry {
    const pool = this.#options.live.pool(connectionId);
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        hint: 'Connect to it first (connections.connect), then run the query again.',
      });
    }
    const limits = this.#options.limits();
    const count = [...this.#tabs.keys()].filter((k) => k.startsWith(`${connectionId}\n`)).length;
    if (count >= limits.perConnection) {
      throw new TuskError('validation', `This connection has ${count} tab sessions already`, {
        hint: `Close a tab of this connection, or raise "tab sessions per connection" (now ${limits.perConnection}) in the preferences.`,
      });
    }
    const entry: Entry = {
      session: pool.openSession(limits.idleInTransactionMs, {
        dropped: () => this.#lost(connectionId, tabId, entry),
      }),
      transaction: 'idle',
      busy: false,
      reading: null,
      lost: false,
      landing: false,
      waiter: null,
    };
    this.#tabs.set(keyOf(connectionId, tabId), entry);
    return entry;
  }

  #lost(connectionId: string, tabId: string, entry: Entry, hadOpen = false): void {
    if (entry.lost || this.#tabs.get(keyOf(connectionId, tabId)) !== entry) return;
    entry.lost = true;
    const hadTransaction =
      hadOpen || entry.transaction !== 'idle' || entry.session.transactionAtClose !== 'idle';
    log.warn(`tab ${tabId} of ${connectionId} lost its session (transaction: ${hadTransaction})`);
    this.#options.onLost({ connectionId, tabId, hadTransaction });
  }
}

function lostError(): TuskError {
  return new TuskError('connection', "This tab's session was lost", {
    code: 'SESSION_LOST',
    hint: 'Its transaction (if any) was not committed. Acknowledge it (sessions.close) to start a new session, then run again.',
  });
}

function keyOf(connectionId: string, tabId: string): string {
  return `${connectionId}\n${tabId}`;
}
