// Builds Tusk into dist/: the views bundle (browser, ESM) and the backend entries (Node, CJS).
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildAll();
  console.log(`Built dist/ in ${Date.now() - started} ms`);
}
