import { connect, Socket } from 'node:net';
import postgres from 'postgres';
import { isUtf8 } from '../sql/encoding';

/** What every session of one pool shares: postgres.js options (ssl, login, settings). */
export type SessionOptions = postgres.Options<Record<string, never>>;

/** A session's transaction state (ReadyForQuery: I, T, E). */
export type TransactionState = 'idle' | 'open' | 'failed';

/** A NOTICE or WARNING the server sent (`RAISE NOTICE`). */
export interface SessionNotice {
  /** As the server words it (localized). */
  severity: string;
  message: string;
  detail?: string;
  hint?: string;
  /** CONTEXT: where it was raised. */
  context?: string;
}

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

/**
 * One session of a pool: a postgres.js instance with a single connection, knowing whether
 * its connection is up (the server's ParameterStatus messages arrive at every login) and
 * which queries run on it now, so they can be cancelled when the pool closes.
 */
export class PoolSession {
  readonly sql: postgres.Sql;
  /** Queries made through {@link tracked} by the current holder (fragments too). */
  readonly #started = new Set<postgres.PendingQuery<postgres.Row[]>>();
  #up = false;
  #ending = false;
  /** Set by {@link discard} until its connection has closed: that close is no drop. */
  #discarding = false;
  /**
   * Its open sockets: the session's own, and for a moment a CancelRequest's (postgres.js
   * opens those through the same factory).
   */
  readonly #sockets = new Set<Socket>();
  #yielding = false;
  #transaction: TransactionState = 'idle';
  #transactionAtClose: TransactionState = 'idle';
  #notices: ((notice: SessionNotice) => void) | null = null;
  /**
   * Behind a transaction pooler: the settings sent in each transaction; null otherwise
   * (they were sent at login and hold for the whole session).
   */
  readonly localSettings: LocalSettings | null;
  /**
   * Marks about the current transaction (e.g. "its settings were sent"), cleared when the
   * server reports the session idle again.
   */
  readonly transactionMarks = new Set<string>();
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
    const login = (options as { connection?: Record<string, unknown> }).connection;
    this.statementTimeoutMs =
      localSettings?.statementTimeoutMs ?? Number(login?.['statement_timeout'] ?? 0);
    this.#readOnlyLogin = login?.['default_transaction_read_only'] === 'on';
    // postgres.js's `socket` option (a factory) is not in its types.
    const socketFactory = (options as { socket?: (...args: unknown[]) => unknown }).socket;
    this.sql = postgres({
      ...options,
      ...(socketFactory
        ? {
            // Returned as it comes (a connecting socket, at once): only remembered.
            socket: (...args: unknown[]) => {
              const made = socketFactory(...args);
              if (made instanceof Socket) {
                this.#sockets.add(made);
                made.once('close', () => this.#sockets.delete(made));
              }
              return made;
            },
          }
        : {}),
      onparameter: (key: string, value: string) => {
        this.#up = true;
        // Reported from PostgreSQL 14 on whenever it changes (a function may change it).
        if (key === 'client_encoding') this.#encoding = value;
        if (key === 'default_transaction_read_only' && this.#readOnlyLogin) {
          this.#readOnlyOff = value !== 'on';
        }
      },
      onnotice: (notice: Record<string, string | undefined>) =>
        this.#notices?.({
          severity: notice['severity_local'] ?? notice['severity'] ?? 'NOTICE',
          message: notice['message'] ?? '',
          ...(notice['detail'] ? { detail: notice['detail'] } : {}),
          ...(notice['hint'] ? { hint: notice['hint'] } : {}),
          ...(notice['where'] ? { context: notice['where'] } : {}),
        }),
      onready: (status: string) => {
        this.#transaction = status === 'T' ? 'open' : status === 'E' ? 'failed' : 'idle';
        if (this.#transaction === 'idle') this.transactionMarks.clear();
      },
      onclose: () => {
        const wasUp = this.#up;
        this.#up = false;
        this.#transactionAtClose = this.#transaction;
        this.#transaction = 'idle';
        this.#readOnlyOff = false;
        this.#encoding = 'UTF8';
        // postgres.js reports a parameter only when it changes: forget them, so the next
        // login reports them again and marks the session up.
        for (const key of Object.keys(this.sql.parameters)) delete this.sql.parameters[key];
        if (wasUp && !this.#ending && !this.#discarding) events.dropped(this);
        this.#discarding = false;
      },
    } as SessionOptions);
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

  /** Sends the server's NOTICE and WARNING messages to `sink` (null: dropped). */
  onNotices(sink: ((notice: SessionNotice) => void) | null): void {
    this.#notices = sink;
  }

  /**
   * True when the server reported `default_transaction_read_only` off on a session that
   * logged in read-only: a statement turned it off (set_config in a function, a DO block).
   */
  /** The server reported a client_encoding other than UTF-8 (Tusk only speaks UTF-8). */
  get encodingChanged(): boolean {
    return !isUtf8(this.#encoding);
  }

  get readOnlyTurnedOff(): boolean {
    return this.#readOnlyOff;
  }

  /** True while its connection is open and logged in. */
  get up(): boolean {
    return this.#up;
  }

  /**
   * The session's `sql` for one piece of work: the same function, but every query it
   * starts (a tagged template or `unsafe`) is remembered for the holder's turn, so close()
   * can cancel it. Queries inside `begin()` or `reserve()` go through another `sql` and are
   * not seen: close() cuts those off after its timeout instead.
   */
  tracked(): postgres.Sql {
    const track = <Q>(query: Q): Q => {
      const pending = query as unknown as postgres.PendingQuery<postgres.Row[]>;
      if (pending && typeof pending.cancel === 'function') this.#started.add(pending);
      return query;
    };
    return new Proxy(this.sql, {
      apply: (target, self, args) => track(Reflect.apply(target, self, args)),
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'unsafe' || typeof value !== 'function') return value;
        return (...args: unknown[]) => track(Reflect.apply(value, target, args));
      },
    });
  }

