import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './token';

/** Why a request is refused: the HTTP status and a one-line reason for the body. */
export interface Refusal {
  status: 401 | 403;
  reason: string;
}

/** The cookie that carries the token to the page's own assets and socket (one per port). */
export function tokenCookieName(port: number): string {
  return `tusk_token_${port}`;
}

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Refuses a Host header other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding). */
export function checkHost(req: IncomingMessage, port: number): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase();
  return allowedHosts(port).includes(host)
    ? null
    : { status: 403, reason: `Refused: wrong Host header "${host}"` };
}

/** Refuses an Origin header from any other site; a missing Origin (no browser) passes. */
export function checkOrigin(req: IncomingMessage, port: number): Refusal | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`)
    ? null
    : { status: 403, reason: `Refused: wrong Origin "${origin}"` };
}

/** Reads the token from `?token=` or the page's cookie and checks it: 401 absent, 403 wrong. */
export function checkToken(req: IncomingMessage, port: number, token: string): Refusal | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const presented = url.searchParams.get('token') ?? readCookie(req, tokenCookieName(port));
  if (presented === null) return { status: 401, reason: 'Refused: this page needs its token' };
  return tokenMatches(token, presented)
    ? null
    : { status: 403, reason: 'Refused: wrong token (restart Tusk for a new link)' };
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
