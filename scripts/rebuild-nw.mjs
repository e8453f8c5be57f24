// `npm run rebuild:nw [DIR]`: recompiles the native addons (better-sqlite3, keytar) of DIR's
// node_modules (default: this project) for NW.js's Node ABI, using the Node headers that
// nw-builder downloads for the NW.js version of nwbuild.config.js. Needs internet.
// To switch this project back to plain Node (tests, browser mode): `npm rebuild`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { root } from './setup.mjs';

const require = createRequire(import.meta.url);
const config = require('../nwbuild.config.js');

/** Downloads NW.js and its Node headers into the cache; returns the headers folder. */
async function nwNodeHeaders() {
  const { default: nwbuild } = await import('nw-builder');
  await nwbuild({
    mode: 'get',
    srcDir: root,
    version: config.version,
    flavor: config.flavor,
    cacheDir: join(root, config.cacheDir),
    nativeAddon: true,
    logLevel: 'warn',
  });
  const found = readdirSync(join(root, config.cacheDir), { recursive: true }).find((f) =>
    String(f).endsWith(join('include', 'node', 'node_version.h')),
  );
  if (!found)
    throw new Error(`NW.js ${config.version} Node headers not found in ${config.cacheDir}/`);
  return resolve(root, config.cacheDir, dirname(dirname(dirname(String(found)))));
}

/** Rebuilds each native addon present in `dir`/node_modules against NW.js's headers. */
export async function rebuildForNw(dir) {
  const nodedir = await nwNodeHeaders();
  const gyp = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  for (const addon of config.nativeAddons) {
    const cwd = join(dir, 'node_modules', addon);
    if (!existsSync(cwd)) continue;
    console.log(`Rebuilding ${addon} for NW.js ${config.version}…`);
    const result = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`], {
      cwd,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`node-gyp failed for ${addon}`);
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  try {
    await rebuildForNw(resolve(process.argv[2] ?? root));
    console.log('Native addons now target NW.js. Run "npm rebuild" to go back to plain Node.');
  } catch (error) {
    console.error(`rebuild:nw failed: ${error.message}`);
    console.error('  It downloads NW.js and its Node headers: it needs internet access.');
    process.exit(1);
  }
}
