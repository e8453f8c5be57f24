import type { Kysely, Selectable } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import {
  connectionColorSchema,
  connectionInputSchema,
  sshTunnelSchema,
  type ConnectionConfig,
} from './connection-config';
import { TuskError } from '../errors/errors';
import type { ConnectionsTable, LocalSchema } from '../storage/local-schema';
import type { SslMode } from './server-login';
import { isUniqueViolation } from '../errors/sqlite-errors';
import { fromZodError } from '../errors/validation-errors';

/** Saved connections: list, get, save (create or change), delete, mark as connected. */
export class ConnectionsRepository {
  readonly #db: Kysely<LocalSchema>;

  constructor(db: Kysely<LocalSchema>) {
    this.#db = db;
  }

  /** Every saved connection, by name. */
  async list(): Promise<ConnectionConfig[]> {
    const rows = await this.#db.selectFrom('connections').selectAll().orderBy('name').execute();
    return rows.map(fromRow);
  }

  /** @throws TuskError `validation` when no connection has this id. */
  async get(id: string): Promise<ConnectionConfig> {
    const row = await this.#db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw unknownId(id);
    return fromRow(row);
  }

  /**
   * Creates a connection (no `id`) or changes one (`id`), after validating it whole.
   * @throws TuskError `validation`: a bad field (named in the detail), a name already
   *   used, or an unknown id; nothing is stored then.
   */
  async save(input: unknown, now = new Date()): Promise<ConnectionConfig> {
    const parsed = connectionInputSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'Invalid connection: nothing was saved');
    const { id, ...config } = parsed.data;
    const at = now.toISOString();
    const values = {
      name: config.name,
      host: config.host,
      port: config.port,
      database: config.database,
      username: config.username,
      ssl_mode: config.sslMode,
      ssl_ca_cert: config.sslRootCert,
      ssh_tunnel_json: config.sshTunnel ? JSON.stringify(config.sshTunnel) : null,
      read_only: config.readOnly ? 1 : 0,
      statement_timeout_ms: config.statementTimeoutMs,
      connect_timeout_ms: config.connectTimeoutMs,
      keepalive_seconds: config.keepAliveSeconds,
      pool_size: config.poolSize,
      allow_cleartext_password: config.allowCleartextPassword ? 1 : 0,
      color: config.color,
      production: config.production ? 1 : 0,
      updated_at: at,
    };
    try {
      if (id === undefined) {
        const created = uuidv4();
        await this.#db
          .insertInto('connections')
          .values({ ...values, id: created, created_at: at, last_connected_at: null })
          .execute();
        return this.get(created);
      }
      const result = await this.#db
        .updateTable('connections')
        .set(values)
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw unknownId(id);
      return this.get(id);
    } catch (error) {
      if (isUniqueViolation(error)) {
        const message = `A connection named "${config.name}" already exists`;
        throw new TuskError('validation', message, {
          code: 'CONNECTION_NAME_TAKEN',
          issues: [{ path: 'name', problem: 'taken', message }],
          hint: 'Choose another name (names are compared without case).',
        });
      }
      throw error;
    }
  }

  /** @throws TuskError `validation` when no connection has this id. */
  async delete(id: string): Promise<void> {
    const result = await this.#db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw unknownId(id);
  }

  /**
   * Records the SSH host key the user confirmed (`SHA256:…`) in the connection's tunnel,
   * if the tunnel still goes to `server` (a tunnel edited meanwhile keeps no key of
   * another server).
   * @throws TuskError `validation` when no connection has this id or it has no tunnel.
   */
  async recordHostKey(
    id: string,
    hostKey: string,
    server: { host: string; port: number },
  ): Promise<ConnectionConfig> {
    const config = await this.get(id);
    if (!config.sshTunnel) {
      throw new TuskError('validation', `"${config.name}" has no SSH tunnel`, {
        hint: "Add an SSH tunnel in the connection's settings first.",
      });
    }
    if (config.sshTunnel.host !== server.host || config.sshTunnel.port !== server.port)
      return config;
    const tunnel = sshTunnelSchema.parse({ ...config.sshTunnel, hostKey });
    await this.#db
      .updateTable('connections')
      .set({ ssh_tunnel_json: JSON.stringify(tunnel) })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  /** Records a successful connect. */
  async markConnected(id: string, now = new Date()): Promise<void> {
    await this.#db
      .updateTable('connections')
      .set({ last_connected_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
}

function unknownId(id: string): TuskError {
  return new TuskError('validation', `No saved connection has the id ${id}`, {
    hint: 'It may have been deleted in another window: reload the list of connections.',
  });
}

function fromRow(row: Selectable<ConnectionsTable>): ConnectionConfig {
  const tunnel = row.ssh_tunnel_json
    ? sshTunnelSchema.safeParse(JSON.parse(row.ssh_tunnel_json))
    : null;
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    database: row.database,
    username: row.username,
    sslMode: row.ssl_mode as SslMode,
    sslRootCert: row.ssl_ca_cert,
    sshTunnel: tunnel?.success ? tunnel.data : null,
    readOnly: row.read_only === 1,
    statementTimeoutMs: row.statement_timeout_ms,
    connectTimeoutMs: row.connect_timeout_ms,
    keepAliveSeconds: row.keepalive_seconds,
    poolSize: row.pool_size,
    allowCleartextPassword: row.allow_cleartext_password === 1,
    // A colour another version wrote that this one does not know reads as none.
    color: connectionColorSchema.catch(null).parse(row.color),
    production: row.production === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastConnectedAt: row.last_connected_at,
  };
}
