import { rmSync } from 'node:fs';
import { join } from 'node:path';
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
});
