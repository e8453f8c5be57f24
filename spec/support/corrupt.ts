import { closeSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
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
