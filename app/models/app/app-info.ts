import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Name, version and runtime of this build, read once from package.json. */
export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  runtime: { node: string; nw?: string };
}

let cached: AppInfo | undefined;

/** Reads the app's identity; never throws (falls back to "unknown" version). */
export function appInfo(): AppInfo {
  if (cached) return cached;
  let version = 'unknown';
  let name = 'Tusk';
  try {
    const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
      version?: string;
      productName?: string;
    };
    version = pkg.version ?? version;
    name = pkg.productName ?? name;
  } catch {
    // A packaged build without package.json next to it still reports a name.
  }
  const nw = (process.versions as Record<string, string | undefined>)['nw'];
  cached = {
    name,
    version,
    platform: `${process.platform}-${process.arch}`,
    runtime: nw ? { node: process.versions.node, nw } : { node: process.versions.node },
  };
  return cached;
}

/**
 * The folder holding package.json: the nearest one above this file, which is three levels
 * up in the source tree (app/models/app) and two in the bundle (dist/app).
 */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || dirname(dir) === dir) return dir;
  }
}

/**
 * The folders "next to the app", where a `tusk-data` folder makes Tusk portable: in the
 * NW.js app first the folder holding its executable (macOS: the folder holding Tusk.app),
 * which is what a user sees on a USB stick, then the app's own folder (package.json); in
 * Node (browser mode, a clone) the app's folder only.
 */
export function appFolders(
  execPath = process.execPath,
  isNw = (process.versions as Record<string, string | undefined>)['nw'] !== undefined,
): string[] {
  const root = projectRoot();
  if (!isNw) return [root];
  const bundle = /^(.*?)[/\\][^/\\]+\.app[/\\]/.exec(execPath)?.[1];
  const folder = bundle ?? dirname(execPath);
  return folder === root ? [root] : [folder, root];
}
