/**
 * The NW.js entry (package.json "main"). It runs in NW.js's background page: it starts
 * the backend here and opens the window at the backend's address with `new_instance`,
 * so the page runs in its own renderer process with no Node (a remote http page gets no
 * Node unless listed in "node-remote", which is empty), and decoding rows here never
 * blocks the window's thread. If start-up fails, a window says why; the app quits when
 * its window closes.
 */
import { demoNotice, startDemoDatabase, type DemoDatabase } from './models/app/demo-database';
import { isTuskError } from './models/errors/errors';
import { shutdownLogging } from './models/logging/logging';
import { redact } from './models/errors/redact';
import { startBackend, type Backend } from './server/backend';
import { parseStartOptions } from './server/options';

interface NwWindow {
  on(event: 'closed', listener: () => void): void;
}
interface NwApi {
  App: { argv: string[]; quit(): void };
  Window: {
    open(url: string, options: Record<string, unknown>, callback?: (win?: NwWindow) => void): void;
  };
}
declare const nw: NwApi;

/** After the last socket closes, wait this long for a reload before quitting. */
const QUIT_GRACE_MS = 5_000;

async function main(): Promise<void> {
  let demo: DemoDatabase | undefined;
  let backend: Backend | undefined;
  let quitTimer: NodeJS.Timeout | undefined;
  let seenClient = false;
  const quit = async () => {
    await backend?.close();
    await demo?.stop();
    await shutdownLogging();
    nw.App.quit();
  };
  try {
    const options = parseStartOptions(nw.App.argv);
    if (options.demo) demo = await startDemoDatabase();
    backend = await startBackend({
      port: options.port,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      portable: options.portable,
      ...(demo ? { demo } : {}),
      onClientCount: (count) => {
        clearTimeout(quitTimer);
        if (count > 0) seenClient = true;
        else if (seenClient) quitTimer = setTimeout(() => void quit(), QUIT_GRACE_MS);
      },
    });
    if (demo) backend.notices.add(demoNotice(demo));
    nw.Window.open(
      backend.url,
      { id: 'tusk-main', title: 'Tusk', width: 1280, height: 800, new_instance: true, show: true },
      (win) => win?.on('closed', () => void quit()),
    );
  } catch (error) {
    await demo?.stop();
    showStartupError(error);
  }
}

function showStartupError(error: unknown): void {
  const message = redact(
    isTuskError(error)
      ? [error.message, error.detail, error.hint].filter(Boolean).join('\n\n')
      : `Tusk could not start: ${(error as Error)?.message ?? String(error)}`,
  );
  console.error(message);
  nw.Window.open(
    `dist/views/startup-error.html#${encodeURIComponent(message)}`,
    { title: 'Tusk could not start', width: 560, height: 320, show: true },
    (win) => win?.on('closed', () => nw.App.quit()),
  );
}

void main();
