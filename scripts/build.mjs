// Builds Tusk into dist/: the views bundle (browser, ESM) and the backend entries (Node, CJS).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds everything; resolves when dist/ is complete, rejects with esbuild's errors. */
export async function buildAll() {
  const at = (p) => join(root, p);
  await mkdir(at('dist/views'), { recursive: true });
  await Promise.all([
    build({
      entryPoints: [at('app/views/index.ts')],
      outfile: at('dist/views/app.js'),
      bundle: true,
      format: 'esm',
      target: 'chrome120',
      minify: true,
      sourcemap: true,
      legalComments: 'none',
      logLevel: 'warning',
    }),
    build({
      entryPoints: [at('app/views/startup-error.ts')],
      outfile: at('dist/views/startup-error.js'),
      bundle: true,
      format: 'iife',
      target: 'chrome120',
      logLevel: 'warning',
    }),
    build({
      entryPoints: [at('app/main.ts'), at('app/serve.ts')],
      outdir: at('dist/app'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
    }),
    ...['app.css', 'startup-error.html', 'startup-error.css'].map((f) =>
      copyFile(at(`app/views/${f}`), at(`dist/views/${f}`)),
    ),
  ]);
}

/** True when dist/ exists and no file under app/ or package.json is newer than it. */
export function isBuildFresh() {
  const built = join(root, 'dist', 'app', 'serve.js');
  if (!existsSync(built) || !existsSync(join(root, 'dist', 'views', 'app.js'))) return false;
  const builtAt = statSync(built).mtimeMs;
  const sources = readdirSync(join(root, 'app'), { recursive: true }).map((f) =>
    join(root, 'app', f),
  );
  return [...sources, join(root, 'package.json')].every((f) => statSync(f).mtimeMs <= builtAt);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildAll();
  console.log(`Built dist/ in ${Date.now() - started} ms`);
}
