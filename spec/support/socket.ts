import WebSocket from 'ws';
import type { ErrorInfo, Methods } from '../../app/controllers/api';

/** A protocol method, `"controller.action"`. */
export type Method = keyof Methods;
/** What `method` takes. */
export type Params<M extends Method> = Methods[M]['params'];
/** What `method` answers. */
export type Result<M extends Method> = Methods[M]['result'];
/** A reply as it came: its result, or the ErrorInfo the request was refused with. */
export interface Reply<M extends Method> {
  result?: Result<M>;
  error?: ErrorInfo;
}
/** A request refused by the backend: its ErrorInfo as `info`. */
export type RefusedError = Error & { info: ErrorInfo };

/** The ErrorInfo a call was refused with; throws when it was not refused. */
export async function refusalOf(call: Promise<unknown>): Promise<ErrorInfo> {
  try {
    await call;
  } catch (error) {
    return (error as RefusedError).info;
  }
  throw new Error('the call was not refused');
}

/** A test's socket to the backend: send raw frames, await the next message. */
export interface TestSocket {
  ws: WebSocket;
  /** The next message, parsed. */
  next(): Promise<Record<string, unknown>>;
  /** Every server push `{event, payload}` received so far (they never reach `next()`). */
  events: { event: string; payload: unknown }[];
  /** Waits up to `timeoutMs` for a push named `event`; returns its payload. */
  event(name: string, timeoutMs?: number): Promise<unknown>;
  /**
   * Calls `method` as a view does: its typed result; a refusal is thrown as a
   * {@link RefusedError} (the ErrorInfo as `info`), so a test reads as the calls a view makes.
   */
  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Calls `method` and returns the reply whole: `result` or `error` (to look at refusals). */
  reply<M extends Method>(method: M, params: Params<M>): Promise<Reply<M>>;
  /**
   * Sends any request, typed or not (bad params, unknown methods), and waits for the raw
   * reply with the same id (requests may overlap).
   */
  request(method: string, params?: unknown, id?: string | number): Promise<Record<string, unknown>>;
  /**
   * Every reply received so far, as sent (to look for secrets in); only for a socket
   * opened with `keepReplies` (else it throws, so no test looks at an empty list).
   */
  replies(): string[];
  /** The largest frame received so far, in bytes (reset to 0 by `resetLargest`). */
  largestFrame(): number;
  resetLargest(): void;
  close(): void;
}

/**
 * Opens `ws://127.0.0.1:PORT/<token>/ws` (with optional headers) and waits until open;
 * `keepReplies` keeps the text of every reply for {@link TestSocket.replies}.
 */
export function openSocket(
  url: string,
  headers: Record<string, string> = {},
  { keepReplies = false } = {},
): Promise<TestSocket> {
  const ws = new WebSocket(url, { headers });
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  const events: { event: string; payload: unknown }[] = [];
  const eventWaiters = new Set<() => void>();
  const pending = new Map<string | number, (m: Record<string, unknown>) => void>();
  const replies: string[] = [];
  let largest = 0;
  ws.on('message', (data) => {
    largest = Math.max(largest, (data as Buffer).length);
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    if (typeof message['event'] === 'string') {
      events.push({ event: message['event'], payload: message['payload'] });
      for (const wake of [...eventWaiters]) wake();
      return;
    }
    if (keepReplies) replies.push(String(data));
    // A reply someone awaits by id goes to that request; concurrent requests get theirs.
    const awaited = pending.get(message['id'] as string | number);
    if (awaited) {
      pending.delete(message['id'] as string | number);
      return awaited(message);
    }
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => {
      const queued = inbox.shift();
      if (queued) resolve(queued);
      else waiters.push(resolve);
    });
  let counter = 0;
  const socket: TestSocket = {
    ws,
    next,
    events,
    event: (name, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          const found = events.slice(seen).find((e) => e.event === name);
          seen = events.length;
          if (!found) return;
          eventWaiters.delete(check);
          clearTimeout(timer);
          resolve(found.payload);
        };
        const timer = setTimeout(() => {
          eventWaiters.delete(check);
          reject(new Error(`no "${name}" event within ${timeoutMs} ms`));
        }, timeoutMs);
        eventWaiters.add(check);
        check();
      }),
    request(method, params, id = `r${++counter}`) {
      const reply = new Promise<Record<string, unknown>>((resolve) => pending.set(id, resolve));
      ws.send(JSON.stringify({ id, method, params }));
      return reply;
    },
    async reply(method, params) {
      return (await socket.request(method, params)) as Reply<typeof method>;
    },
    async call(method, params) {
      const reply = await socket.reply(method, params);
      if (reply.error) {
        const error = new Error(`${method}: ${JSON.stringify(reply.error)}`);
        throw Object.assign(error, { info: reply.error }) satisfies RefusedError;
      }
      return reply.result as Result<typeof method>;
    },
    replies() {
      if (!keepReplies) throw new Error('open the socket with { keepReplies: true }');
      return replies;
    },
    largestFrame: () => largest,
    resetLargest: () => {
      largest = 0;
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** The socket URL of a backend page URL. */
export function socketUrl(port: number, token: string | null): string {
  return `ws://127.0.0.1:${port}${token === null ? '' : `/${token}`}/ws`;
}