  /**
   * Lets the event loop run before this session's next bytes are read: pauses its sockets
   * and resumes it on the next turn. A long fetch calls this every few thousand rows, so
   * the views' requests are answered while a million rows stream in (libuv otherwise
   * reads up to 2 MB per turn). Idempotent within a turn.
   */
  yieldSoon(): void {
    if (this.#yielding || this.#sockets.size === 0) return;
    this.#yielding = true;
    // Every open socket: pausing a CancelRequest's for one turn costs nothing.
    const sockets = [...this.#sockets];
    for (const socket of sockets) socket.pause();
    setImmediate(() => {
      this.#yielding = false;
      for (const socket of sockets) if (!socket.destroyed) socket.resume();
    });
  }

  /** The current holder's work is over: forget its queries. */
  settle(): void {
    this.#started.clear();
    this.#notices = null;
  }

  /**
   * Sends a CancelRequest for each query running now on the server. Queries never sent
   * (fragments, or waiting) are left alone: cancelling those would reject promises nobody
   * awaits.
   */
  async cancelRunning(): Promise<void> {
    const running = [...this.#started].filter(isRunning);
    // One CancelRequest per query: close() asks again until its sessions end.
    for (const query of running) this.#started.delete(query);
    // Not waited for long: a request a proxy swallows may never close (close() cuts off
    // what still runs after its timeout).
    await Promise.race([
      Promise.all(running.map((q) => Promise.resolve(q.cancel()).catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, CANCEL_WAIT_MS).unref()),
    ]);
  }

  /**
   * Closes its connection at once, without reporting a drop: for a session a cancel may
   * still reach (its CancelRequest did not land in time). Its backend ends on the closed
   * socket, so a late request finds no backend; postgres.js logs in anew on next use.
   * Resolves when its sockets have closed. Never rejects.
   */
  async discard(): Promise<void> {
    if (this.#sockets.size === 0) return;
    // Only a session that is up hears its close (a CancelRequest's socket closes unheard).
    this.#discarding = this.#up;
    const sockets = [...this.#sockets];
    // Resolved once postgres.js has heard each close (its listener comes first): the next
    // query then logs in anew instead of writing to a closed socket.
    const closed = sockets.map((s) => new Promise((resolve) => s.once('close', resolve)));
    for (const socket of sockets) socket.destroy();
    await Promise.all(closed);
  }

  /** Closes the connection, waiting up to `timeoutSeconds` for a running query. */
  async end(timeoutSeconds: number): Promise<void> {
    this.#ending = true;
    await this.sql.end({ timeout: timeoutSeconds }).catch(() => undefined);
  }
}

/** How long {@link PoolSession.cancelRunning} waits for its requests to land. */
const CANCEL_WAIT_MS = 200;

/** postgres.js marks a query `active` from when it is sent until it settles. */
function isRunning(query: postgres.PendingQuery<postgres.Row[]>): boolean {
  const state = query as unknown as { executed?: boolean; active?: boolean };
  return state.executed === true && state.active === true;
}

/**
 * A TCP socket to `host:port`, still connecting, with TCP_NODELAY (cancel and small replies
 * are not delayed) and a connect timeout. Returned at once and never rejected: postgres.js
 * strands a session whose socket factory rejects (measured: the connection stays in its
 * "connecting" queue and every later query waits forever), while a socket that fails with
 * an `error` event takes postgres.js's normal path (query rejected, reconnect on next use).
 */
export function openSocket(host: string, port: number, timeoutMs: number): Socket {
  const socket = connect({ host, port });
  socket.setNoDelay(true);
  socket.setTimeout(timeoutMs, () =>
    // After the poll phase: when the event loop was held up, a connection made meanwhile
    // has its 'connect' still to come, and must not be taken for a timeout.
    setImmediate(() => {
      if (!socket.connecting || socket.destroyed) return;
      socket.destroy(
        Object.assign(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`), {
          code: 'ETIMEDOUT',
        }),
      );
    }),
  );
  socket.once('connect', () => socket.setTimeout(0));
  return socket;
}
