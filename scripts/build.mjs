// Builds Tusk into dist/: the views bundle (browser, ESM) and the backend entries (Node, CJS).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds everything; resolves when dist/ is complete, rejects with esbuild's errors. */
export async function buildAll() {
  const at = (p) => join(root, p);
  await mkdir(at('dist/views'), { recursive: true });
  // Chunks are named by their hash: those of an earlier build go.
  for (const old of readdirSync(at('dist/views')).filter((f) => f.startsWith('chunk-'))) {
    rmSync(at(`dist/views/${old}`));
  }
  await Promise.all([
    build({
      // app.js holds the shell; what a view imports with import() (the SQL editor:
      // CodeMirror and sql-formatter) comes as chunk-*.js, loaded once the shell runs.
      entryPoints: { app: at('app/views/index.ts') },
      outdir: at('dist/views'),
      splitting: true,
      chunkNames: 'chunk-[hash]',
      bundle: true,
      // A style sheet a view imports (uPlot's) comes as text, for its shadow root.
      loader: { '.css': 'text' },
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
    // The page's styles with Web Awesome's theme tokens bundled in (no @import at run time).
    build({
      entryPoints: [at('app/views/app.css')],
      outfile: at('dist/views/app.css'),
      bundle: true,
      minify: true,
      target: 'chrome120',
      logLevel: 'warning',
    }),
    ...['startup-error.html', 'startup-error.css'].map((f) =>
      copyFile(at(`app/views/${f}`), at(`dist/views/${f}`)),
    ),
    writeIcons(at('dist/views/icons')),
  ]);
}

/**
 * The icons the views use, served by Tusk (never fetched from elsewhere): the codicons
 * named in app/views/shared/icons.json, and Web Awesome's own "system" icons (chevrons,
 * checks, close marks inside its components) written from its package as files, since the
 * page's CSP does not let components fetch `data:` addresses.
 */
async function writeIcons(folder) {
  await mkdir(folder, { recursive: true });
  const names = JSON.parse(await readFile(join(root, 'app/views/shared/icons.json'), 'utf8'));
  const codicons = join(root, 'node_modules/@vscode/codicons/src/icons');
  await Promise.all(
    names.map((name) => copyFile(join(codicons, `${name}.svg`), join(folder, `${name}.svg`))),
  );
  const { icons } = await import('@awesome.me/webawesome/dist/components/icon/library.system.js');
  await Promise.all(
    Object.entries(icons).flatMap(([variant, byName]) =>
      Object.entries(byName).map(([name, svg]) =>
        writeFile(join(folder, `system-${variant}-${name}.svg`), svg),
      ),
    ),
  );
}

/** The views' budget: what the page downloads, gzip-compressed (issue 15). */
export const VIEWS_BUDGET_BYTES = 450 * 1024;

/**
 * What the page downloads, gzip-compressed: its script, its styles and every icon.
 * @throws Error when over {@link VIEWS_BUDGET_BYTES}, naming the sizes.
 */
export async function viewsSize() {
  const folder = join(root, 'dist/views');
  const gz = async (file) => gzipSync(await readFile(join(folder, file)), { level: 9 }).length;
  const icons = readdirSync(join(folder, 'icons')).map((f) => `icons/${f}`);
  const chunks = readdirSync(folder).filter((f) => /^chunk-[\w-]+\.js$/.test(f));
  const scripts = await Promise.all(['app.js', ...chunks].map(gz));
  const [styles, ...iconSizes] = await Promise.all(['app.css', ...icons].map(gz));
  const script = scripts.reduce((a, b) => a + b, 0);
  const total = script + styles + iconSizes.reduce((a, b) => a + b, 0);
  const sizes = { script, styles, icons: total - script - styles, total };
  if (total > VIEWS_BUDGET_BYTES) {
    throw new Error(
      `The views are ${kb(total)} gzip, over the budget of ${kb(VIEWS_BUDGET_BYTES)} (script ${kb(script)}, styles ${kb(styles)}, icons ${kb(sizes.icons)})`,
    );
  }
  return sizes;
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
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
  const size = await viewsSize();
  console.log(
    `Built dist/ in ${Date.now() - started} ms; the views are ${kb(size.total)} gzip (script ${kb(size.script)}, styles ${kb(size.styles)}, icons ${kb(size.icons)}; budget ${kb(VIEWS_BUDGET_BYTES)})`,
  );
}
