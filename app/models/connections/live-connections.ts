import type { ConnectionConfig } from './connection-config';
import { ConnectionPool, type PoolDrop, type PoolStatus } from './connection-pool';
import type { CredentialService } from '../credentials/credentials';
import { getLogger } from '../logging/logging';
import { explainPassword, routeTo, type TypedSecrets } from './connection-route';
import type { SshTunnel } from './ssh-tunnel';

const log = getLogger('connections');

/** An open connection as the views see it. */
export interface LiveStatus {
  id: string;
  pool: PoolStatus;
  /** The SSH server's fingerprint when connected through a tunnel. */
  sshHostKey: string | null;
  /** True when the sessions are encrypted (the SSL mode as negotiated). */
  tls: boolean;
  serverVersion: string;
  /** Writes are refused: a hot standby or `default_transaction_read_only` on. */
  readOnly: boolean;
  /** A hot standby (`pg_is_in_recovery()`). */
  standby: boolean;
  /**
   * Behind a transaction pooler (PgBouncer in transaction mode): a tab's session state
   * lasts only inside an explicit transaction.
   */
  transactionPooler: boolean;
  openedAt: string;
}

/** Pool defaults from the preferences. */
export interface PoolDefaults {
  poolSize: number;
  statementTimeoutMs: number;
}

interface Live {
  pool: ConnectionPool;
  /** The connection has a statement timeout of its own (it wins over the preference's). */
  ownStatementTimeout: boolean;
  tunnel?: SshTunnel;
  openedAt: string;
}

/** Pushed to the views (`connection.dropped`) when the server drops an open connection. */
export interface ConnectionDrop {
  id: string;
  name: string;
  /** Sessions lost in this burst. */
  sessions: number;
  /**
   * false: the pool stays and reconnects on the next query; true: Tusk closed the
   * connection (its SSH tunnel is gone) and the user must connect again.
   */
  closed: boolean;
  at: string;
  message: string;
  hint: string;
}

/**
 * The open connections (AppState's registry): each saved connection's pool and SSH tunnel,
 * opened with typed or stored secrets and closed together.
 */
export class LiveConnections {
  readonly #open = new Map<string, Live>();
  readonly #opening = new Map<string, Promise<LiveStatus>>();
  readonly #onDrop: (drop: ConnectionDrop) => void;
  readonly #closing: ((id: string) => Promise<void> | void)[] = [];

  /** `onDrop` hears of every connection the server drops (the backend pushes it to the views). */
  constructor(options: { onDrop?(drop: ConnectionDrop): void } = {}) {
    this.#onDrop = options.onDrop ?? (() => undefined);
  }

