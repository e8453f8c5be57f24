import type { PoolSession } from './pool-session';
import type { ServerLogin } from './server-login';

/** Options of `ConnectionPool.open` (here, not in connection-pool.ts, so that pool-open.ts needs no import back up). */
export interface PoolOptions {
  login: ServerLogin;
  /** Connections, 1–8 (default 4). */
  size?: number;
  waitTimeoutMs?: number;
  /** Per-session statement_timeout; 0 for none; default 30 s. */
  statementTimeoutMs?: number | null;
  readOnly?: boolean;
  /**
   * idle_in_transaction_session_timeout of the pool's sessions, ms (default 60 s: a pool
   * session never stays stuck in a forgotten transaction). Tab sessions choose their own.
   */
  idleInTransactionMs?: number;
  /** TCP keepalive interval, seconds (default 60; 0 = off). */
  keepAliveSeconds?: number;
  /**
   * When the open must be done (epoch ms); default now + the login's connect timeout. An
   * SSH tunnel opened first passes what is left of the same budget this way.
   */
  deadline?: number;
  /** The server as the user knows it, for messages (default the login's host:port). */
  target?: { host: string; port: number };
  /**
   * The login goes through an SSH tunnel (encrypted up to the SSH server), so the server
   * may ask for the password in clear text even without TLS.
   */
  tunnelled?: boolean;
  /**
   * Called when connections that were up are closed by the server or the network (a
   * restart, a terminated backend); once per burst. The pool reconnects on next use.
   */
  onDrop?(drop: PoolDrop): void;
}

/** Connections lost in one burst (within {@link DROP_BURST_MS}). */
export interface PoolDrop {
  sessions: number;
  at: string;
}

/** Drops this close together are reported as one. */
export const DROP_BURST_MS = 100;

/** What the server said when the pool was opened. */
export interface PoolServer {
  /** `server_version`, e.g. "18.0". */
  serverVersion: string;
  user: string;
  database: string;
  /** True when the sessions are encrypted. */
  tls: boolean;
  /** A hot standby (`pg_is_in_recovery()`): it refuses every write. */
  standby: boolean;
  /** Writes are refused: a standby, or `default_transaction_read_only` on at login. */
  readOnly: boolean;
  /**
   * The connection's own read-only setting is on: statements that would turn read-only
   * off are refused, and a session whose read-only was turned off is put back.
   */
  readOnlySetting: boolean;
}

/** A session handed out by `ConnectionPool.lease`. */
export interface PoolLease {
  session: PoolSession;
  /** Gives the session back (idempotent). */
  release(): void;
  /**
   * Gives it back with its connection closed (see PoolSession.discard): a cancel may still
   * reach its backend. The next user logs in anew. Idempotent, as is release; resolves
   * once it is given back.
   */
  discard(): Promise<void>;
}

/** What a pool is doing now. */
export interface PoolStatus {
  size: number;
  busy: number;
  idle: number;
  waiting: number;
  /** Sessions logged in now (the others reconnect on next use). */
  connected: number;
  /** Connections lost since the pool opened. */
  drops: number;
}
