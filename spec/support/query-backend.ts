import { startTestBackend, type TestBackend } from './backend';
import { sharedPgServer, superuserSql } from './postgres';
import { createLoginRole, type SaveParams, type TestRole } from './secrets';
import { openSocket, socketUrl, type TestSocket } from './socket';

/** A backend with a login role of its own and connections of that role, open. */
export interface QueryBackend {
  user: TestRole;
  backend: TestBackend;
  socket: TestSocket;
  /** The socket's typed call: a request's result, its refusal thrown. */
  call: TestSocket['call'];
  /** Saves a connection of the role (`extra` fields over its defaults) and connects it; its id. */
  open(name: string, extra?: Partial<SaveParams>): Promise<string>;
  /**
   * Creates the table `<prefix>_<role suffix>` (`columns` as in CREATE TABLE) as the
   * superuser and grants the role all on it; its name. `stop()` drops it.
   */
  table(prefix: string, columns: string): Promise<string>;
  /** Runs `sql` as the shared server's superuser (outside Tusk); its rows. */
  admin(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Closes the socket and the backend (ending its sessions), drops its tables and the role. */
  stop(): Promise<void>;
}

/**
 * Starts a test backend on a fresh data folder, a role `<prefix>_<random>` on the shared
 * server, and a socket to the backend: what the controller specs that run queries need
 * (`open` then saves and connects a connection of the role).
 */
export async function startQueryBackend(prefix: string): Promise<QueryBackend> {
  const user = await createLoginRole(sharedPgServer(), prefix);
  const backend = await startTestBackend();
  const socket = await openSocket(socketUrl(backend.port, backend.token));
  const tables: string[] = [];
  return {
    user,
    backend,
    socket,
    call: socket.call,
    async open(name, extra = {}) {
      const saved = await socket.call(
        'connections.save',
        user.saveParams(`${name} ${user.suffix}`, extra),
      );
      await socket.call('connections.connect', { id: saved.id });
      return saved.id;
    },
    async table(prefix, columns) {
      const name = `${prefix}_${user.suffix}`;
      tables.push(name);
      await asSuperuser(`CREATE TABLE ${name} (${columns}); GRANT ALL ON ${name} TO ${user.role}`);
      return name;
    },
    admin: (sql, params) => asSuperuser(sql, params),
    async stop() {
      socket.close();
      await backend.stop();
      if (tables.length) await asSuperuser(`DROP TABLE IF EXISTS ${tables.join(', ')}`);
      await user.drop();
    },
  };
}

/** Runs `sql` as the shared server's superuser on a connection of its own; its rows. */
export async function asSuperuser(
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const admin = superuserSql(sharedPgServer());
  try {
    return [...(await admin.unsafe(sql, params as never[]))];
  } finally {
    await admin.end();
  }
}
