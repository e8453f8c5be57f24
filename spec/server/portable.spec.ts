import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startBackend, type Backend } from '../../app/server/backend';
import { tempDir } from '../support/backend';

import { openSocket, socketUrl } from '../support/socket';

/** `app.health` of a running backend. */
async function health(backend: Backend) {
  const socket = await openSocket(socketUrl(backend.port, backend.token));
  try {
    return await socket.call('app.health', {});
  } finally {
    socket.close();
  }
}

describe('portable mode: the backend keeps its data next to the app', () => {
  let app: string;
  let backend: Backend | undefined;
  beforeEach(() => {
    app = tempDir('tusk-portable-app-');
  });
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
    rmSync(app, { recursive: true, force: true });
  });

  it('a tusk-data folder next to the app holds the database, the logs and the lock; health says portable', async () => {
    mkdirSync(join(app, 'tusk-data'));
    backend = await startBackend({ port: 0, appDirs: [app] });
    const dataDir = join(app, 'tusk-data');
    expect(await health(backend)).toMatchObject({
      portable: true,
      dataDir,
      logDir: join(dataDir, 'logs'),
      storage: { path: join(dataDir, 'tusk.db'), inMemory: false },
    });
    expect(existsSync(join(dataDir, 'tusk.lock'))).toBe(true);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('--portable makes the folder when it is missing', async () => {
    backend = await startBackend({ port: 0, portable: true, appDirs: [app] });
    expect(await health(backend)).toMatchObject({
      portable: true,
      dataDir: join(app, 'tusk-data'),
    });
    expect(existsSync(join(app, 'tusk-data', 'tusk.db'))).toBe(true);
  });

  it('--data-dir wins: not portable, and the tusk-data folder stays untouched', async () => {
    mkdirSync(join(app, 'tusk-data'));
    const own = join(app, 'own');
    backend = await startBackend({ port: 0, portable: true, dataDir: own, appDirs: [app] });
    expect(await health(backend)).toMatchObject({ portable: false, dataDir: own });
    expect(existsSync(join(app, 'tusk-data', 'tusk.db'))).toBe(false);
  });
});
