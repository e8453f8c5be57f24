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
}

/**
 * Serves the shell page at `/<token>/` and the built views under `/<token>/assets/`; a
 * page address without the final slash is redirected to it. Refuses a wrong Host, a
 * missing or wrong token (401/403), and anything but GET/HEAD. Sets no cookie.
 */
export function createHttpHandler(options: HttpHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const port = options.port();
    const refusal =
      checkHost(req, port) ??
      (req.method === 'GET' || req.method === 'HEAD' ? null : methodRefusal());
    if (refusal) return refuse(res, refusal);
    const access = checkToken(req, options.token);
    if (access.refusal) return refuse(res, access.refusal);

    const path = access.rest;
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
  return { status: 403, reason: 'Refused: only GET is served' };
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${refusal.reason}\n`);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}
