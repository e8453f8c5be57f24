import { startBackend, type Backend, type BackendOptions } from '../../app/server/backend';
import { removeDir, tempDir } from './temp';

export { tempDir } from './temp';

/** A backend started by {@link startTestBackend}. */
export type TestBackend = Backend & { stop(): Promise<void> };

/** A backend on a free port with a fresh data folder; `stop()` closes it and removes the folder. */
export async function startTestBackend(options: BackendOptions = {}): Promise<TestBackend> {
  const dataDir = options.dataDir ?? tempDir('tusk-test-data-');
  const backend = await startBackend({ port: 0, ...options, dataDir });
  return Object.assign(backend, {
    async stop() {
      await backend.close();
      if (!options.dataDir) removeDir(dataDir);
    },
  });
}
