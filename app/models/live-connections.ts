import type { ConnectionConfig } from './connection-config';
import { ConnectionPool, type PoolStatus } from './connection-pool';
import type { CredentialService } from './credentials';
import { getLogger } from './logging';
import {
  explainPassword,
  loginFor,
  openTunnelFor,
  passwordFor,
  type TypedSecrets,
} from './saved-connection-test';
import type { SshTunnel } from './ssh-tunnel';

const log = getLogger('connections');

/** An open connection as the views see it. */
export interface LiveStatus {
  id: string;
  pool: PoolStatus;
  /** The SSH server's fingerprint when connected through a tunnel. */
  sshHostKey: string | null;
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
}

/**
 * The open connections (AppState's registry): each saved connection's pool and SSH tunnel,
 * opened with typed or stored secrets and closed together.
 */
export class LiveConnections {
  readonly #open = new Map<string, Live>();

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
    const { password, source } = await passwordFor(config, credentials, typed);
    const tunnel = config.sshTunnel ? await openTunnelFor(config, credentials, typed) : undefined;
    try {
      const pool = await ConnectionPool.open({
        login: loginFor(config, password, tunnel),
        size: defaults.poolSize,
        statementTimeoutMs: config.statementTimeoutMs ?? defaults.statementTimeoutMs,
        readOnly: config.readOnly,
      });
      const live: Live = {
        pool,
        ...(tunnel ? { tunnel } : {}),
        openedAt: new Date().toISOString(),
      };
      this.#open.set(config.id, live);
      log.info(`connected ${config.name} (${config.id})`);
      return statusOf(config.id, live);
    } catch (error) {
      await tunnel?.close();
      throw explainPassword(error, config, source);
    }
  }

  /** The pool of an open connection, or undefined. */
  pool(id: string): ConnectionPool | undefined {
    return this.#open.get(id)?.pool;
  }

  /** Closes a connection's pool and tunnel; false when it was not open. */
  async disconnect(id: string): Promise<boolean> {
    const live = this.#open.get(id);
    if (!live) return false;
    this.#open.delete(id);
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
    openedAt: live.openedAt,
  };
}
