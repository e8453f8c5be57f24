import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { startTestBackend, type TestBackend } from './backend';
import { startDebianPg, type DebianPg } from './debian-pg';
import { sharedPgServer, superuserSql } from './postgres';
import { createLoginRole } from './secrets';
import { openSocket, socketUrl, type TestSocket } from './socket';
import type { Supervised } from './supervised';

/** The servers the schema specs run on: Debian's 15 and the embedded 18. */
export const SCHEMA_SERVERS = [15, 18] as const;

/**
 * A database of its own, owned by a login role of its own, on one server; a backend with a
 * socket and a connection of that role to that database, open.
 */
export interface SchemaTarget {
  /** `server_version_num` / 10000 */
  major: 15 | 18;
  role: string;
  database: string;
  backend: TestBackend;
  socket: TestSocket;
  call: TestSocket['call'];
  connectionId: string;
  /**
   * Runs `sql` in the database as the owner role, outside Tusk; its rows. `qualified`: with
   * an empty search_path (every name outside pg_catalog schema-qualified).
   */
  sql(text: string, qualified?: boolean): Promise<Record<string, unknown>[]>;
  /** Runs `sql` in the database as the superuser, outside Tusk. */
  admin(text: string): Promise<Record<string, unknown>[]>;
  /** Closes the socket and backend, drops the database and the role (and the 15 server). */
  stop(): Promise<void>;
}

type Client = ReturnType<typeof postgres>;

async function once(
  client: Client,
  text: string,
  qualified = false,
): Promise<Record<string, unknown>[]> {
  try {
    // An empty search_path: names outside pg_catalog come schema-qualified, as in details.
    if (qualified) await client.unsafe(`SET search_path = ''`);
    return [...(await client.unsafe(text))];
  } finally {
    await client.end();
  }
}

/**
 * Starts a {@link SchemaTarget} on PostgreSQL `major`: 18 is the shared embedded server
 * (a role with a password, TLS), 15 a fresh cluster of Debian's server (trust, no TLS).
 */
export async function startSchemaTarget(major: 15 | 18, prefix: string): Promise<SchemaTarget> {
  let debian: Supervised<DebianPg> | null = null;
  let role: string;
  let password: string | undefined;
  let host: string;
  let port: number;
  let superuser: (database: string) => Client;
  let dropRole: () => Promise<void>;
  if (major === 18) {
    const pg = sharedPgServer();
    const user = await createLoginRole(pg, prefix);
    ({ role, password } = user);
    ({ host, port } = pg);
    superuser = (database) => superuserSql({ ...pg, database });
    dropRole = () => user.drop();
  } else {
    debian = await startDebianPg();
    ({ host, port } = debian.info);
    role = `${prefix}_${randomBytes(4).toString('hex')}`;
    superuser = (database) =>
      postgres({ host, port, username: 'postgres', database, max: 1, onnotice: () => {} });
    await once(superuser('postgres'), `CREATE ROLE ${role} LOGIN`);
    dropRole = async () => undefined; // the cluster goes whole
  }
  const database = `${role}_db`;
  let backend: TestBackend | undefined;
  let socket: TestSocket | undefined;
  const stop = async () => {
    socket?.close();
    await backend?.stop();
    await once(superuser('postgres'), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await dropRole();
    await debian?.stop();
  };
  let saved: { id: string };
  try {
    await once(superuser('postgres'), `CREATE DATABASE ${database} OWNER ${role}`);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
    saved = await socket.call('connections.save', {
      name: `schema ${role}`,
      host,
      port,
      database,
      username: role,
      sslMode: major === 18 ? 'require' : 'disable',
      ...(password === undefined ? {} : { password, rememberPasswords: true }),
    });
    await socket.call('connections.connect', { id: saved.id });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    major,
    role,
    database,
    backend,
    socket,
    call: socket.call,
    connectionId: saved.id,
    sql: (text, qualified) =>
      once(
        postgres({
          host,
          port,
          username: role,
          database,
          max: 1,
          onnotice: () => {},
          ...(password === undefined ? {} : { password }),
        }),
        text,
        qualified,
      ),
    admin: (text) => once(superuser(database), text),
    stop,
  };
}
