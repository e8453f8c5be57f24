import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './token';

/** Why a request is refused: the HTTP status and a one-line reason for the body. */
export interface Refusal {
  status: 401 | 403 | 503;
  reason: string;
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

/** What a token looks like: 256 bits, hex (see `createToken`). */
const TOKEN_SEGMENT = /^[0-9a-f]{64}$/;

/**
 * The capability path: the token is the first segment of every address the page uses
 * (`/<token>/`, `/<token>/assets/…`, `/<token>/ws`). No cookie and no query string: a
 * cookie would reach every other port of 127.0.0.1 (browsers scope cookies by host only).
 * Returns the rest of the path (`/`, `/assets/app.js`, `/ws`) or a refusal: 401 when the
 * path carries no token, 403 when it carries a wrong one.
 */
export function checkToken(
  req: IncomingMessage,
  token: string,
): { rest: string; refusal?: never } | { refusal: Refusal } {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const [, first = '', ...rest] = path.split('/');
  if (!TOKEN_SEGMENT.test(first)) {
    return { refusal: { status: 401, reason: 'Refused: this page needs its token' } };
  }
  if (!tokenMatches(token, first)) {
    return {
      refusal: { status: 403, reason: 'Refused: wrong token (restart Tusk for a new link)' },
    };
  }
  return { rest: `/${rest.join('/')}` };
}
