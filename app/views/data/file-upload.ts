import type { ErrorInfo } from '../../controllers/api';

/** The size of each PUT of an upload (the backend takes up to 8 MiB a part). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** A part the backend refused: its ErrorInfo (a bad line names `line` and `columnName`). */
export class UploadError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.info = info;
  }
}

/**
 * Sends `file` to an import's `uploadUrl` in order, one `fetch(PUT)` per part of
 * {@link UPLOAD_CHUNK_BYTES} (`file.slice()`: the file is never read whole into the page),
 * each once the previous one was answered: `?part=N` from 0, `&last=1` on the last (an
 * empty file is one empty last part). Resolves when the last part was taken (the import
 * has committed then).
 * @throws UploadError with the backend's ErrorInfo when a part is refused; the fetch's
 *   error when the backend cannot be reached; an AbortError when `signal` aborts.
 */
export async function uploadFile(url: string, file: Blob, signal: AbortSignal): Promise<void> {
  let offset = 0;
  let part = 0;
  do {
    const end = Math.min(file.size, offset + UPLOAD_CHUNK_BYTES);
    const last = end >= file.size;
    const address = `${url}?part=${part}${last ? '&last=1' : ''}`;
    const reply = await fetch(address, { method: 'PUT', body: file.slice(offset, end), signal });
    if (!reply.ok) throw new UploadError(await errorOf(reply));
    offset = end;
    part++;
  } while (offset < file.size);
}

async function errorOf(reply: Response): Promise<ErrorInfo> {
  const text = await reply.text().catch(() => '');
  try {
    const info = JSON.parse(text) as Partial<ErrorInfo>;
    if (typeof info.message === 'string' && typeof info.kind === 'string') return info as ErrorInfo;
  } catch {
    // Not JSON: the text itself says it.
  }
  return {
    kind: 'internal',
    message: `The upload failed: ${text.trim() || `HTTP ${reply.status}`}`,
  };
}
