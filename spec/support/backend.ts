import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend, type Backend, type BackendOptions } from '../../app/server/backend';

/** A backend started by {@link startTestBackend}. */
export type TestBackend = Backend & { stop(): Promise<void> };

/** A backend on a free port with a fresh data folder; `stop()` closes it and removes the folder. */
export async function startTestBackend(options: BackendOptions = {}): Promise<TestBackend> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tusk-test-data-'));
  const backend = await startBackend({ port: 0, ...options, dataDir });
  return Object.assign(backend, {
    async stop() {
      await backend.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Creates a fresh temporary folder; the caller removes it. */
export function tempDir(prefix = 'tusk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
