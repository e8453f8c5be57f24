import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folders {@link tempDir} made for the running test file. */
const made: string[] = [];

// Jest loads this module once per test file: when that file's tests end, the folders it
// made go too, also those of a test that failed before removing its own.
if (typeof afterAll === 'function') afterAll(() => made.splice(0).forEach(removeDir));

/**
 * Creates a fresh folder `<system temp>/<prefix>XXXXXX`; it is removed when the test file
 * ends (the caller may remove it sooner, with {@link removeDir}).
 */
export function tempDir(prefix = 'tusk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes `dir` and what it holds (retrying while a stopping process lets go of it). */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
