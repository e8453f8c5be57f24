import { startTestBackend, type TestBackend } from './backend';
import { sharedPgServer, superuserSql } from './postgres';
import { result } from './queries';
import { createLoginRole, type TestRole } from './secrets';
import { openSocket, socketUrl, type TestSocket } from './socket';

/** A backend with a login role of its own and connections of that role, open. */
export interface QueryBackend {
  user: TestRole;
  backend: TestBackend;
  socket: TestSocket;
  /** A request's result (its error thrown), as in `support/queries.ts`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, params: unknown): Promise<any>;
  /** Saves a connection of the role (`extra` fields over its defaults) and connects it; its id. */
  open(name: string, extra?: Record<string, unknown>): Promise<string>;
  /** Runs `sql` as the shared server's superuser (outside Tusk); its rows. */
  admin(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Closes the socket and the backend, drops the role. */
  stop(): Promise<void>;
}

/**
 * Starts a test backend on a fresh data folder, a role `<prefix>_<random>` on the shared
 * server, and a socket to the backend: what the controller specs that run queries need.
 */
export async function startQueryBackend(prefix: string): Promise<QueryBackend> {
  const user = await createLoginRole(sharedPgServer(), prefix);
  const backend = await startTestBackend();
  const socket = await openSocket(socketUrl(backend.port, backend.token));
  const call = (method: string, params: unknown) => result(socket, method, params);
  return {
    user,
    backend,
    socket,
    call,
    async open(name, extra = {}) {
      const saved = await call(
        'connections.save',
        user.saveParams(`${name} ${user.suffix}`, extra),
      );
      await call('connections.connect', { id: saved.id });
      return saved.id as string;
    },
    admin: (sql, params) => asSuperuser(sql, params),
    async stop() {
      socket.close();
      await backend.stop();
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
