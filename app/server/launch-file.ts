import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Name of the launch page in the data folder. */
export const LAUNCH_FILE = 'tusk-open.html';

/** A page on disk that sends the browser to Tusk; `remove()` deletes it (idempotent). */
export interface LaunchFile {
  path: string;
  remove(): void;
}

/**
 * Writes a small HTML page (mode 0600) that redirects to `url`, so the browser can be
 * opened on a file path rather than on the address with its token: a command line is
 * visible to every local user (`ps`), a 0600 file only to the user who started Tusk (the
 * way Jupyter opens its browser). In `dir` (the data folder), else in a new private
 * temporary folder. Never throws: returns null when no file can be written.
 */
export function writeLaunchFile(dir: string | null, url: string): LaunchFile | null {
  let folder: string | null = null;
  try {
    folder = dir ?? mkdtempSync(join(tmpdir(), 'tusk-open-'));
    const path = join(folder, LAUNCH_FILE);
    rmSync(path, { force: true }); // an old one keeps its old mode; a new file gets 0600
    writeFileSync(path, launchPage(url), { mode: 0o600, flag: 'wx' });
    const own = dir === null ? folder : null;
    return {
      path,
      remove() {
        rmSync(own ?? path, { recursive: true, force: true });
      },
    };
  } catch {
    if (dir === null && folder) rmSync(folder, { recursive: true, force: true });
    return null;
  }
}

function launchPage(url: string): string {
  const href = url.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="refresh" content="0;url=${href}">
    <title>Opening Tusk…</title>
  </head>
  <body>
    <p>Opening Tusk… If nothing happens, <a href="${href}">open Tusk</a>.</p>
  </body>
</html>
`;
}
