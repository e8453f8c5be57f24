// Shared by the Chromium benches (grid.ts, first-rows.ts): the backend in browser mode on
// a fresh data folder, a socket to it, the harness's PostgreSQL saved and connected, and
// Debian's Chromium.
/* eslint-disable @typescript-eslint/no-explicit-any -- replies of a bench's own socket */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';

/** The harness's PostgreSQL, as with-harnesses.mjs passes it. */
export const pg = JSON.parse(process.env['TUSK_BENCH_PG'] ?? '{}') as {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
};

/** The `q` quantile of `xs` (0.5: the median). */
export const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

/** `x` as "12.3 ms". */
export const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** The 1-minute load average now. */
export const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;

/** A running backend: its page address, a socket to it, and how to stop it. */
export interface BenchBackend {
  url: string;
  /** From the spawn to the address printed, ms. */
  readyMs: number;
  ws: WebSocket;
  /** Sends one request; resolves with its result, rejects with its error. */
  call(method: string, params: unknown): Promise<any>;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/app/serve.js` on a fresh data folder and opens a socket to it
 * (`TUSK_BENCH_BACKEND_ARGS`: Node flags for it, e.g. `--cpu-prof`).
 */
export async function startBenchBackend(): Promise<BenchBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-bench-'));
  const spawned = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the backend.
      ...(process.env['TUSK_BENCH_BACKEND_ARGS']?.split(' ').filter(Boolean) ?? []),
      'dist/app/serve.js',
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Tusk is running at (http:\/\/127\.0\.0\.1:\d+\/\w+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the backend exited (${code})`)));
  });
  const readyMs = performance.now() - spawned;
  const ws = new WebSocket(`${url.replace('http', 'ws')}ws`);
  await new Promise((resolve) => ws.once('open', resolve));
  let next = 1;
  const call = (method: string, params: unknown) =>
    new Promise<any>((resolve, reject) => {
      const id = next++;
      const listener = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data));
        if (m.id !== id) return;
        ws.off('message', listener);
        if (m.error) reject(new Error(`${method}: ${JSON.stringify(m.error)}`));
        else resolve(m.result);
      };
      ws.on('message', listener);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    url,
    readyMs,
    ws,
    call,
    async stop() {
      ws.close();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves the harness's PostgreSQL as `name` and connects it; resolves with its id. */
export async function connectHarness(backend: BenchBackend, name = 'bench'): Promise<string> {
  const saved = await backend.call('connections.save', {
    name,
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: pg.username,
    sslMode: 'disable',
  });
  await backend.call('connections.connect', { id: saved.id, password: pg.password });
  return saved.id as string;
}

/** Debian's Chromium, headless, with long tasks reported. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--enable-blink-features=LongTaskTimeline',
    ],
  });
}

/**
 * Runs `work`; with `enabled`, prints the page's functions that took most time meanwhile. */
export async function profiled<T>(
  page: Page,
  enabled: boolean,
  work: () => Promise<T>,
): Promise<T> {
  if (!enabled) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const time = new Map<number, number>();
  profile.samples?.forEach((id, i) =>
    time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)),
  );
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (time.get(node.id) ?? 0));
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.error(top.map(([name, t]) => `${(t / 1000).toFixed(0)} ms ${name}`).join('\n'));
  return result;
}
