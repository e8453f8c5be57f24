// `npm run dist`: packages the NW.js app for the OS it runs on (see nwbuild.config.js):
// build → stage the app with production node_modules (patches/ applied) → rebuild native
// addons for NW.js → nw-builder build into out/<platform>-<arch>/. Needs internet (NW.js
// runtime download).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildAll } from './build.mjs';
import { rebuildForNw } from './rebuild-nw.mjs';
import { root, run } from './setup.mjs';

const require = createRequire(import.meta.url);
const config = require('../nwbuild.config.js');
const PLATFORMS = { linux: 'linux', darwin: 'osx', win32: 'win' };
const platform = PLATFORMS[process.platform];
const arch = process.arch;

try {
  if (!platform) throw new Error(`NW.js does not support ${process.platform}`);
  await buildAll();
  const stage = join(root, config.outDir, 'stage');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const file of config.files) cpSync(join(root, file), join(stage, file), { recursive: true });
  // The staged install has no devDependencies, so no patch-package for "postinstall":
  // drop the scripts there and apply the patches (patches/) with the project's own copy.
  const staged = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  delete staged.scripts;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: stage });
  run(
    process.execPath,
    [join(root, 'node_modules', 'patch-package', 'index.js'), '--error-on-fail'],
    {
      cwd: stage,
    },
  );
  await rebuildForNw(stage);
  const { default: nwbuild } = await import('nw-builder');
  const outDir = join(root, config.outDir, `${platform}-${arch}`);
  await nwbuild({
    mode: 'build',
    srcDir: stage,
    glob: false,
    version: config.version,
    flavor: config.flavor,
    platform,
    arch,
    cacheDir: join(root, config.cacheDir),
    outDir,
    zip: config.zip,
    app: { ...config.app[platform] },
    logLevel: 'info',
  });
  console.log(`Tusk for ${platform}-${arch} is in ${outDir}`);
} catch (error) {
  console.error(`npm run dist failed: ${error.message}`);
  console.error(
    '  Packaging downloads the NW.js runtime and its Node headers: it needs internet access.',
  );
  process.exit(1);
}
