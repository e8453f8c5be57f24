import { DriverSession } from '../driver/driver-session';
import type { DriverOptions, SessionNotice, TransactionState } from '../driver/driver-options';
import type { DriverStatement } from '../driver/driver-statement';
import { isUtf8 } from '../sql/encoding';

export type { SessionNotice, TransactionState } from '../driver/driver-options';

/** What every session of one pool shares: how it logs in (ssl, login, startup settings). */
export type SessionOptions = DriverOptions;

/**
 * Session settings a transaction pooler refused at login (PgBouncer in transaction mode):
 * sent as `SET LOCAL` in each transaction instead (see `queries/pooler-statement.ts`).
 */
export interface LocalSettings {
  /** `SET LOCAL …; SET LOCAL …` */
  sql: string;
  /** The connection is read-only (`SET LOCAL transaction_read_only = on` is in `sql`). */
  readOnly: boolean;
  /** The `statement_timeout` in `sql`, ms (0: none). */
  statementTimeoutMs: number;
}

/** How a session tells its pool about its connection. */
export interface SessionEvents {
  /** The connection to the server closed while it was up (not by `end()`). */
  dropped(session: PoolSession): void;
}

/** What a piece of work may send on a session (see {@link PoolSession.tracked}). */
export interface SessionQueries {
  /**
   * Runs `text` (several statements when it has no parameters) and resolves with the rows
   * of its last result; rejects with the driver's error.
   */
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
}

/**
 * One session of a pool: a {@link DriverSession} knowing whether its connection is up (the
 * server's ParameterStatus messages arrive at every login), its transaction state, and
 * which statements run on it now, so they can be cancelled when the pool closes.
 */
export class PoolSession implements SessionQueries {
  readonly #driver: DriverSession;
  /** Statements sent through {@link tracked} or {@link statement} by the current holder. */
  readonly #started = new Set<DriverStatement>();
  #up = false;
  /** How many times its connection closed (a tracked work refuses to outlive one). */
  #closes = 0;
  #ending = false;
  /** Set by {@link discard} until its connection has closed: that close is no drop. */
  #discarding = false;
  #transaction: TransactionState = 'idle';
  #transactionAtClose: TransactionState = 'idle';
  #notices: ((notice: SessionNotice) => void) | null = null;
  /**
   * Behind a transaction pooler: the settings sent in each transaction; null otherwise
   * (they were sent at login and hold for the whole session).
   */
  readonly localSettings: LocalSettings | null;
  /** The {@link localSettings} were sent in the current transaction (false once idle). */
  #localSettingsSent = false;
  /** The `statement_timeout` the session starts with (login or SET LOCAL), ms; 0: none. */
  readonly statementTimeoutMs: number;
  /** Logged in with `default_transaction_read_only = on` (a read-only connection). */
  readonly #readOnlyLogin: boolean;
  #readOnlyOff = false;
  #encoding = 'UTF8';

