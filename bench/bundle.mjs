// Bundles a TypeScript benchmark (it imports the app's models) into dist/bench/<name>.cjs.
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

/** Bundles bench/<name>.ts for Node; resolves with the output file's path. */
export async function bundleBench(name) {
  const outfile = join(root, 'dist', 'bench', `${name}.cjs`);
  await build({
    entryPoints: [join(root, 'bench', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
