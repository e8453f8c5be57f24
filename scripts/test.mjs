// `npm test`: installs what is missing (Debian packages when root, npm packages), builds,
// checks formatting, types and lint (incl. the layering rule), then runs every jest test
// against the real harnesses. Extra arguments go to jest alone (e.g. `npm test -- spec/server`).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureDebianPackages,
  ensureKeytarBuilt,
  ensureNpmPackages,
  root,
  TEST_DEBIAN_PACKAGES,
} from './setup.mjs';
import { ensureRegressCorpus } from './regress-corpus.mjs';

const jestArgs = process.argv.slice(2);
const started = Date.now();
const failures = [];

function step(name, command, args) {
  const t = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  const ok = result.status === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(name);
  return ok;
}

try {
  ensureDebianPackages(TEST_DEBIAN_PACKAGES);
  ensureNpmPackages();
  ensureRegressCorpus();
  ensureKeytarBuilt();
  const { buildAll, viewsSize } = await import('./build.mjs');
  await buildAll();
  const { total } = await viewsSize();
  console.log(`views bundle: ${(total / 1024).toFixed(1)} KB gzip (budget 450 KB)`);
} catch (error) {
  console.error(`Tests could not be prepared: ${error.message}`);
  process.exit(1);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
if (jestArgs.length === 0) {
  step('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
  step('types (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json']);
  step('lint (eslint, incl. layering)', bin('eslint'), ['--max-warnings', '0', '.']);
}
const resultsFile = join(root, 'dist', 'jest-results.json');
rmSync(resultsFile, { force: true });
step('jest', bin('jest'), ['--json', `--outputFile=${resultsFile}`, ...jestArgs]);

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failed += 1;
}
console.log(`\nFinished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
if (failures.length) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
