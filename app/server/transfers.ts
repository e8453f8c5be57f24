import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTuskError, TuskError } from '../models/errors/errors';
import type { ImportService } from '../models/transfer/import-service';
import { checkOrigin } from './guards';
import type { HttpHandlerOptions } from './http-handler';

/** The most bytes one PUT of an import may carry. */
export const MAX_PART_BYTES = 8 * 1024 * 1024;

/** What {@link createTransfers} serves. */
export interface TransferServices {
  imports: ImportService;
  /**
   * The export service: its `download(id, req, res)` answers `GET /<token>/exports/<id>`
   * (a 404 while it has none).
   */
  exports: object;
}

type Download = (id: string, req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The HTTP side of exports and imports under the token address (http-handler has checked
 * the Host and the token). `PUT /<token>/imports/<id>?part=N[&last=1]` takes part N (0
 * first, in order, each sent once the previous one has answered) of an import's file: at
 * most {@link MAX_PART_BYTES}, refused with a foreign `Origin`; it answers 200
 * `{importId, part, bytes}` once the part's bytes are written to the server, for the last
 * part once the import has committed (`rows` too); an error answers with its ErrorInfo
 * as JSON: 404 (no such import), 400 (a bad part number, out of order), 413 (too large),
 * 409 (cancelled), 422 (the import failed: a bad line names its `line` and `columnName`).
 */
export function createTransfers(
  services: TransferServices,
  port: () => number,
): NonNullable<HttpHandlerOptions['transfers']> {
  return {
    download(id, req, res) {
      const download = (services.exports as { download?: Download }).download;
      if (typeof download === 'function') return download.call(services.exports, id, req, res);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return Promise.resolve();
    },
    upload: (id, req, res) => upload(services.imports, port, id, req, res),
  };
}

async function upload(
  imports: ImportService,
  port: () => number,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const origin = checkOrigin(req, port());
  if (origin) return reply(req, res, origin.status, { kind: 'validation', message: origin.reason });
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
  const part = Number(query.get('part'));
  if (!query.has('part') || !Number.isInteger(part) || part < 0) {
    return reply(req, res, 400, {
      kind: 'validation',
      message: 'The part number is missing or not a whole number',
      hint: 'PUT each part to …/imports/<id>?part=N (0 first), with &last=1 on the last one.',
    });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_PART_BYTES) return reply(req, res, 413, tooLarge());
  try {
    const taken = await imports.upload(id, part, query.get('last') === '1', limited(req));
    reply(req, res, 200, taken);
  } catch (error) {
    const failure = isTuskError(error)
      ? error
      : new TuskError('internal', `The upload failed: ${(error as Error).message}`);
    reply(req, res, statusOf(failure), failure.toErrorInfo());
  }
}

/** The request's body, failing once it passes {@link MAX_PART_BYTES}. */
async function* limited(req: IncomingMessage): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_PART_BYTES)
      throw new TuskError('validation', tooLarge().message, { hint: tooLarge().hint });
    yield chunk;
  }
}

function tooLarge() {
  return {
    kind: 'validation' as const,
    message: `A part may carry at most ${MAX_PART_BYTES / 1024 / 1024} MiB`,
    hint: 'Send the file in smaller parts (file.slice()).',
  };
}

function statusOf(error: TuskError): number {
  if (error.code === 'TRANSFER_NOT_FOUND') return 404;
  if (error.code === 'IMPORT_CANCELLED') return 409;
  if (error.message.startsWith('A part may carry')) return 413;
  if (error.kind === 'validation' && error.line === undefined) return 400;
  return 422;
}

function reply(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  // A body not read to its end (refused early, or the import ended under it): the
  // connection is closed after the answer, so no client sends its next request after
  // the unread bytes.
  const unread = !req.complete;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(unread ? { Connection: 'close' } : {}),
  });
  res.end(JSON.stringify(body));
}
