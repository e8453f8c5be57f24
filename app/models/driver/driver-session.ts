import type { Socket } from 'node:net';
import postgres from 'postgres';
import type { DriverEvents, DriverOptions, TransactionState } from './driver-options';
import { openSocket } from './driver-socket';
import { DriverStatement } from './driver-statement';

/**
 * One PostgreSQL session: a postgres.js instance with a single connection, which logs in
 * on first use and again after its connection closed. Its options are fixed here: no
 * pipelining (`max_pipeline: 0`: a fast statement never waits behind a slow one, and a
 * cancel never shifts results), no named prepared statements (`prepare: false`: a
 * transaction pooler cannot keep them), no type fetch, no lifetime limit (postgres.js
 * would end a connection after 30–60 minutes, which would look like a drop), no reconnect
 * backoff (a statement after the server is back reconnects at once; postgres.js would
 * wait up to 20 s), TCP_NODELAY sockets with a connect timeout ({@link openSocket}).
 */
export class DriverSession {
  readonly #sql: postgres.Sql;
  /**
   * Its open sockets: the session's own, and for a moment a CancelRequest's (postgres.js
   * opens those through the same factory).
   */
  readonly #sockets = new Set<Socket>();
  #yielding = false;
  /** The last statement made: its backend is the connection's (see {@link backendPid}). */
  #last: DriverStatement | undefined;
  #pid: number | undefined;

  constructor(options: DriverOptions, events: DriverEvents = {}) {
    this.#sql = postgres({
      host: options.host,
      port: options.port,
      user: options.user,
      database: options.database,
      ...(options.password === undefined ? {} : { password: options.password }),
      ssl: options.ssl,
      max: 1,
      max_pipeline: 0,
      connect_timeout: options.connectTimeoutSeconds,
      keep_alive: options.keepAliveSeconds,
      max_lifetime: null,
      fetch_types: false,
      prepare: false,
      backoff: () => 0,
      connection: { ...options.startup },
      // Added by the patch (onauth): see DriverOptions.onAuth.
      ...(options.onAuth ? { onauth: options.onAuth } : {}),
      // Not in postgres.js's types: a socket factory, returned as it comes (a connecting
      // socket, at once), only remembered.
      socket: () => {
        const made = openSocket(options.host, options.port, options.socketTimeoutMs());
        this.#sockets.add(made);
        made.once('close', () => this.#sockets.delete(made));
        return made;
      },
      onparameter: (name: string, value: string) => events.parameter?.(name, value),
      onnotice: (notice: Record<string, string | undefined>) =>
        events.notice?.({
          severity: notice['severity_local'] ?? notice['severity'] ?? 'NOTICE',
          message: notice['message'] ?? '',
          ...(notice['detail'] ? { detail: notice['detail'] } : {}),
          ...(notice['hint'] ? { hint: notice['hint'] } : {}),
          ...(notice['where'] ? { context: notice['where'] } : {}),
        }),
      // Added by the patch (onready): the status byte of each ReadyForQuery.
      onready: (status: string) => events.ready?.(transactionState(status)),
      onclose: () => {
        // postgres.js reports a parameter only when it changes: forget them, so the next
        // login reports them all again.
        for (const key of Object.keys(this.#sql.parameters)) delete this.#sql.parameters[key];
        events.closed?.();
      },
    } as postgres.Options<Record<string, never>>);
    sendStringsAsText(this.#sql);
  }

  /**
   * A statement with `params` ($1, $2, …), not sent yet: see {@link DriverStatement}.
   * With `textParams`, every string parameter is declared `text` (its bytes sent as they
   * are, cast by the statement: `$1::date`); otherwise its type is left to the server, and
   * postgres.js reformats a value the server types as a date, json, bytea or boolean.
   */
  statement(
    text: string,
    params: readonly unknown[] = [],
    options: { textParams?: boolean } = {},
  ): DriverStatement {
    const sent = options.textParams
      ? params.map((p) => (typeof p === 'string' ? this.#sql.typed(p, TEXT_OID) : p))
      : params;
    this.#last = new DriverStatement(
      this.#sql.unsafe(text, sent as postgres.ParameterOrJSON<never>[]) as postgres.PendingQuery<
        postgres.Row[]
      >,
    );
    return this.#last;
  }

  /**
   * The process id of the backend its connection logged in to, as the server's
   * BackendKeyData said (the connection's, updated at each login); undefined before its
   * first statement was sent. Behind a transaction pooler it is the pooler's, naming no
   * server backend.
   */
  get backendPid(): number | undefined {
    // A statement not sent yet has none: the one before it had the same connection's.
    this.#pid = this.#last?.pid ?? this.#pid;
    return this.#pid ?? undefined;
  }

  /**
   * Runs `text` (several statements when it has no parameters) and resolves with the rows
   * of its last result; rejects with the driver's error.
   */
  query<R extends object = Record<string, unknown>>(
    text: string,
    params: readonly unknown[] = [],
  ): Promise<R[]> {
    return this.statement(text, params).rows<R>();
  }

  /**
   * A run-time parameter as the server last reported it (ParameterStatus:
   * `standard_conforming_strings`, `client_encoding`, `server_version`, …); undefined
   * before the login and after the connection closed.
   */
  parameter(name: string): string | undefined {
    // Typed by postgres.js as its options' values; the server's are always text.
    return (this.#sql.parameters as Record<string, string | undefined>)[name];
  }

  /** True while any socket of it is open (its connection's, or a CancelRequest's). */
  get open(): boolean {
    return this.#sockets.size > 0;
  }

  /**
   * Lets the event loop run before this session's next bytes are read: pauses its sockets
   * and resumes them on the next turn. A long fetch calls this every few thousand rows,
   * so other work is served while a million rows stream in (libuv otherwise reads up to
   * 2 MB per turn). Idempotent within a turn.
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

  /**
   * Closes its sockets at once: the backend ends on the closed socket, so a CancelRequest
   * still on its way finds no backend. Resolves once postgres.js has heard each close (its
   * listener comes first): the next statement then logs in anew instead of writing to a
   * closed socket. Never rejects.
   */
  async cutOff(): Promise<void> {
    const sockets = [...this.#sockets];
    const closed = sockets.map((s) => new Promise((resolve) => s.once('close', resolve)));
    for (const socket of sockets) socket.destroy();
    await Promise.all(closed);
  }

  /**
   * Closes the connection, waiting up to `timeoutSeconds` for a running statement (then
   * it is cut off). Never rejects.
   */
  async end(timeoutSeconds: number): Promise<void> {
    await this.#sql.end({ timeout: timeoutSeconds }).catch(() => undefined);
  }
}

/** The `text` type's OID. */
const TEXT_OID = 25;

function transactionState(status: string): TransactionState {
  return status === 'T' ? 'open' : status === 'E' ? 'failed' : 'idle';
}

/**
 * A string parameter is the text the server parses, whatever type the server gives `$n`:
 * postgres.js would re-serialize it by that type once described (`'true'` for a boolean
 * sent as `f`, a timestamp cut to milliseconds, json quoted again, bytea text hex-encoded
 * twice). Its serializers are wrapped so strings go as they are; other values (numbers,
 * booleans, Dates, Buffers) keep postgres.js's.
 */
function sendStringsAsText(sql: postgres.Sql): void {
  const serializers = (sql.options as { serializers?: Record<string, (x: unknown) => string> })
    .serializers;
  if (!serializers) return;
  for (const [oid, serialize] of Object.entries(serializers)) {
    serializers[oid] = (x: unknown) => (typeof x === 'string' ? x : serialize(x));
  }
}
