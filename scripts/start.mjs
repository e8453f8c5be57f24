// `npm start`: installs what is missing, builds, then runs the NW.js app when its runtime is
// really installed, otherwise browser mode (say so in one line). `npm run serve` passes
// --browser to go straight to browser mode. Other flags go to Tusk (see --help).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNpmPackages, root } from './setup.mjs';

const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const tuskArgs = args.filter((a) => a !== '--browser');

try {
  ensureNpmPackages();
  const { buildAll, isBuildFresh } = await import('./build.mjs');
  if (!isBuildFresh()) await buildAll();
} catch (error) {
  console.error(`Tusk could not be prepared: ${error.message}`);
  process.exit(1);
}

const nw = browserOnly || tuskArgs.includes('--help') ? null : await findNwRuntime();
if (!browserOnly && !nw && !tuskArgs.includes('--help')) {
  console.log(
    'NW.js runtime not installed (node_modules/nw has no binary; its download failed) — running Tusk in browser mode instead.',
  );
}
const [command, commandArgs] = nw
  ? [nw, ['.', ...tuskArgs]]
  : [process.execPath, [join(root, 'dist', 'app', 'serve.js'), ...tuskArgs]];
const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`Tusk could not be started: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal && !['SIGINT', 'SIGTERM', 'SIGHUP'].includes(signal)) {
    console.error(
      `Tusk stopped unexpectedly (${signal}). The log folder in its data folder has details.`,
    );
  }
  process.exit(code ?? (signal ? 1 : 0));
});

/** The NW.js binary's path when the `nw` package really downloaded it, else null. */
async function findNwRuntime() {
  try {
    const { findpath } = await import('nw');
    const path = await findpath('nwjs', { flavor: 'normal' });
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