  constructor({
    options,
    events,
    localSettings = null,
  }: {
    options: SessionOptions;
    events: SessionEvents;
    localSettings?: LocalSettings | null;
  }) {
    this.localSettings = localSettings;
    this.statementTimeoutMs =
      localSettings?.statementTimeoutMs ?? Number(options.startup['statement_timeout'] ?? 0);
    this.#readOnlyLogin = options.startup['default_transaction_read_only'] === 'on';
    this.#driver = new DriverSession(options, {
      parameter: (key, value) => {
        this.#up = true;
        // Reported from PostgreSQL 14 on whenever it changes (a function may change it).
        if (key === 'client_encoding') this.#encoding = value;
        if (key === 'default_transaction_read_only' && this.#readOnlyLogin) {
          this.#readOnlyOff = value !== 'on';
        }
      },
      notice: (notice) => this.#notices?.(notice),
      ready: (state) => {
        this.#transaction = state;
        if (state === 'idle') this.#localSettingsSent = false;
      },
      closed: () => {
        this.#closes += 1;
        const wasUp = this.#up;
        this.#up = false;
        this.#transactionAtClose = this.#transaction;
        this.#transaction = 'idle';
        this.#readOnlyOff = false;
        this.#encoding = 'UTF8';
        if (wasUp && !this.#ending && !this.#discarding) events.dropped(this);
        this.#discarding = false;
      },
    });
  }

  /**
   * The transaction state after the last command, as the server reported it in
   * ReadyForQuery (what psql's `%x` shows): idle, open, or failed (only ROLLBACK works).
   */
  get transaction(): TransactionState {
    return this.#transaction;
  }

  /** The transaction state when its connection last closed (what a lost session lost). */
  get transactionAtClose(): TransactionState {
    return this.#transactionAtClose;
  }

  /**
   * Behind a transaction pooler: true once {@link sendLocalSettings} sent the settings in
   * the current transaction (false again when the server reports the session idle).
   */
  get localSettingsSent(): boolean {
    return this.#localSettingsSent;
  }

  /**
   * Behind a transaction pooler: sends the {@link localSettings} as `SET LOCAL`, after a
   * `BEGIN` when `begin` (one message, one round trip), and marks them sent for the
   * transaction. Nothing on a direct connection.
   * @throws the driver's error when a command fails.
   */
  async sendLocalSettings({ begin }: { begin: boolean }): Promise<void> {
    if (!this.localSettings) return;
    const sql = this.localSettings.sql;
    await this.query(begin ? `BEGIN; ${sql}` : sql);
    this.#localSettingsSent = true;
  }

  /** Sends the server's NOTICE and WARNING messages to `sink` (null: dropped). */
  onNotices(sink: ((notice: SessionNotice) => void) | null): void {
    this.#notices = sink;
  }

  /** The server reported a client_encoding other than UTF-8 (Tusk only speaks UTF-8). */
  get encodingChanged(): boolean {
    return !isUtf8(this.#encoding);
  }

  /**
   * True when the server reported `default_transaction_read_only` off on a session that
   * logged in read-only: a statement turned it off (set_config in a function, a DO block).
   */
  get readOnlyTurnedOff(): boolean {
    return this.#readOnlyOff;
  }

  /** True while its connection is open and logged in. */
  get up(): boolean {
    return this.#up;
  }

  /**
   * Its backend's process id while its connection is up (see DriverSession.backendPid),
   * else undefined: what marks Tusk's own sessions in `pg_stat_activity`.
   */
  get pid(): number | undefined {
    return this.#up ? this.#driver.backendPid : undefined;
  }

  /** A run-time parameter as the server last reported it (see DriverSession.parameter). */
  parameter(name: string): string | undefined {
    return this.#driver.parameter(name);
  }

  /**
   * Runs `text` for Tusk's own upkeep (COMMIT, DISCARD ALL, SHOW…): not seen by
   * {@link cancelRunning}. Rejects with the driver's error.
   */
  query<R extends object = Record<string, unknown>>(
    text: string,
    params: readonly unknown[] = [],
  ): Promise<R[]> {
    return this.#driver.query<R>(text, params);
  }

  /**
   * A statement for the current holder (not sent yet: see DriverStatement), remembered
   * for its turn, so close() can cancel it; `textParams` as for DriverSession.statement.
   */
  statement(
    text: string,
    params: readonly unknown[] = [],
    options: { textParams?: boolean } = {},
  ): DriverStatement {
    const statement = this.#driver.statement(text, params, options);
    this.#started.add(statement);
    return statement;
  }

  /**
   * The session's queries for one piece of work: every statement it sends is remembered
   * for the holder's turn, so close() can cancel it.
   */
  tracked(): SessionQueries {
    const closes = this.#closes;
    return {
      query: (text, params = []) => {
        // A connection lost during the work: the driver would log in again and run the
        // rest outside the work's transaction. Fail it as the loss it is.
        if (this.#closes !== closes) {
          return Promise.reject(
            Object.assign(new Error('CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }),
          );
        }
        return this.statement(text, params).rows();
      },
    };
  }

  /** See DriverSession.yieldSoon: a long fetch lets the event loop run. */
  yieldSoon(): void {
    this.#driver.yieldSoon();
  }

  /** The current holder's work is over: forget its statements. */
  settle(): void {
    this.#started.clear();
    this.#notices = null;
  }

  /**
   * Sends a CancelRequest for each statement running now on the server. Statements never
   * sent (waiting) are left alone: cancelling those would reject promises nobody awaits.
   */
  async cancelRunning(): Promise<void> {
    const running = [...this.#started].filter((s) => s.running);
    // One CancelRequest per statement: close() asks again until its sessions end.
    for (const statement of running) this.#started.delete(statement);
    // Not waited for long: a request a proxy swallows may never close (close() cuts off
    // what still runs after its timeout).
    await Promise.race([
      Promise.all(running.map((s) => s.cancel().catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, CANCEL_WAIT_MS).unref()),
    ]);
  }

  /**
   * Closes its connection at once, without reporting a drop: for a session a cancel may
   * still reach (its CancelRequest did not land in time). Its backend ends on the closed
   * socket, so a late request finds no backend; it logs in anew on next use. Resolves
   * when its sockets have closed. Never rejects.
   */
  async discard(): Promise<void> {
    if (!this.#driver.open) return;
    // Only a session that is up hears its close (a CancelRequest's socket closes unheard).
    this.#discarding = this.#up;
    await this.#driver.cutOff();
  }

  /** Closes the connection, waiting up to `timeoutSeconds` for a running query. */
  async end(timeoutSeconds: number): Promise<void> {
    this.#ending = true;
    await this.#driver.end(timeoutSeconds);
  }
}

/** How long {@link PoolSession.cancelRunning} waits for its requests to land. */
const CANCEL_WAIT_MS = 200;
