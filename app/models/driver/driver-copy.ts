import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { copyEnd, type PendingQuery } from './driver-hooks';

/** What {@link DriverStatement.copyIn} writes: all at once, or chunk by chunk. */
export type CopyInData = string | Buffer | AsyncIterable<Buffer | string> | Iterable<Buffer>;

/** A COPY … TO STDOUT under way (see {@link DriverStatement.copyOut}). */
export interface CopyOut {
  /**
   * The data as the server formats it (text, CSV with its header, binary), in the chunks
   * it sends (one CopyData per row, not split at lines by anyone); ends at CopyDone, fails
   * with the server's error. Read it (or pipe it): the server waits while it is not read.
   */
  readonly stream: Readable;
  /**
   * Resolves with the server's count (rows copied, header left out) once the COPY has
   * ended, rejects with its error (a cancel: SQLSTATE 57014). Handled: no need to wait.
   */
  readonly done: Promise<number>;
  /**
   * Stops it: a CancelRequest (the session's backend stops sending) and the rest of the
   * data discarded (the stream is destroyed: nothing more is read from it). Resolves when
   * the request's connection has closed; `done` then rejects with the server's 57014.
   */
  cancel(): Promise<void>;
}

/** Sends `query` (a COPY … TO STDOUT) and resolves at CopyOutResponse. */
export async function startCopyOut(query: PendingQuery): Promise<CopyOut> {
  const done = copyEnd(query);
  const stream = (await query.readable()) as unknown as Readable;
  return {
    stream,
    done,
    cancel: async () => {
      const request = query.cancel();
      stream.destroy();
      await request;
    },
  };
}

/** The error a COPY FROM STDIN stopped by its signal fails with, before the server's. */
export class CopyAbortedError extends Error {
  constructor(reason: unknown) {
    super(reason instanceof Error ? reason.message : 'COPY stopped');
    this.name = 'AbortError';
  }
}

/**
 * Sends `query` (a COPY … FROM STDIN), writes `data` once the server asks for it, each
 * chunk after the last was taken (backpressure: a chunk of an async iterable is asked for
 * only then), ends it, and resolves with the server's count (rows copied). Rejects with
 * the server's error (bad data: its `where` says "COPY t, line 3, column x: …"); when
 * `data` fails or `signal` aborts, the COPY is failed (CopyFail: the server rolls it back)
 * and it rejects with that failure, once the session can run the next statement.
 */
export async function runCopyIn(
  query: PendingQuery,
  data: CopyInData,
  signal?: AbortSignal,
): Promise<number> {
  const done = copyEnd(query);
  const stream = (await query.writable()) as unknown as Writable;
  // The server may have refused it already (in the same read as its CopyInResponse).
  if (stream.errored) throw stream.errored;
  const abort = () => stream.destroy(new CopyAbortedError(signal?.reason));
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort, { once: true });
  let failure: Error | null = null;
  try {
    await write(stream, data);
  } catch (error) {
    failure = error as Error;
    // The data's own failure: fail the COPY (CopyFail) so the server rolls it back.
    if (!stream.destroyed) stream.destroy(failure);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  try {
    return await done;
  } catch (serverError) {
    // The server's error (bad data) wins over the stream's echo of it; the data's own
    // failure or the abort wins over the server's "COPY from stdin failed".
    throw failure && !isServerError(failure) ? failure : serverError;
  }
}

/** Writes `data` and ends the stream; rejects as soon as the stream fails (abort, server). */
async function write(stream: Writable, data: CopyInData): Promise<void> {
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  // A chunk the data has not given yet must not hold up an abort or the server's error.
  await Promise.race([pump(stream, data, failed), failed]);
}

async function pump(stream: Writable, data: CopyInData, failed: Promise<never>): Promise<void> {
  const chunks = typeof data === 'string' || Buffer.isBuffer(data) ? [data] : data;
  for await (const chunk of chunks) {
    if (stream.destroyed) break;
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
  }
  if (stream.errored) throw stream.errored;
  if (stream.destroyed) throw new CopyAbortedError(undefined);
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function isServerError(error: Error): boolean {
  return error.name === 'PostgresError';
}
