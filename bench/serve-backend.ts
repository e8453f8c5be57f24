// The real backend for benchmarks: `node dist/app/serve.js` on a fresh data folder, and a
// socket to it that keeps each query's events (bench/cancel-soak.ts, bench/idle-memory.ts);
// the harness's PostgreSQL (benchPg).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import WebSocket from 'ws';

export type Payload = Record<string, unknown>;

/** The test PostgreSQL the harness started (with-harnesses.mjs), from TUSK_BENCH_PG. */
export interface PgInfo {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/** The harness's PostgreSQL (TUSK_BENCH_PG); throws when the bench runs without it. */
export function benchPg(): PgInfo {
  const raw = process.env['TUSK_BENCH_PG'];
  if (!raw) throw new Error('TUSK_BENCH_PG is not set: run the bench through its .mjs runner');
  return JSON.parse(raw) as PgInfo;
}

/** libpq's environment for the harness's PostgreSQL (psql and friends), without TLS. */
export function libpqEnv(pg: PgInfo): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...{ PGHOST: pg.host, PGPORT: String(pg.port), PGUSER: pg.username },
    ...{ PGPASSWORD: pg.password, PGDATABASE: pg.database, PGSSLMODE: 'disable' },
  };
}

/** Saves a connection `name` to the harness's PostgreSQL (no TLS) and connects it; its id. */
export async function connectPlain(socket: Socket, pg: PgInfo, name: string): Promise<string> {
  const { host, port, database, username, password } = pg;
  const saved = await socket.call('connections.save', {
    ...{ name, host, port, database, username, sslMode: 'disable' },
  });
  await socket.call('connections.connect', { id: saved.id, password });
  return saved.id as string;
}

/** Waits at most this long for a query's event (a hang). */
export const HANG_MS = 20_000;

/** A socket to the backend: requests by id, events kept per query. */
export class Socket {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, (m: Payload) => void>();
  readonly events = new Map<string, { event: string; payload: Payload }[]>();
  readonly #wakers = new Set<() => void>();
  #id = 0;
  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Payload;
      if (typeof m['event'] === 'string') {
        const payload = m['payload'] as Payload;
        // A query's, an export's or an import's events, by its id.
        const id = (payload['queryId'] ?? payload['exportId'] ?? payload['importId']) as
          string | undefined;
        if (id) {
          const list = this.events.get(id) ?? [];
          list.push({ event: m['event'], payload });
          this.events.set(id, list);
        }
        for (const wake of [...this.#wakers]) wake();
      } else this.#pending.get(m['id'] as number)?.(m);
    });
  }
  static open(url: string): Promise<Socket> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Socket(ws)));
      ws.once('error', reject);
    });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, params: unknown = {}): Promise<any> {
    const id = ++this.#id;
    const reply = await new Promise<Payload>((resolve) => {
      this.#pending.set(id, resolve);
      this.#ws.send(JSON.stringify({ id, method, params }));
    });
    this.#pending.delete(id);
    if (reply['error']) throw new Error(`${method}: ${JSON.stringify(reply['error'])}`);
    return reply['result'];
  }
  /** Waits until `test` holds for the query's events, or `timeoutMs` passed (false then). */
  async until(queryId: string, test: (events: string[]) => boolean, timeoutMs = HANG_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = (this.events.get(queryId) ?? []).map((e) => e.event);
      if (test(events)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        const wake = () => {
          clearTimeout(timer);
          this.#wakers.delete(wake);
          resolve();
        };
        this.#wakers.add(wake);
      });
    }
  }
  terminal(queryId: string): { event: string; payload: Payload } | undefined {
    return this.events.get(queryId)?.find((e) => e.event !== 'query.progress');
  }
  close() {
    this.#ws.close();
  }
}

export const ended = (events: string[]) => events.some((e) => e !== 'query.progress');

/** Starts `node [nodeArgs] dist/app/serve.js` on `dataDir`; resolves with its socket's URL. */
export async function startBackend(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  nodeArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const args = [...nodeArgs, 'dist/app/serve.js', '--no-open', '--data-dir', dataDir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      // TUSK_BENCH_STDOUT=file keeps what the backend prints (e.g. node's --trace-gc).
      if (process.env['TUSK_BENCH_STDOUT']) appendFileSync(process.env['TUSK_BENCH_STDOUT'], chunk);
      if (out.length > 4096) return;
      out += chunk.toString();
      const match = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\/([0-9a-f]{64})\//.exec(out);
      if (match) resolve(`ws://127.0.0.1:${match[1]}/${match[2]}/ws`);
    });
    child.once('exit', (code) => reject(new Error(`backend exited (${code})`)));
  });
  return { child, url };
}
