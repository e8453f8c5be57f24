/** The size of each PUT of an upload. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Sends `file` to an import's `uploadUrl` in order, one `fetch(PUT)` per chunk of
 * {@link UPLOAD_CHUNK_BYTES} (`file.slice()`: the file is never read whole into the page).
 * Each chunk names its offset and whether it is the last (`?offset=N&last=1`); an empty
 * file is one empty last chunk. Resolves when the last chunk was taken.
 * @throws Error with the server's answer when a chunk is refused, or the fetch's error;
 *   an AbortError when `signal` aborts.
 */
export async function uploadFile(url: string, file: Blob, signal: AbortSignal): Promise<void> {
  let offset = 0;
  do {
    const end = Math.min(file.size, offset + UPLOAD_CHUNK_BYTES);
    const last = end >= file.size;
    const address = `${url}?offset=${offset}${last ? '&last=1' : ''}`;
    const reply = await fetch(address, { method: 'PUT', body: file.slice(offset, end), signal });
    if (!reply.ok) {
      const text = (await reply.text().catch(() => '')).trim();
      throw new Error(text || `HTTP ${reply.status}`);
    }
    offset = end;
  } while (offset < file.size);
}
