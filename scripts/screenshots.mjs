// `npm run screenshots`: regenerates docs/screenshots/ on purpose. It builds, then runs the
// view specs that take the README's screenshots (those calling `docsScreenshots()`) with
// TUSK_SCREENSHOTS pointing at docs/screenshots; a plain test run writes them to a temporary
// folder instead. Extra arguments go to jest (e.g. `npm run screenshots -- -t 'light'`).
// Needs what `npm test` needs: Chromium, PostgreSQL, sshd (see README, "Run every test").
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureKeytarBuilt, ensureNpmPackages, root, run } from './setup.mjs';

const target = join(root, 'docs', 'screenshots');

/** The spec files that take the docs' screenshots. */
function screenshotSpecs(dir = join(root, 'spec')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return screenshotSpecs(path);
    const taking =
      entry.name.endsWith('.spec.ts') && /docsScreenshots\(\)/.test(readFileSync(path, 'utf8'));
    return taking ? [relative(root, path)] : [];
  });
}

try {
  ensureNpmPackages();
  ensureKeytarBuilt();
  const { buildAll } = await import('./build.mjs');
  await buildAll();
  const specs = screenshotSpecs();
  console.log(
    `Taking the screenshots of ${specs.length} spec files into ${relative(root, target)}/`,
  );
  run(join(root, 'node_modules', '.bin', 'jest'), [...specs, ...process.argv.slice(2)], {
    env: { ...process.env, TUSK_SCREENSHOTS: target },
  });
  console.log(`Screenshots written to ${relative(root, target)}/ (git status shows what changed).`);
} catch (error) {
  console.error(`Screenshots not taken: ${error.message}`);
  process.exit(1);
}
