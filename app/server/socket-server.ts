import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { v4 as uuidv4 } from 'uuid';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CallContext } from '../controllers/action';
import type { EventMessage } from '../controllers/api';
import { TuskError } from '../models/errors/errors';
import { getLogger } from '../models/logging/logging';
import { checkHost, checkOrigin, checkToken, type Refusal } from './guards';
import { MAX_MESSAGE_BYTES, type Router } from './router';

const log = getLogger('socket');

/** A hard cap beyond which ws closes the socket (code 1009); below it we answer with an error. */
export const HARD_MAX_PAYLOAD = 2 * MAX_MESSAGE_BYTES;

/**
 * Open sockets at most (the NW.js window, a few browser tabs). Each can buffer one frame
 * of up to {@link HARD_MAX_PAYLOAD} before ws sees its end, so this bounds the total:
 * 16 × 8 MiB. Without it, ten 39 MiB frames at once left ~529 MB resident.
 */
export const MAX_SOCKETS = 16;
const PING_INTERVAL_MS = 30_000;

/** Options of {@link attachSocketServer}. */
export interface SocketServerOptions {
  server: Server;
  router: Router;
  token: string;
  port(): number;
  /** Called with the number of open sockets whenever it changes. */
  onClientCount?(count: number): void;
}

/** The WebSocket side of the backend. */
export interface SocketServer {
  /** Pushes an event to every open socket. */
  broadcast(event: string, payload: unknown): void;
  /** Closes every open socket (code 1012, "service restart"); the views reconnect. */
  dropClients(): void;
  close(): Promise<void>;
}

/**
 * Accepts upgrades on /<token>/ws that pass the Host, Origin and token checks (else answers
 * 401/403 and closes), then feeds each text message to the router and sends its reply.
 */
export function attachSocketServer(options: SocketServerOptions): SocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD });
  const alive = new WeakSet<WebSocket>();

  options.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const port = options.port();
    const access = checkToken(req, options.token);
    const refusal =
      checkHost(req, port) ??
      checkOrigin(req, port) ??
      access.refusal ??
      (access.rest === '/ws'
        ? null
        : ({ status: 403, reason: 'Refused: no socket here' } as Refusal)) ??
      (wss.clients.size < MAX_SOCKETS ? null : tooManySockets());
    if (refusal) {
      log.warn(`socket upgrade refused: ${refusal.reason}`);
      socket.end(
        `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\n` +
          `Content-Type: text/plain\r\nConnection: close\r\n\r\n${refusal.reason}\n`,
      );
      return;
    }
    // ws completes the handshake synchronously and counts the socket in `clients` at once,
    // so concurrent upgrades cannot slip past the limit.
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const clientId = uuidv4();
    alive.add(ws);
    options.onClientCount?.(wss.clients.size);
    const context: CallContext = {
      clientId,
      emit: (event, payload) => send(ws, { event, payload }),
      broadcast: (event, payload) => {
        for (const client of wss.clients)
          send(client, { event, payload, ...(client === ws ? { own: true } : {}) });
      },
    };
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (error) => log.warn(`socket ${clientId}: ${error.message}`));
    ws.on('close', () => options.onClientCount?.(wss.clients.size));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        const error = new TuskError('validation', 'Binary messages are not accepted', {
          hint: 'Send each request as one JSON text message.',
        });
        return send(ws, { id: null, error: error.toErrorInfo() });
      }
      options.router
        .handle(toBuffer(data), context)
        .then((response) => send(ws, response))
        .catch((error: unknown) => log.error(error));
    });
  });

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    broadcast(event, payload) {
      // Written once for every socket (an activity sample of 500 sessions is ~220 KB).
      const open = [...wss.clients].filter((ws) => ws.readyState === ws.OPEN);
      if (open.length === 0) return;
      const text = written({ event, payload } satisfies EventMessage);
      if (text !== undefined) for (const ws of open) ws.send(text);
    },
    dropClients() {
      for (const ws of wss.clients) ws.close(1012, 'Tusk backend restarting');
    },
    close() {
      clearInterval(pinger);
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

const STATUS_TEXT: Record<Refusal['status'], string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  503: 'Service Unavailable',
};

function tooManySockets(): Refusal {
  return {
    status: 503,
    reason: `Refused: Tusk is open in ${MAX_SOCKETS} windows or tabs already; close one and try again`,
  };
}

/**
 * Sends `message` as JSON. One that cannot be written (over the largest string, a value
 * JSON refuses) is never dropped silently: a reply becomes an error reply with its id, an
 * event is logged.
 */
function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState !== ws.OPEN) return;
  const text = written(message);
  if (text !== undefined) ws.send(text);
}

/**
 * The message as JSON text; a reply that cannot be written (too large for a string) becomes
 * an error reply to its request; an event that cannot is logged and dropped (undefined).
 */
function written(message: unknown): string | undefined {
  try {
    return JSON.stringify(message);
  } catch (error) {
    const id = (message as { id?: unknown }).id;
    log.error(`a message could not be written: ${(error as Error).message}`);
    if (id === undefined) return undefined;
    const refusal = new TuskError('internal', 'The reply was too large to send', {
      hint: 'Ask for less at a time (fewer rows or columns), or export the result to a file.',
    });
    return JSON.stringify({ id, error: refusal.toErrorInfo() });
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
