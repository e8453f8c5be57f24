import type { ConnectionConfig } from './connection-config';
import { ConnectionPool, type PoolDrop, type PoolStatus } from './connection-pool';
import type { CredentialService } from './credentials';
import { getLogger } from './logging';
import { explainPassword, routeTo, type TypedSecrets } from './saved-connection-test';
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
  openedAt: string;
}

/** Pool defaults from the preferences. */
export interface PoolDefaults {
  poolSize: number;
  statementTimeoutMs: number;
}

interface Live {
  pool: ConnectionPool;
  tunnel?: SshTunnel;
  openedAt: string;
  schema: Map<string, unknown>;
}

/** Pushed to the views (`connection.dropped`) when the server drops an open connection. */
export interface ConnectionDrop {
  id: string;
  name: string;
  /** Sessions lost in this burst. */
  sessions: number;
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
  readonly #onDrop: (drop: ConnectionDrop) => void;

  /** `onDrop` hears of every connection the server drops (the backend pushes it to the views). */
  constructor(onDrop: (drop: ConnectionDrop) => void = () => undefined) {
    this.#onDrop = onDrop;
  }

  #dropped(config: ConnectionConfig, drop: PoolDrop): void {
    this.#onDrop({
      id: config.id,
      name: config.name,
      sessions: drop.sessions,
      at: drop.at,
      message: `"${config.name}" lost ${drop.sessions === 1 ? 'a connection' : `${drop.sessions} connections`} to the server`,
      hint: 'The server closed it (a restart, a terminated backend, the network). Tusk reconnects on the next query; a query that was running failed and can be run again.',
    });
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
    const route = await routeTo(config, credentials, typed);
    try {
      const pool = await ConnectionPool.open({
        login: route.login,
        size: config.poolSize ?? defaults.poolSize,
        statementTimeoutMs: config.statementTimeoutMs ?? defaults.statementTimeoutMs,
        readOnly: config.readOnly,
        ...(config.keepAliveSeconds === null ? {} : { keepAliveSeconds: config.keepAliveSeconds }),
        onDrop: (drop) => this.#dropped(config, drop),
      });
      const live: Live = {
        pool,
        ...(route.tunnel ? { tunnel: route.tunnel } : {}),
        openedAt: new Date().toISOString(),
        schema: new Map(),
      };
      this.#open.set(config.id, live);
      log.info(`connected ${config.name} (${config.id})`);
      return statusOf(config.id, live);
    } catch (error) {
      await route.tunnel?.close();
      throw explainPassword(error, config, route.source);
    }
  }

  /**
   * What Tusk has read of an open connection's schema (filled by the schema browser),
   * dropped with the connection; undefined when it is not open.
   */
  schemaCache(id: string): Map<string, unknown> | undefined {
    return this.#open.get(id)?.schema;
  }

  /** The pool of an open connection, or undefined. */
  pool(id: string): ConnectionPool | undefined {
    return this.#open.get(id)?.pool;
  }

  /**
   * Closes a connection: cancels its running queries, closes its pool and tunnel, forgets
   * its schema cache; false when it was not open.
   */
  async disconnect(id: string): Promise<boolean> {
    const live = this.#open.get(id);
    if (!live) return false;
    this.#open.delete(id);
    live.schema.clear();
    await live.pool.close();
    await live.tunnel?.close();
    log.info(`disconnected ${id}`);
    return true;
  }

  /** Every open connection. */
  status(): LiveStatus[] {
    return [...this.#open].map(([id, live]) => statusOf(id, live));
  }

  /** Closes everything (at shutdown). */
  async closeAll(): Promise<void> {
    for (const id of [...this.#open.keys()]) await this.disconnect(id);
  }
}

function statusOf(id: string, live: Live): LiveStatus {
  return {
    id,
    pool: live.pool.status(),
    sshHostKey: live.tunnel?.hostKey ?? null,
    tls: live.pool.server.tls,
    serverVersion: live.pool.server.serverVersion,
    openedAt: live.openedAt,
  };
}
