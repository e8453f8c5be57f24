import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionsRepository } from '../../app/models/connections/connections-repository';
import { openLocalDatabase } from '../../app/models/storage/local-database';
import {
  overwriteHeader,
  rootPage,
  scrambleIndexPage,
  truncateMidPage,
  zeroPage,
} from '../support/corrupt';
import { startTestBackend, tempDir } from '../support/backend';
import { openSocket, socketUrl } from '../support/socket';

describe('the backend and its local database', () => {
  it('reports storage health; a second backend on the same data folder is refused', async () => {
    const dataDir = tempDir('tusk-storage-');
    const first = await startTestBackend({ dataDir });
    const socket = await openSocket(socketUrl(first.port, first.token));
    expect((await socket.request('app.health', {}))['result']).toMatchObject({
      dataDir,
      storage: {
        isHealthy: true,
        inMemory: false,
        path: join(dataDir, 'tusk.db'),
        backupPath: null,
      },
    });
    socket.close();
    await expect(startTestBackend({ dataDir })).rejects.toMatchObject({
      kind: 'initialization',
      message: `Tusk is already running with the data folder ${dataDir} (process ${process.pid})`,
      hint: expect.stringContaining('--data-dir'),
    });
    await first.stop();
    const again = await startTestBackend({ dataDir });
    await again.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A data folder whose database holds `count` connections. */
  async function folderWithConnections(count: number): Promise<string> {
    const dataDir = tempDir('tusk-corrupt-');
    const local = await openLocalDatabase({ dataDir });
    const connections = new ConnectionsRepository(local.db);
    for (let i = 0; i < count; i++) {
      await connections.save({
        name: `conn ${String(i).padStart(3, '0')} ${'x'.repeat(60)}`,
        host: 'localhost',
        database: 'd',
        username: 'u',
      });
    }
    await local.close();
    return dataDir;
  }

  const damages: [
    string,
    (file: string) => void,
    { level: string; repaired: boolean; rows: (n: number) => boolean },
  ][] = [
    [
      'a header overwritten with garbage',
      overwriteHeader,
      { level: 'error', repaired: false, rows: (n) => n === 0 },
    ],
    [
      'a file truncated mid-page',
      truncateMidPage,
      { level: 'warning', repaired: true, rows: (n) => n > 0 && n < 300 },
    ],
    [
      'an index page scrambled',
      (f) => scrambleIndexPage(f, 'sqlite_autoindex_connections_2'),
      { level: 'warning', repaired: true, rows: (n) => n === 300 },
    ],
    [
      'the page of the migrations table zeroed',
      (f) => zeroPage(f, rootPage(f, 'migrations')),
      { level: 'warning', repaired: true, rows: (n) => n === 300 },
    ],
  ];

  it.each(damages)(
    '%s: the app serves, names the backup in a notice and in app.health',
    async (_name, damage, expected) => {
      const dataDir = await folderWithConnections(300);
      damage(join(dataDir, 'tusk.db'));
      const backend = await startTestBackend({ dataDir });
      const socket = await openSocket(socketUrl(backend.port, backend.token));
      const health = (await socket.request('app.health', {}))['result'] as {
        storage: { backupPath: string; repaired: boolean; isHealthy: boolean };
      };
      expect(health.storage).toMatchObject({
        isHealthy: false,
        repaired: expected.repaired,
        backupPath: expect.stringMatching(/tusk\.db\.corrupt-/),
      });
      expect(existsSync(health.storage.backupPath)).toBe(true);
      const notices = (await socket.request('app.notices', {}))['result'] as {
        level: string;
        message: string;
      }[];
      expect(notices).toEqual([
        expect.objectContaining({
          level: expected.level,
          message: expect.stringContaining(health.storage.backupPath),
        }),
      ]);
      const list = (await socket.request('connections.list', {}))['result'] as unknown[];
      expect(expected.rows(list.length)).toBe(true);
      expect(
        (
          await socket.request('connections.save', {
            name: 'after',
            host: 'h',
            database: 'd',
            username: 'u',
          })
        )['result'],
      ).toMatchObject({ name: 'after' });
      socket.close();
      await backend.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
});
