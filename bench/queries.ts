// Benchmark (issue 13): queries through the real backend (node dist/app/serve.js, driven
// over its WebSocket as the views drive it), each figure with its anchor measured in the
// same run, alternating, so the ratio holds on a noisy machine:
// - fetch 1M rows × 6 columns (int, bigint, text, timestamptz, numeric, boolean) into the
//   result store (execute → query.completed) against `psql -X -At` writing to /dev/null
//   and against node-postgres with array rows (Beekeeper's driver);
// - memory the result holds (queries.status memoryBytes) and the backend's RSS growth;
// - cancel → query.cancelled for pg_sleep(30), plain, TLS, through SSH;
// - app.health round trips on a second socket while a 1M-row fetch runs.
// Prints Markdown table rows. Runs: TUSK_BENCH_RUNS (default 5).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import postgres from 'postgres';
import WebSocket from 'ws';
import { benchPg } from './serve-backend';

const pg = benchPg();
const sshd = JSON.parse(process.env['TUSK_BENCH_SSHD']!) as {
  host: string;
  port: number;
  hostKeyFingerprint: string;
  keyUser: { username: string; privateKeyPath: string };
};
const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 5);
const ROWS = 1_000_000;
const SELECT = 'SELECT * FROM bench_rows';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** A socket to the backend: requests by id, events by name. */
class Socket {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, (m: Record<string, unknown>) => void>();
  readonly #listeners = new Set<(event: string, payload: Record<string, unknown>) => void>();
  #id = 0;
  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      if (typeof m['event'] === 'string') {
        for (const l of this.#listeners) l(m['event'], m['payload'] as Record<string, unknown>);
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
    const reply = await new Promise<Record<string, unknown>>((resolve) => {
      this.#pending.set(id, resolve);
      this.#ws.send(JSON.stringify({ id, method, params }));
    });
    this.#pending.delete(id);
    if (reply['error']) throw new Error(`${method}: ${JSON.stringify(reply['error'])}`);
    return reply['result'];
  }
  /** Resolves with the terminal event of a query. */
  end(queryId: string): Promise<{ event: string; at: number }> {
    return new Promise((resolve) => {
      const listener = (event: string, payload: Record<string, unknown>) => {
        if (payload['queryId'] !== queryId || event === 'query.progress') return;
        this.#listeners.delete(listener);
        resolve({ event, at: performance.now() });
      };
      this.#listeners.add(listener);
    });
  }
  close() {
    this.#ws.close();
  }
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) * 1024;
}

