// Benchmark (issue 21): memory given back after results are closed. The real backend
// (node dist/app/serve.js) holds three results of ~330 MB each (1M rows × 300 bytes),
// closes them, and its resident memory (VmRSS) is read 2 s and 20 s later. Each figure is
// a ratio against its anchor measured in the same run: the backend's RSS before the
// first query. Two allocator settings: glibc's defaults (its mmap threshold grows after
// the first freed 4 MiB block, so later chunks come from the heap), and a fixed threshold
// (MALLOC_MMAP_THRESHOLD_=262144: every chunk mapped alone and unmapped when freed). What
// stays after closing includes the stock of spare chunks (64 MiB, kept for reuse).
// Prints a Markdown table.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPg, ended, Socket, startBackend } from './serve-backend';

const pg = benchPg();
const RESULTS = 3;
const SQL = "SELECT g, repeat('x', 300) AS pad FROM generate_series(1, 1000000) g";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) * 1024;
}

async function run(label: string, env: NodeJS.ProcessEnv): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-idle-'));
  const { child, url } = await startBackend(dataDir, env);
  try {
    const socket = await Socket.open(url);
    const call = (method: string, params: unknown) => socket.call(method, params);
    const saved = await call('connections.save', {
      name: 'idle',
      host: pg.host,
      port: pg.port,
      database: pg.database,
      username: pg.username,
      sslMode: 'disable',
    });
    await call('connections.connect', { id: saved.id, password: pg.password });
    await sleep(1000);
    const before = rss(child.pid!);
    const ids: string[] = [];
    let held = 0;
    for (let i = 0; i < RESULTS; i++) {
      const { queryId } = await call('queries.execute', { connectionId: saved.id, sql: SQL });
      await socket.until(queryId, ended, 120_000);
      held += (await call('queries.status', { queryId })).memoryBytes as number;
      ids.push(queryId);
    }
    const peak = rss(child.pid!);
    for (const queryId of ids) await call('queries.close', { queryId });
    await sleep(2000);
    const after2 = rss(child.pid!);
    await sleep(18_000);
    const after20 = rss(child.pid!);
    socket.close();
    const ratio = (x: number) => `${mb(x)} (${(x / before).toFixed(2)}×)`;
    return `| ${label} | ${mb(before)} | ${mb(held)} | ${mb(peak)} | ${ratio(after2)} | ${ratio(after20)} |`;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const base = { ...process.env };
  delete base['MALLOC_MMAP_THRESHOLD_'];
  const rows = [
    await run('MALLOC_MMAP_THRESHOLD_=262144', {
      ...base,
      MALLOC_MMAP_THRESHOLD_: '262144',
    }),
    await run("glibc's defaults", base),
  ];
  console.log(
    `Memory after closing ${RESULTS} results (${new Date().toISOString().slice(0, 10)}):`,
  );
  console.log(
    '| backend started | RSS before (anchor) | results held | RSS with them | RSS 2 s after closing | 20 s after |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

void main();
