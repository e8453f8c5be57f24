import type { ConnectionOptions } from 'node:tls';

/** The password methods a server may ask for, as the patch's `onauth` hook names them. */
export type PasswordMethod = 'password' | 'md5' | 'scram-sha-256';

/** A session's transaction state after its last command (ReadyForQuery: I, T, E). */
export type TransactionState = 'idle' | 'open' | 'failed';

/** A NOTICE, WARNING or INFO the server sent (`RAISE NOTICE`). */
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
 * How a {@link DriverSession} logs in. Everything else is fixed by the driver domain: one
 * connection, no pipelining, no named prepared statements, no type fetch, no lifetime
 * limit, no reconnect backoff, TCP_NODELAY sockets (see driver-session.ts).
 */
export interface DriverOptions {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  /** TLS options, or false for a plain connection (with options it never falls back). */
  ssl: false | ConnectionOptions;
  /** The driver's own timer for TLS and login, whole seconds. */
  connectTimeoutSeconds: number;
  /** TCP keepalive interval, seconds (0 = off). */
  keepAliveSeconds: number;
  /** The TCP connect timeout of a new socket, ms: asked at each connect. */
  socketTimeoutMs(): number;
  /**
   * Run-time parameters sent in the startup message (`application_name`,
   * `statement_timeout`, …): the session's defaults, which `DISCARD ALL` keeps.
   */
  startup: Readonly<Record<string, string | number>>;
  /**
   * Hears which password method the server asks for, before anything is answered;
   * throwing refuses it: the connection fails with that error and nothing is sent.
   */
  onAuth?(method: PasswordMethod): void;
}

/** What a {@link DriverSession} tells its owner; every callback is optional. */
export interface DriverEvents {
  /**
   * A ParameterStatus: each reported parameter at every login (the first one marks the
   * session logged in), and one whenever it changes (`client_encoding`, …).
   */
  parameter?(name: string, value: string): void;
  /** A NOTICE, WARNING or INFO from the server. */
  notice?(notice: SessionNotice): void;
  /** A ReadyForQuery: the transaction state after each command. */
  ready?(state: TransactionState): void;
  /** Its connection closed, whatever the cause (`end()` included); it reconnects on next use. */
  closed?(): void;
}
