import { join } from 'node:path';
import { startTestBackend, type TestBackend } from './backend';
import type { PgServerInfo } from './postgres';
import { openSocket, socketUrl, type Params, type TestSocket } from './socket';
import { startSupervised, type Supervised } from './supervised';

/**
 * Starts a real PgBouncer in transaction pooling mode in front of `server` (its superuser
 * may log in through it with the same password). Its `info` is the same login as
 * `server`'s, on PgBouncer's port; `stop()` ends it and removes its files.
 */
export async function startPgBouncer(server: PgServerInfo): Promise<Supervised<PgServerInfo>> {
  const bouncer = await startSupervised<{ host: string; port: number }>(process.execPath, [
    join(__dirname, 'pgbouncer-server.mjs'),
    '--target',
    `${server.host}:${server.port}`,
    '--user',
    server.username,
    '--password',
    server.password,
  ]);
  return {
    ...bouncer,
    info: { ...server, host: bouncer.info.host, port: bouncer.info.port, tls: 'off' },
  };
}

/** A PgBouncer before the shared server, a backend, a socket, and a connection through it. */
export interface BouncedBackend {
  bouncer: Supervised<PgServerInfo>;
  backend: TestBackend;
  socket: TestSocket;
  /** The saved connection through PgBouncer, connected. */
  connectionId: string;
  /** Closes the socket, the backend and PgBouncer. */
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer in transaction mode before `server`, a test backend and a socket to it,
 * and saves and connects `name` through PgBouncer as `server`'s superuser (password
 * remembered, no TLS; `extra` fields over those).
 */
export async function startBouncedBackend(
  server: PgServerInfo,
  name: string,
  extra: Partial<Params<'connections.save'>> = {},
): Promise<BouncedBackend> {
  const bouncer = await startPgBouncer(server);
  const backend = await startTestBackend();
  const socket = await openSocket(socketUrl(backend.port, backend.token));
  const saved = await socket.call('connections.save', {
    name,
    host: bouncer.info.host,
    port: bouncer.info.port,
    database: server.database,
    username: server.username,
    password: server.password,
    sslMode: 'disable',
    rememberPasswords: true,
    ...extra,
  });
  await socket.call('connections.connect', { id: saved.id });
  return {
    bouncer,
    backend,
    socket,
    connectionId: saved.id,
    async stop() {
      socket.close();
      await backend.stop();
      await bouncer.stop();
    },
  };
}
