import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from './browser';
import { sharedPgServer, superuserSql } from './postgres';
import { createLoginRole, type SaveParams, type TestRole } from './secrets';
import { openSocket, socketUrl, type TestSocket } from './socket';

/** A login role with a table `<prefix>_<suffix> (n int)` of its own, and a shell in Chromium. */
export interface TableShell {
  role: TestRole;
  /** The table's name. */
  table: string;
  session: ShellSession;
  /** The session's page: 1280×800, 15 s default timeout. */
  page: Page;
  /** A socket to the session's backend. */
  socket: TestSocket;
  /** Saves a connection of the role named `name` (`extra` fields over its defaults; not connected). */
  save(name: string, extra?: Partial<SaveParams>): Promise<void>;
  /** The table's `n` in order, as another session sees them (committed). */
  rows(): Promise<number[]>;
  /** Empties the table and inserts 1, 2 and 3 (outside Tusk). */
  fill(): Promise<void>;
  /** Closes the socket and the session, drops the table and the role. */
  stop(): Promise<void>;
}

/**
 * Creates a login role `<rolePrefix>_<random>` on the shared server with a table of its own
 * (`<tablePrefix>_<its suffix> (n int)`, all granted), and starts a shell session in
 * Chromium with a socket to its backend (the page not yet loaded).
 */
export async function startTableShell(
  rolePrefix: string,
  tablePrefix: string,
): Promise<TableShell> {
  const pg = sharedPgServer();
  const role = await createLoginRole(pg, rolePrefix);
  const table = `${tablePrefix}_${role.suffix}`;
  const admin = superuserSql(pg);
  await admin.unsafe(`CREATE TABLE ${table} (n int)`);
  await admin.unsafe(`GRANT ALL ON ${table} TO ${role.role}`);
  await admin.end();
  const session = await startShellSession();
  const page = session.page;
  page.setDefaultTimeout(15_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
  return {
    role,
    table,
    session,
    page,
    socket,
    async save(name, extra = {}) {
      const reply = await socket.request('connections.save', role.saveParams(name, extra));
      if (reply['error']) throw new Error(`saving ${name}: ${JSON.stringify(reply['error'])}`);
    },
    async rows() {
      const admin = superuserSql(pg);
      const found = await admin.unsafe(`SELECT n FROM ${table} ORDER BY n`);
      await admin.end();
      return found.map((r) => r['n'] as number);
    },
    async fill() {
      const admin = superuserSql(pg);
      await admin.unsafe(`TRUNCATE ${table}; INSERT INTO ${table} VALUES (1), (2), (3)`);
      await admin.end();
    },
    async stop() {
      socket.close();
      await session.close();
      const drop = superuserSql(pg);
      await drop.unsafe(`DROP TABLE IF EXISTS ${table}`);
      await drop.end();
      await role.drop();
    },
  };
}
