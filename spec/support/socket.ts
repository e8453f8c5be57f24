import WebSocket from 'ws';

/** A test's socket to the backend: send raw frames, await the next message. */
export interface TestSocket {
  ws: WebSocket;
  /** The next message, parsed. */
  next(): Promise<Record<string, unknown>>;
  /** Sends a request and waits for the reply with the same id. */
  request(method: string, params?: unknown, id?: string | number): Promise<Record<string, unknown>>;
  close(): void;
}

/** Opens `ws://127.0.0.1:PORT/ws?token=…` (with optional headers) and waits until open. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, { headers });
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
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
    async request(method, params, id = `r${++counter}`) {
      ws.send(JSON.stringify({ id, method, params }));
      for (;;) {
        const message = await next();
        if (message['id'] === id) return message;
      }
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
  return `ws://127.0.0.1:${port}/ws${token === null ? '' : `?token=${token}`}`;
}
