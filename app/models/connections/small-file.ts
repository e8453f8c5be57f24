import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ErrorKind } from '../errors/error-info';
import { TuskError } from '../errors/errors';
import { fromFsError, type FileAction } from '../errors/fs-errors';

/** Largest certificate or key file Tusk reads (1 MiB; a CA bundle or a key is kilobytes). */
export const MAX_SMALL_FILE_BYTES = 1024 * 1024;

/**
 * Reads a small regular file (a CA certificate, an SSH key) whole. Refuses what is not a
 * regular file — a device such as /dev/zero, a pipe, a socket, a folder — without reading
 * it, and a file over `maxBytes`, so a path can never make Tusk read without end. Opened
 * non-blocking: opening a pipe with no writer would otherwise wait forever.
 * @throws TuskError of `kind` ("Cannot read the CA certificate file /dev/zero: it is not a
 *   regular file") with a hint; fs errors mapped by fromFsError.
 */
export async function readSmallFile(
  file: FileAction,
  kind: ErrorKind,
  maxBytes = MAX_SMALL_FILE_BYTES,
): Promise<Buffer> {
  const fail = (why: string, hint: string) =>
    new TuskError(kind, `Cannot ${file.action} ${file.path}: ${why}`, {
      hint,
      ...(kind === 'ssh' || kind === 'tls' ? { stage: kind } : {}),
    });
  let handle;
  try {
    handle = await open(file.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fromFsError(error, file, kind);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      throw fail('it is a folder', 'Choose a file, not a folder.');
    }
    if (!stat.isFile()) {
      throw fail(
        'it is not a regular file (a device, a pipe or a socket)',
        'Choose the certificate or key file itself (PEM text, a few kilobytes).',
      );
    }
    const tooLarge = () =>
      fail(
        `it is larger than ${maxBytes / 1024 / 1024} MB`,
        'A certificate or key file is a few kilobytes: check that this is the right file.',
      );
    if (stat.size > maxBytes) throw tooLarge();
    // Read at most one byte more than allowed: the file may have grown since fstat.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge();
    }
    return Buffer.from(buffer.subarray(0, length));
  } catch (error) {
    throw error instanceof TuskError ? error : fromFsError(error, file, kind);
  } finally {
    await handle.close();
  }
}
