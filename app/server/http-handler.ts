import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { checkHost, checkToken, type Refusal } from './guards';
import { contentSecurityPolicy, shellPage } from './page';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions {
  token: string;
  /** The folder of the built views (app.js, app.css). */
  staticDir: string;
  /** The port actually bound, known once listening. */
  port(): number;
  /**
   * Transfers under the token address (issue 27): `GET /<token>/exports/<id>` streams an
   * export's file; `PUT /<token>/imports/<id>` takes a chunk of an import's file. Each
   * answers the request itself (a 404 for an unknown id).
   */
  transfers?: {
    download(id: string, req: IncomingMessage, res: ServerResponse): Promise<void>;
    upload(id: string, req: IncomingMessage, res: ServerResponse): Promise<void>;
  };
}

/** `/exports/<uuid>` and `/imports/<uuid>` under the token. */
const TRANSFER_PATH =
  /^\/(exports|imports)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Serves the shell page at `/<token>/` and the built views under `/<token>/assets/`; a
 * page address without the final slash is redirected to it, and an export's download and an
 * import's upload under `exports/` and `imports/` (`transfers`). Refuses a wrong Host, a
 * missing or wrong token (401/403), and anything but GET/HEAD (PUT only for an upload).
 * Sets no cookie.
 */
export function createHttpHandler(options: HttpHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const port = options.port();
    const refusal =
      checkHost(req, port) ??
      (req.method === 'GET' || req.method === 'HEAD' || req.method === 'PUT'
        ? null
        : methodRefusal());
    if (refusal) return refuse(res, refusal);
    const access = checkToken(req, options.token);
    if (access.refusal) return refuse(res, access.refusal);

    const path = access.rest;
    const transfer = TRANSFER_PATH.exec(path);
    if (transfer && options.transfers) {
      const [, kind, id] = transfer;
      if (kind === 'exports' && req.method === 'GET')
        return options.transfers.download(id!, req, res);
      if (kind === 'imports' && req.method === 'PUT')
        return options.transfers.upload(id!, req, res);
    }
    // PUT is taken only for an import's upload.
    if (req.method === 'PUT') return refuse(res, methodRefusal());
    const common = {
      'Content-Security-Policy': contentSecurityPolicy(port),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (path === '/' && !new URL(req.url ?? '/', 'http://127.0.0.1').pathname.endsWith('/')) {
      res.writeHead(301, { ...common, Location: `/${options.token}/` });
      res.end();
      return;
    }
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { ...common, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : shellPage(`/${options.token}`));
      return;
    }
    // One folder level at most (icons/x.svg): names of letters, digits, - and _ only.
    const asset = /^\/assets\/((?:icons\/)?[\w-]+\.(?:js|css|map|js\.map|svg))$/.exec(path)?.[1];
    const type = asset ? CONTENT_TYPES[extname(asset)] : undefined;
    if (!asset || !type) return notFound(res);
    try {
      const body = await readFile(join(options.staticDir, asset));
      res.writeHead(200, { ...common, 'Content-Type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound(res);
    }
  };
}

function methodRefusal(): Refusal {
  return { status: 403, reason: 'Refused: only GET is served (and PUT for an import)' };
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${refusal.reason}\n`);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}
