import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';
import { startSupervised, type Supervised } from './supervised';

/** Where a test PostgreSQL server is and how to log in as its superuser. */
export interface PgServerInfo {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
  /** on: TLS offered; off: no TLS; required: plain connections rejected by pg_hba. */
  tls: 'on' | 'off' | 'required';
  /** The CA that signed the server's certificate (null without TLS). */
  caCert: string | null;
  /** A CA that did not sign it (for "untrusted" tests). */
  otherCaCert: string | null;
  /**
   * A role whose password the server asks for in clear text (pg_hba method `password`, on
   * 127.0.0.1 and 127.0.0.2); null for a server named by `PGTEST_URL`.
   */
  cleartext: { username: string; password: string } | null;
}

/**
 * Starts a fresh embedded PostgreSQL (random port, scram-sha-256, TLS per `tls`, the
 * cleartext role) in a supervised child process; `stop()` removes every trace.
 */
export function startPgServer(tls: PgServerInfo['tls'] = 'on'): Promise<Supervised<PgServerInfo>> {
  return startSupervised<PgServerInfo>(process.execPath, [
    join(__dirname, 'pg-server.mjs'),
    '--tls',
    tls,
  ]);
}

/**
 * Sends `command` to a harness and resolves with the JSON after its `DONE <command>` (see
 * pg-server.mjs); Supervised.send only waits for the answer, so its line is read here too.
 * @throws Error with the harness's `FAILED <command> <message>`, or when the answer has no data.
 */
async function sendForData<T>(harness: Supervised<unknown>, command: string): Promise<T> {
  const prefix = `DONE ${command} `;
  let text = '';
  let data: string | undefined;
  // Supervised's reader gets the same chunks: the answer is here before send() resolves.
  const onData = (chunk: Buffer | string) => {
    text += String(chunk);
    data ??= text
      .split('\n')
      .slice(0, -1) // whole lines only
      .find((line) => line.startsWith(prefix))
      ?.slice(prefix.length);
  };
  harness.child.stdout!.on('data', onData);
  try {
    await harness.send(command);
  } finally {
    harness.child.stdout!.off('data', onData);
  }
  if (data === undefined) throw new Error(`${command}: no data in the answer`);
  return JSON.parse(data) as T;
}

/**
 * Makes a hot standby of `server` (its harness's `standby` command: a copy of its data taken
 * while it is briefly stopped, then started in recovery with no primary to follow): the same
 * logins, TLS and certificates on its own port, refusing every write. The harness stops it
 * and removes its files when it stops; one standby per harness.
 */
export async function startStandby(server: Supervised<PgServerInfo>): Promise<PgServerInfo> {
  const { port } = await sendForData<{ port: number }>(server, 'standby');
  return { ...server.info, port };
}

/** Reads `PGTEST_URL` (an existing server to use instead of starting one), if set. */
export function pgServerFromUrl(url: string): PgServerInfo {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || 'postgres',
    tls: 'on',
    caCert: null,
    otherCaCert: null,
    cleartext: null,
  };
}

/** The shared server started by the global setup (env TUSK_TEST_PG). */
export function sharedPgServer(): PgServerInfo {
  const raw = process.env['TUSK_TEST_PG'];
  if (!raw)
    throw new Error('TUSK_TEST_PG is not set: run the tests with "npm test" (jest global setup)');
  return JSON.parse(raw) as PgServerInfo;
}

/** A postgres.js client for `server` (superuser), closed by the caller with `end()`. */
export function superuserSql(
  server: PgServerInfo,
  options: postgres.Options<Record<string, never>> = {},
) {
  return postgres({
    host: server.host,
    port: server.port,
    username: server.username,
    password: server.password,
    database: server.database,
    max: 1,
    max_pipeline: 0,
    onnotice: () => {},
    ...options,
  } as postgres.Options<Record<string, never>>);
}

/** A TCP forwarder in front of a server that keeps what clients send through it. */
export interface RecordingProxy {
  port: number;
  /** True when any client sent `text` (as UTF-8 bytes) through the proxy. */
  received(text: string): boolean;
  /** Connections clients opened through the proxy so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 and forwards every connection to `target` (a port on 127.0.0.1),
 * recording the bytes clients send: whether a password crossed the wire in clear text.
 */
export async function recordingProxy(target: number): Promise<RecordingProxy> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const track = (socket: Socket, peer: () => Socket) => {
    sockets.add(socket);
    socket.on('error', () => peer().destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      peer().destroy();
    });
  };
  const server = createServer((client) => {
    connections += 1;
    const upstream = connect(target, '127.0.0.1');
    track(client, () => upstream);
    track(upstream, () => client);
    client.on('data', (chunk: Buffer) => {
      received.push(Buffer.from(chunk));
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: (text) => Buffer.concat(received).includes(Buffer.from(text)),
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
