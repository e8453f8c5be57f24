import { chmodSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionsRepository } from '../../app/models/connections/connections-repository';
import { openLocalDatabase } from '../../app/models/storage/local-database';
import { startTestBackend, tempDir } from '../support/backend';
import { runNode, type RunningCommand } from '../support/cli';
import { makeUnwritable, makeWritable, truncateMidPage } from '../support/corrupt';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/** The address line of serve.js: its port and token (either URL form). */
const URL_LINE = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\/(?:\?token=)?([0-9a-f]{64})/;

const mode = (path: string) => statSync(path).mode & 0o777;

/** A data folder whose database holds `count` saved connections. */
async function folderWithConnections(count: number): Promise<string> {
  const dataDir = tempDir('tusk-files-');
  const local = await openLocalDatabase({ dataDir });
  const connections = new ConnectionsRepository(local.db);
  for (let i = 0; i < count; i++) {
    await connections.save({ name: `conn ${i}`, host: 'localhost', database: 'd', username: 'u' });
  }
  await local.close();
  return dataDir;
}

describe('the data folder and its files: private modes, read-only data', () => {
  const cleanUp: (() => void)[] = [];
  let running: RunningCommand | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    for (const step of cleanUp.splice(0).reverse()) step();
  });

  it('a new data folder is 0700 and tusk.db, -wal, -shm and tusk.lock are 0600', async () => {
    const parent = tempDir('tusk-files-');
    cleanUp.push(() => rmSync(parent, { recursive: true, force: true }));
    const dataDir = join(parent, 'new', 'data');
    const backend = await startTestBackend({ dataDir });
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ['tusk.db', 'tusk.db-wal', 'tusk.db-shm', 'tusk.lock']) {
      expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
    }
    await backend.stop();
    expect(mode(join(dataDir, 'tusk.db'))).toBe(0o600);
  });

  it('a folder and database readable by others are made private at start', async () => {
    const dataDir = await folderWithConnections(1);
    cleanUp.push(() => rmSync(dataDir, { recursive: true, force: true }));
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'tusk.db'), 0o644);
    const backend = await startTestBackend({ dataDir });
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ['tusk.db', 'tusk.db-wal', 'tusk.db-shm']) {
      expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
    }
    await backend.stop();
  });

  it('the backup of a damaged database and the repaired file are 0600', async () => {
    const dataDir = await folderWithConnections(300);
    cleanUp.push(() => rmSync(dataDir, { recursive: true, force: true }));
    chmodSync(join(dataDir, 'tusk.db'), 0o644);
    truncateMidPage(join(dataDir, 'tusk.db'));
    const backend = await startTestBackend({ dataDir });
    const backups = readdirSync(dataDir).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(mode(join(dataDir, backups[0]!))).toBe(0o600);
    expect(mode(join(dataDir, 'tusk.db'))).toBe(0o600);
    await backend.stop();
  });

  /** Starts serve.js on `dataDir` and opens a socket to it. */
  async function serve(dataDir: string): Promise<TestSocket> {
    running = runNode('dist/app/serve.js', ['--no-open', '--port', '0', '--data-dir', dataDir]);
    const [, port, token] = await running.waitFor(URL_LINE);
    return openSocket(socketUrl(Number(port), token!));
  }

  /** Lists the connections, saves one more (kept in memory), lists again. */
  async function listSaveList(socket: TestSocket): Promise<[number, number]> {
    const before = (await socket.request('connections.list', {}))['result'] as unknown[];
    const saved = await socket.request('connections.save', {
      name: 'this session only',
      host: 'h',
      database: 'd',
      username: 'u',
    });
    expect(saved['result']).toMatchObject({ name: 'this session only' });
    const after = (await socket.request('connections.list', {}))['result'] as unknown[];
    return [before.length, after.length];
  }

  it('a read-only tusk.db: Tusk starts, shows its data, says changes are not kept, leaves nothing behind', async () => {
    const dataDir = await folderWithConnections(3);
    const file = join(dataDir, 'tusk.db');
    cleanUp.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const bytes = readFileSync(file);
    makeUnwritable(file);
    cleanUp.push(() => makeWritable(file));

    const socket = await serve(dataDir);
    const health = (await socket.request('app.health', {}))['result'] as Record<string, unknown>;
    expect(health['storage']).toMatchObject({ readOnly: true, inMemory: true, path: file });
    expect((await socket.request('app.notices', {}))['result']).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: `Changes will not be kept after Tusk closes: ${file} cannot be written.`,
        detail: expect.stringContaining('shown from it'),
      }),
    ]);
    expect(await listSaveList(socket)).toEqual([3, 4]);
    socket.close();
    expect(await running!.stop()).toBe(143);
    running = undefined;
    expect(readdirSync(dataDir).filter((f) => f !== 'logs')).toEqual(['tusk.db']);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a read-only data folder: its tusk.db is shown read-only, nothing is written there', async () => {
    const dataDir = await folderWithConnections(3);
    const file = join(dataDir, 'tusk.db');
    cleanUp.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const bytes = readFileSync(file);
    makeUnwritable(dataDir);
    cleanUp.push(() => makeWritable(dataDir));

    const socket = await serve(dataDir);
    const health = (await socket.request('app.health', {}))['result'] as Record<string, unknown>;
    expect(health['storage']).toMatchObject({ readOnly: true, inMemory: true, path: file });
    expect((await socket.request('app.notices', {}))['result']).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: `Changes will not be kept after Tusk closes: the data folder ${dataDir} cannot be written.`,
        detail: expect.stringContaining('shown from it'),
      }),
    ]);
    expect(await listSaveList(socket)).toEqual([3, 4]);
    socket.close();
    expect(await running!.stop()).toBe(143);
    running = undefined;
    expect(readdirSync(dataDir)).toEqual(['tusk.db']);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
