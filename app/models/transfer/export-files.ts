/**
 * Where an export's file goes: its name, a folder the backend writes into (checked, a
 * name that exists gets " (2)", " (3)"…), the OS Downloads folder as the views' default,
 * and the headers of a download.
 */
import { constants, type WriteStream, createWriteStream } from 'node:fs';
import { access, open, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { TuskError } from '../errors/errors';
import { CONTENT_TYPES, EXTENSIONS } from './export-writer';
import type { ExportFormat } from './transfer-types';

/** Tries of " (n)" before giving up on a free name. */
const MAX_NAME_TRIES = 1000;

/**
 * The file's name: the table's (`orders.csv`), else `query_<date>_<time>.csv` (local time).
 * Characters no file system takes (`/ \ : * ? " < > |`, control characters) become `_`.
 */
export function exportFileName(
  format: ExportFormat,
  table: { name: string } | undefined,
  now = new Date(),
): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_` +
    `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const stem = table ? table.name : `query_${stamp}`;
  // eslint-disable-next-line no-control-regex
  const safe = stem.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  return `${safe || 'export'}.${EXTENSIONS[format]}`;
}

/**
 * The OS Downloads folder: `XDG_DOWNLOAD_DIR` when set, else `~/Downloads` when it
 * exists, else the home folder.
 */
export async function downloadsFolder(): Promise<string> {
  const xdg = process.env['XDG_DOWNLOAD_DIR'];
  if (xdg && isAbsolute(xdg)) return xdg;
  const downloads = join(homedir(), 'Downloads');
  try {
    if ((await stat(downloads)).isDirectory()) return downloads;
  } catch {
    // No Downloads folder: the home folder.
  }
  return homedir();
}

/**
 * Checks that `folder` is an absolute path of a folder this process may write in.
 * @throws TuskError `validation` with code `FOLDER_NOT_WRITABLE` saying why.
 */
export async function checkFolder(folder: string): Promise<string> {
  const refuse = (why: string) =>
    new TuskError('validation', `Cannot write the export into ${folder}: ${why}`, {
      code: 'FOLDER_NOT_WRITABLE',
      hint: 'Choose a folder that exists and that you can write in (an absolute path).',
    });
  if (!isAbsolute(folder)) throw refuse('the path is not absolute');
  const path = resolve(folder);
  try {
    if (!(await stat(path)).isDirectory()) throw refuse('it is not a folder');
  } catch (error) {
    if (error instanceof TuskError) throw error;
    throw refuse('it does not exist');
  }
  try {
    await access(path, constants.W_OK);
  } catch {
    throw refuse('permission denied');
  }
  return path;
}

/** A file of a folder export, made new (never over an existing one). */
export interface FolderFile {
  path: string;
  fileName: string;
  stream: WriteStream;
}

/**
 * Creates `fileName` in `folder`, or `name (2).ext`, `name (3).ext`… when it exists.
 * @throws TuskError `validation` `FOLDER_NOT_WRITABLE` when it cannot be created.
 */
export async function createFolderFile(folder: string, fileName: string): Promise<FolderFile> {
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const name = n === 1 ? fileName : `${stem} (${n})${ext}`;
    const path = join(folder, name);
    try {
      const handle = await open(path, 'wx');
      const stream = createWriteStream(path, { fd: handle, highWaterMark: 256 * 1024 });
      return { path, fileName: name, stream };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new TuskError('validation', `Cannot create ${path}: ${(error as Error).message}`, {
        code: 'FOLDER_NOT_WRITABLE',
        hint: 'Choose a folder that you can write in.',
      });
    }
  }
  throw new TuskError('validation', `Too many files named like ${fileName} in ${folder}`, {
    code: 'FOLDER_NOT_WRITABLE',
    hint: 'Choose another folder, or remove some of them.',
  });
}

/** Removes a partial file; never throws. */
export async function removeFile(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/** The headers of a download of `fileName`: attachment, its type, never cached or sniffed. */
export function downloadHeaders(format: ExportFormat, fileName: string): Record<string, string> {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}
