import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';

/** What `patches/postgres+3.4.9.patch` writes into the driver; checked at start. */
const MARKERS = [
  'Tusk patch (#1119, #1181)',
  'Tusk patch (#1154, #1208)',
  'Tusk patch (onauth)',
  'Tusk patch (dataRows)',
  'Tusk patch (row offsets)',
  'Tusk patch (modifier)',
  'Tusk patch (onready)',
  'Tusk patch (copy end)',
  'Tusk patch (copy cancel)',
];

/**
 * Whether the installed postgres.js carries Tusk's patch (applied by `patch-package` after
 * `npm install`; see docs/architecture.md §4.6). Returns a problem to show the user, or
 * null when the patch is there.
 */
export function driverPatchProblem(
  file = join(dirname(require.resolve('postgres')), 'connection.js'),
): string | null {
  try {
    const text = readFileSync(file, 'utf8');
    if (MARKERS.every((marker) => text.includes(marker))) return null;
    return `The PostgreSQL driver is not patched (${file}): a dropped connection can hang a query or stop Tusk, and a password could be sent in clear text.`;
  } catch (error) {
    return `The PostgreSQL driver could not be checked: ${(error as Error).message}`;
  }
}