  #dropped(config: ConnectionConfig, drop: PoolDrop): void {
    this.#onDrop({
      id: config.id,
      name: config.name,
      sessions: drop.sessions,
      closed: false,
      at: drop.at,
      message: `"${config.name}" lost ${drop.sessions === 1 ? 'a connection' : `${drop.sessions} connections`} to the server`,
      hint: 'The server closed it (a restart, a terminated backend, the network). Tusk reconnects on the next query; a query that was running failed and can be run again.',
    });
  }

  /**
   * True when `id` is open or being opened: a {@link connect} now would log in with nothing
   * it is given (it answers with the open one, or shares the attempt under way).
   */
  isOpenOrOpening(id: string): boolean {
    return this.#open.has(id) || this.#opening.has(id);
  }

  /**
   * Opens a saved connection (through its tunnel if it has one); already open → as it is.
   * @throws TuskError with stage and hint; nothing stays open then.
   */
  async connect(
    config: ConnectionConfig,
    credentials: CredentialService,
    typed: TypedSecrets,
    defaults: PoolDefaults,
  ): Promise<LiveStatus> {
    const existing = this.#open.get(config.id);
    if (existing) return statusOf(config.id, existing);
    // A second connect while the first is under way shares it (one pool, never two) and
    // its outcome, whatever secrets it brought.
    const opening = this.#opening.get(config.id);
    if (opening) return opening;
    const attempt = this.#openLive(config, credentials, typed, defaults).finally(() =>
      this.#opening.delete(config.id),
    );
    this.#opening.set(config.id, attempt);
    return attempt;
  }

  async #openLive(
    config: ConnectionConfig,
    credentials: CredentialService,
    typed: TypedSecrets,
    defaults: PoolDefaults,
  ): Promise<LiveStatus> {
    const route = await routeTo(config, credentials, typed);
    try {
      const pool = await ConnectionPool.open({
        login: route.login,
        size: config.poolSize ?? defaults.poolSize,
        statementTimeoutMs: config.statementTimeoutMs ?? defaults.statementTimeoutMs,
        readOnly: config.readOnly,
        ...(config.keepAliveSeconds === null ? {} : { keepAliveSeconds: config.keepAliveSeconds }),
        onDrop: (drop) => this.#dropped(config, drop),
        deadline: route.deadline,
        target: route.target,
        tunnelled: route.tunnel !== undefined,
      });
      const live: Live = {
        pool,
        ownStatementTimeout: config.statementTimeoutMs !== null,
        ...(route.tunnel ? { tunnel: route.tunnel } : {}),
        openedAt: new Date().toISOString(),
      };
      this.#open.set(config.id, live);
      if (route.tunnel) void route.tunnel.closed.then(() => this.#tunnelLost(config, live));
      log.info(`connected ${config.name} (${config.id})`);
      return statusOf(config.id, live);
    } catch (error) {
      await route.tunnel?.close();
      throw explainPassword(error, config, route.source);
    }
  }

  /**
   * The SSH tunnel of an open connection closed by itself (network, SSH server): its pool
   * cannot reconnect, and its local port is free for any process to take, so the
   * connection is closed at once and the views told to connect again.
   */
  async #tunnelLost(config: ConnectionConfig, live: Live): Promise<void> {
    if (this.#open.get(config.id) !== live) return; // disconnected on purpose
    const ssh = config.sshTunnel!;
    log.warn(`ssh tunnel of ${config.name} (${config.id}) closed; closing the connection`);
    this.#onDrop({
      id: config.id,
      name: config.name,
      sessions: live.pool.status().connected,
      closed: true,
      at: new Date().toISOString(),
      message: `"${config.name}" lost its SSH tunnel through ${ssh.host}:${ssh.port}`,
      hint: 'The SSH connection closed (the network, or the SSH server ended it). Tusk closed this connection: connect again.',
    });
    await this.disconnect(config.id);
  }

  /**
   * `close` runs whenever a connection closes, whichever way — `connections.disconnect` or
   * `delete`, a lost SSH tunnel, shutdown — before its pool and tunnel close: what a domain
   * above keeps of the connection (tab sessions, caches) ends there. A `close` that fails is
   * logged; the connection closes all the same.
   */
  onClose(close: (id: string) => Promise<void> | void): void {
    this.#closing.push(close);
  }

  /** The pool of an open connection, or undefined. */
  pool(id: string): ConnectionPool | undefined {
    return this.#open.get(id)?.pool;
  }

  /**
   * Closes a connection — the one path for every way one closes: tells the {@link onClose}
   * listeners (tab sessions, caches), cancels its running queries, closes its pool and
   * tunnel; false when it was not open.
   */
  async disconnect(id: string): Promise<boolean> {
    // A connect under way finishes first, so what it opens is closed here, not left open.
    await this.#opening.get(id)?.catch(() => undefined);
    const live = this.#open.get(id);
    if (!live) return false;
    this.#open.delete(id);
    for (const close of this.#closing) {
      try {
        await close(id);
      } catch (error) {
        log.warn(`closing ${id}: ${(error as Error).message}`);
      }
    }
    await live.pool.close();
    await live.tunnel?.close();
    log.info(`disconnected ${id}`);
    return true;
  }

  /**
   * New preferences: an open connection without a statement timeout of its own takes the
   * new default (its pool's sessions log in again with it; see
   * {@link ConnectionPool.useStatementTimeout}).
   */
  useDefaults(defaults: PoolDefaults): void {
    for (const live of this.#open.values()) {
      if (!live.ownStatementTimeout) live.pool.useStatementTimeout(defaults.statementTimeoutMs);
    }
  }

  /** Every open connection. */
  status(): LiveStatus[] {
    return [...this.#open].map(([id, live]) => statusOf(id, live));
  }

  /** Closes everything (at shutdown). */
  async closeAll(): Promise<void> {
    for (const id of new Set([...this.#opening.keys(), ...this.#open.keys()]))
      await this.disconnect(id);
  }
}

function statusOf(id: string, live: Live): LiveStatus {
  return {
    id,
    pool: live.pool.status(),
    sshHostKey: live.tunnel?.hostKey ?? null,
    tls: live.pool.server.tls,
    serverVersion: live.pool.server.serverVersion,
    readOnly: live.pool.server.readOnly,
    standby: live.pool.server.standby,
    transactionPooler: live.pool.transactionPooler,
    openedAt: live.openedAt,
  };
}