async function main() {
  const admin = postgres({
    host: pg.host,
    port: pg.port,
    username: pg.username,
    password: pg.password,
    database: pg.database,
    ssl: false,
    onnotice: () => {},
  });
  await admin.unsafe(`DROP TABLE IF EXISTS bench_rows`);
  await admin.unsafe(`CREATE TABLE bench_rows AS SELECT g::int AS i, g::bigint * 1000003 AS b,
      md5(g::text) AS t, '2024-01-01'::timestamptz + g * interval '1.000123 second' AS ts,
      (g / 7.0)::numeric(14,4) AS n, g % 3 = 0 AS f FROM generate_series(1, ${ROWS}) g`);
  await admin.unsafe('VACUUM ANALYZE bench_rows');
  await admin.end();

  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-bench-q-'));
  const backend = spawn(
    process.execPath,
    ['dist/app/serve.js', '--no-open', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve) => {
    let out = '';
    backend.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\/(\w+)\//.exec(out);
      if (m) resolve(`ws://127.0.0.1:${m[1]}/${m[2]}/ws`);
    });
  });
  const socket = await Socket.open(url);
  const login = { host: pg.host, port: pg.port, database: pg.database, username: pg.username };
  const open = async (name: string, extra: Record<string, unknown>) => {
    const saved = await socket.call('connections.save', { name, ...login, ...extra });
    await socket.call('connections.connect', { id: saved.id, password: pg.password });
    return saved.id as string;
  };
  const plain = await open('plain', { sslMode: 'disable' });
  const tls = await open('tls', { sslMode: 'require' });
  const ssh = await open('ssh', {
    host: '127.0.0.1',
    sslMode: 'disable',
    sshTunnel: {
      host: sshd.host,
      port: sshd.port,
      username: sshd.keyUser.username,
      auth: { method: 'key', privateKeyPath: sshd.keyUser.privateKeyPath },
      hostKey: sshd.hostKeyFingerprint,
    },
  });

  const fetchTusk = async () => {
    const started = performance.now();
    const { queryId } = await socket.call('queries.execute', { connectionId: plain, sql: SELECT });
    const end = await socket.end(queryId);
    const status = await socket.call('queries.status', { queryId });
    if (status.rowCount !== ROWS) throw new Error(`fetched ${status.rowCount} rows`);
    return { ms: end.at - started, queryId, bytes: status.memoryBytes as number };
  };
  const fetchPsql = () => {
    const started = performance.now();
    const run = spawnSync('sh', ['-c', `psql -X -At -c '${SELECT}' > /dev/null`], {
      env: {
        ...process.env,
        PGHOST: pg.host,
        PGPORT: String(pg.port),
        PGUSER: pg.username,
        PGPASSWORD: pg.password,
        PGDATABASE: pg.database,
        PGSSLMODE: 'disable',
      },
    });
    if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`);
    return performance.now() - started;
  };
  const nodePg = new Client({
    host: pg.host,
    port: pg.port,
    user: pg.username,
    password: pg.password,
    database: pg.database,
    ssl: false,
  });
  await nodePg.connect();
  const fetchNodePg = async () => {
    const started = performance.now();
    const result = await nodePg.query({ text: SELECT, rowMode: 'array' });
    if (result.rows.length !== ROWS) throw new Error('node-postgres rows');
    return performance.now() - started;
  };

  // Warm-up: one of each.
  const warm = await fetchTusk();
  await socket.call('queries.close', { queryId: warm.queryId });
  fetchPsql();
  await fetchNodePg();

  const tusk: number[] = [];
  const psql: number[] = [];
  const nodePgTimes: number[] = [];
  const vsPsql: number[] = [];
  const vsNodePg: number[] = [];
  let held = 0;
  let rssGrowth = 0;
  for (let r = 0; r < RUNS; r++) {
    const before = rssOf(backend.pid!);
    const t = await fetchTusk();
    rssGrowth = Math.max(rssGrowth, rssOf(backend.pid!) - before);
    held = t.bytes;
    await socket.call('queries.close', { queryId: t.queryId });
    const p = fetchPsql();
    const n = await fetchNodePg();
    tusk.push(t.ms);
    psql.push(p);
    nodePgTimes.push(n);
    vsPsql.push(t.ms / p);
    vsNodePg.push(t.ms / n);
  }
  await nodePg.end();

  // Cancel latency: pg_sleep(30), cancel after 100 ms.
  const cancelTimes = async (connectionId: string, runs: number) => {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { queryId } = await socket.call('queries.execute', {
        connectionId,
        sql: 'SELECT pg_sleep(30)',
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const ended = socket.end(queryId);
      const started = performance.now();
      await socket.call('queries.cancel', { queryId });
      const end = await ended;
      if (end.event !== 'query.cancelled') throw new Error(`cancel ended with ${end.event}`);
      times.push(end.at - started);
      await socket.call('queries.close', { queryId });
    }
    return times;
  };
  const cancels = {
    plain: await cancelTimes(plain, 20),
    tls: await cancelTimes(tls, 20),
    ssh: await cancelTimes(ssh, 20),
  };

  // app.health on a second socket while a 1M-row fetch runs.
  const other = await Socket.open(url);
  const healthIdle: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await other.call('app.health');
    healthIdle.push(performance.now() - started);
  }
  const health: number[] = [];
  const { queryId } = await socket.call('queries.execute', { connectionId: plain, sql: SELECT });
  let done = false;
  void socket.end(queryId).then(() => (done = true));
  while (!done) {
    const started = performance.now();
    await other.call('app.health');
    health.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  other.close();
  socket.close();
  backend.kill('SIGTERM');
  await new Promise((resolve) => backend.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });

  const mb = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `| measure (${RUNS} runs, 1M rows × 6 columns, loopback) | Tusk | anchor | ratio (median of pairs) | target |`,
  );
  console.log('|---|---|---|---|---|');
  console.log(
    `| fetch into the result store vs \`psql -X -At\` > /dev/null | ${ms(median(tusk))} | ${ms(median(psql))} | ${median(vsPsql).toFixed(2)}× | ≤ 0.9× (stretch 0.7×) |`,
  );
  console.log(
    `| the same vs node-postgres, array rows | ${ms(median(tusk))} | ${ms(median(nodePgTimes))} | ${median(vsNodePg).toFixed(2)}× | ≤ 0.5× |`,
  );
  console.log(`| memory the result holds (memoryBytes) | ${mb(held)} | — | — | ≤ 130 MB |`);
  console.log(`| backend RSS growth while fetching (largest) | ${mb(rssGrowth)} | — | — | — |`);
  for (const [name, times] of Object.entries(cancels)) {
    console.log(
      `| cancel → query.cancelled, ${name} (20 runs) | median ${ms(median(times))}, worst ${ms(Math.max(...times))} | — | — | median ≤ ${name === 'plain' ? 10 : 15} ms, worst ≤ 2000 ms |`,
    );
  }
  console.log(
    `| app.health during a 1M-row fetch (${health.length} calls) | p50 ${ms(median(health))}, p99 ${ms(quantile(health, 0.99))} | idle p99 ${ms(quantile(healthIdle, 0.99))} | — | p99 ≤ 50 ms |`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
