import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../db/migrations';
import { openLocalDatabase } from '../../app/models/storage/local-database';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';

import { openSocket, socketUrl, type TestSocket } from '../support/socket';

const fields = { host: 'db.example.com', database: 'shop', username: 'alice' };

describe('a colour per connection', () => {
  let dataDir: string;
  let backend: TestBackend;
  let socket: TestSocket;

  const start = async () => {
    backend = await startTestBackend({ dataDir });
    socket = await openSocket(socketUrl(backend.port, backend.token));
  };
  const stop = async () => {
    socket.close();
    await backend.stop();
  };
  const colours = async () =>
    Object.fromEntries(
      (await socket.call('connections.list', {})).map((c: { name: string; color: unknown }) => [
        c.name,
        c.color,
      ]),
    );

  beforeEach(() => {
    dataDir = tempDir('tusk-colour-');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is saved, changed, cleared and listed; a colour off the palette is refused', async () => {
    await start();
    const prod = await socket.call('connections.save', {
      name: 'Prod',
      color: 'red',
      ...fields,
    });
    expect(prod.color).toBe('red');
    await socket.call('connections.save', { name: 'Laptop', ...fields });
    for (const color of ['orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'gray'] as const)
      await socket.call('connections.save', { name: color, color, ...fields });
    expect(await colours()).toMatchObject({ Prod: 'red', Laptop: null, teal: 'teal' });

    const refused = await socket.request('connections.save', {
      id: prod.id,
      name: 'Prod',
      color: 'pink',
      ...fields,
    });
    expect(refused['error']).toMatchObject({
      kind: 'validation',
      detail: expect.stringContaining('color'),
    });
    await socket.call('connections.save', { id: prod.id, name: 'Prod', ...fields });
    expect((await colours())['Prod']).toBeNull();
    await socket.call('connections.save', {
      id: prod.id,
      name: 'Prod',
      color: 'blue',
      ...fields,
    });
    await stop();
    await start();
    expect((await colours())['Prod']).toBe('blue');
    await stop();
  });

  it('connections saved before the colour existed read as none; a colour this version does not know too', async () => {
    const before = Object.fromEntries(
      Object.entries(MIGRATIONS).filter(([name]) => name < '2026-11-30-02-connection-color'),
    );
    const old = await openLocalDatabase({ dataDir, migrations: before });
    const at = new Date().toISOString();
    for (const [id, name] of [
      ['id-1', 'Old'],
      ['id-2', 'Future'],
    ]) {
      await old.db
        .insertInto('connections')
        .values({
          id: id!,
          name: name!,
          host: 'h',
          port: 5432,
          database: 'd',
          username: 'u',
          ssl_mode: 'prefer',
          ssl_ca_cert: null,
          ssh_tunnel_json: null,
          read_only: 0,
          statement_timeout_ms: null,
          connect_timeout_ms: null,
          keepalive_seconds: null,
          pool_size: null,
          created_at: at,
          updated_at: at,
          last_connected_at: null,
        })
        .execute();
    }
    await old.close();
    await start();
    await stop();
    const db = new Database(join(dataDir, 'tusk.db'));
    db.prepare(`UPDATE connections SET color = 'magenta' WHERE name = 'Future'`).run();
    db.close();
    await start();
    expect(await colours()).toEqual({ Future: null, Old: null });
    await stop();
  });
});
