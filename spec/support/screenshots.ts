import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The folder `npm run screenshots` names in this variable: the screenshots of the docs are
 * written there (docs/screenshots). Unset in a test run.
 */
export const SCREENSHOTS_ENV = 'TUSK_SCREENSHOTS';

/** Where a spec writes its screenshots. */
export interface Screenshots {
  /** The folder they go to. */
  readonly dir: string;
  /** The path of the screenshot `name` (e.g. `grid-light.png`) in that folder. */
  path(name: string): string;
}

/**
 * The screenshots the docs show (call it in a `describe`): into the folder named by
 * `TUSK_SCREENSHOTS` when `npm run screenshots` runs the spec, else into a fresh folder
 * under the system temp folder (`tusk-screenshots-*`, see {@link tempScreenshots}), so a
 * test run never rewrites docs/screenshots.
 */
export function docsScreenshots(): Screenshots {
  const target = process.env[SCREENSHOTS_ENV];
  if (!target) return tempScreenshots();
  const dir = resolve(target);
  mkdirSync(dir, { recursive: true });
  return { dir, path: (name) => join(dir, name) };
}

/**
 * Screenshots a spec takes only to be looked at while it runs (never in the docs): a fresh
 * folder under the system temp folder, made at the first screenshot and removed when the
 * describe ends.
 */
export function tempScreenshots(): Screenshots {
  let dir: string | undefined;
  const made = () => (dir ??= mkdtempSync(join(tmpdir(), 'tusk-screenshots-')));
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return made();
    },
    path: (name) => join(made(), name),
  };
}
