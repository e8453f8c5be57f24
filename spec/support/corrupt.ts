import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Overwrites `bytes` at `offset` of `file`. */
export function scribble(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

/** Damage 1: the 100-byte header overwritten with text. */
export function overwriteHeader(file: string): void {
  scribble(file, 0, Buffer.from('this is not an SQLite header at all!'.repeat(3)));
}

/** Damage 2: the file cut at 60% of its size, in the middle of a page. */
export function truncateMidPage(file: string): void {
  truncateSync(file, Math.floor(statSync(file).size * 0.6) + 1234);
}

/** Damage 3: the cells of an index's root page scrambled (its page header kept). */
export function scrambleIndexPage(file: string, index: string): void {
  const raw = new Database(file, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const root = raw
    .prepare('SELECT rootpage FROM sqlite_master WHERE name = ?')
    .pluck()
    .get(index) as number;
  raw.close();
  if (!(root > 1)) throw new Error(`no index ${index} in ${file}`);
  scribble(file, (root - 1) * pageSize + 100, Buffer.alloc(pageSize - 200, 0x5a));
}

/** Damage 4: page `page` (1-based) overwritten with zeros, e.g. the root of a table. */
export function zeroPage(file: string, page: number): void {
  const raw = new Database(file, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  scribble(file, (page - 1) * pageSize, Buffer.alloc(pageSize));
}

/** The root page of table or index `name` in the SQLite file. */
export function rootPage(file: string, name: string): number {
  const raw = new Database(file, { readonly: true });
  const root = raw
    .prepare('SELECT rootpage FROM sqlite_master WHERE name = ?')
    .pluck()
    .get(name) as number;
  raw.close();
  return root;
}

/**
 * Makes a file or folder unwritable, also for root (the tests run as root, who ignores
 * modes): `chattr +i` where the file system has it, else the modes (as another user).
 * Throws when neither makes it unwritable, so a test never passes without the condition.
 */
export function makeUnwritable(path: string): void {
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'pipe' });
  } catch {
    chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
  }
  if (isWritable(path)) throw new Error(`${path} is still writable: no way to protect it here`);
}

/** Undoes {@link makeUnwritable} (for the clean-up); never throws. */
export function makeWritable(path: string): void {
  try {
    execFileSync('chattr', ['-i', path], { stdio: 'pipe' });
  } catch {
    // No chattr here: the modes were used.
  }
  try {
    chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  } catch {
    // Gone already.
  }
}

function isWritable(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) {
      const probe = join(path, '.write-probe');
      writeFileSync(probe, '');
      rmSync(probe);
    } else {
      closeSync(openSync(path, 'r+'));
    }
    return true;
  } catch {
    return false;
  }
}
