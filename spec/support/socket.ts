import WebSocket from 'ws';

/** A test's socket to the backend: send raw frames, await the next message. */
export interface TestSocket {
  ws: WebSocket;
  /** The next message, parsed. */
  next(): Promise<Record<string, unknown>>;
  /** Every server push `{event, payload}` received so far (they never reach `next()`). */
  events: { event: string; payload: unknown }[];
  /** Waits up to `timeoutMs` for a push named `event`; returns its payload. */
  event(name: string, timeoutMs?: number): Promise<unknown>;
  /** Sends a request and waits for the reply with the same id (requests may overlap). */
  request(method: string, params?: unknown, id?: string | number): Promise<Record<string, unknown>>;
  /** The largest frame received so far, in bytes (reset to 0 by `resetLargest`). */
  largestFrame(): number;
  resetLargest(): void;
  close(): void;
}

/** Opens `ws://127.0.0.1:PORT/<token>/ws` (with optional headers) and waits until open. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, { headers });
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  const events: { event: string; payload: unknown }[] = [];
  const eventWaiters = new Set<() => void>();
  const pending = new Map<string | number, (m: Record<string, unknown>) => void>();
  let largest = 0;
  ws.on('message', (data) => {
    largest = Math.max(largest, (data as Buffer).length);
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    if (typeof message['event'] === 'string') {
      events.push({ event: message['event'], payload: message['payload'] });
      for (const wake of [...eventWaiters]) wake();
      return;
    }
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
