// Benchmark (issue 27): export and import through the real backend (node dist/app/serve.js,
// driven over its WebSocket and HTTP as the views drive it), each against its anchor
// measured in the same run, alternating, so the ratio holds on a noisy machine:
// - export 1M rows × 6 columns of a table to CSV in a folder (export.start → export.completed)
//   against `psql -c "\copy (SELECT …) TO 'file' CSV HEADER"`, and the backend's RSS growth
//   during the export (sampled every 20 ms);
// - the same rows by the row path (a statement with a parameter, which COPY cannot take);
// - import of that CSV into an empty table (import.start, the file PUT in chunks →
//   import.completed) against `psql -c "\copy t FROM 'file' CSV HEADER"`.
// Prints Markdown table rows. Runs: TUSK_BENCH_RUNS (default 3).
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { benchPg, Socket, startBackend, type Payload } from './serve-backend';

const pg = benchPg();
const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 3);
const ROWS = 1_000_000;
/** Bytes one PUT of an import carries (the views send 4 MiB slices). */
const CHUNK = 4 * 1024 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MB`;

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) * 1024;
}

/** Runs psql with `command` on the harness's server; its time in ms. */
function psql(command: string): number {
  const started = performance.now();
  const run = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], {
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
}

/** Waits for the terminal event of an export or import; throws on a failure. */
async function ended(socket: Socket, id: string): Promise<Payload> {
  const done = (events: string[]) => events.some((e) => !e.endsWith('.progress'));
  if (!(await socket.until(id, done, 300_000))) throw new Error(`${id} did not end`);
  const end = socket.events.get(id)!.find((e) => !e.event.endsWith('.progress'))!;
  if (end.event.endsWith('.failed'))
    throw new Error(`${end.event}: ${JSON.stringify(end.payload)}`);
  return end.payload;
}

async function main() {
  const admin = postgres({ ...pg, ssl: false, onnotice: () => {} });
  await admin.unsafe(`DROP TABLE IF EXISTS bench_rows, bench_import`);
  await admin.unsafe(`CREATE TABLE bench_rows AS SELECT g::int AS i, g::bigint * 1000003 AS b,
      md5(g::text) AS t, '2024-01-01'::timestamptz + g * interval '1.000123 second' AS ts,
      (g / 7.0)::numeric(14,4) AS n, g % 3 = 0 AS f FROM generate_series(1, ${ROWS}) g`);
  await admin.unsafe('CREATE TABLE bench_import (LIKE bench_rows)');
  await admin.unsafe('VACUUM ANALYZE bench_rows');

  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-bench-t-'));
  const folder = mkdtempSync(join(tmpdir(), 'tusk-bench-files-'));
  const { child, url } = await startBackend(dataDir);
  const socket = await Socket.open(url);
  // The page's origin: uploadUrl is an absolute path under the token.
  const httpBase = new URL(url.replace(/^ws:/, 'http:')).origin;
  const saved = await socket.call('connections.save', {
    name: 'bench',
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: pg.username,
    sslMode: 'disable',
  });
  await socket.call('connections.connect', { id: saved.id, password: pg.password });
  const connectionId = saved.id as string;

  /** One export into the folder; its time, the file and the RSS growth while it ran. */
  const exportTusk = async (source: unknown) => {
    const before = rssOf(child.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 20);
    const started = performance.now();
    const { exportId } = await socket.call('export.start', {
      connectionId,
      source,
      format: 'csv',
      options: { header: true },
      destination: { folder },
    });
    const end = await ended(socket, exportId);
    const took = performance.now() - started;
    clearInterval(sampler);
    if (end['rows'] !== ROWS) throw new Error(`exported ${String(end['rows'])} rows`);
    return { ms: took, path: end['path'] as string, growth: peak - before };
  };
  const psqlFile = join(folder, 'psql.csv');
  const exportPsql = () => psql(`\\copy (SELECT * FROM bench_rows) TO '${psqlFile}' CSV HEADER`);

  /** One import of `file` into the empty bench_import; its time. */
  const importTusk = async (file: string) => {
    await admin.unsafe('TRUNCATE bench_import');
    const started = performance.now();
    const { importId, uploadUrl } = await socket.call('import.start', {
      connectionId,
      table: { schema: 'public', name: 'bench_import' },
      columns: ['i', 'b', 't', 'ts', 'n', 'f'].map((target, source) => ({ source, target })),
      options: { format: 'csv', header: true },
    });
    const size = statSync(file).size;
    const fd = openSync(file, 'r');
    try {
      for (let offset = 0, part = 0; offset < size || part === 0; offset += CHUNK, part++) {
        const length = Math.min(CHUNK, size - offset);
        const body = Buffer.alloc(length);
        readSync(fd, body, 0, length, offset);
        const last = offset + length >= size;
        const address = new URL(`${uploadUrl}?part=${part}${last ? '&last=1' : ''}`, httpBase);
        const reply = await fetch(address, {
          method: 'PUT',
          body,
          headers: { 'Content-Type': 'application/octet-stream' },
        });
        if (!reply.ok) throw new Error(`PUT ${reply.status}: ${await reply.text()}`);
        if (last) break;
      }
    } finally {
      closeSync(fd);
    }
    const end = await ended(socket, importId);
    const took = performance.now() - started;
    if (end['rows'] !== ROWS) throw new Error(`imported ${String(end['rows'])} rows`);
    return took;
  };
  const importPsql = async (file: string) => {
    await admin.unsafe('TRUNCATE bench_import');
    return psql(`\\copy bench_import FROM '${file}' CSV HEADER`);
  };

  // Warm-up: one of each.
  const first = await exportTusk({ table: { schema: 'public', name: 'bench_rows' } });
  exportPsql();
  rmSync(first.path);

  const rows: Record<string, number[]> = {
    copy: [],
    psqlOut: [],
    growth: [],
    rowPath: [],
    rowGrowth: [],
    imp: [],
    psqlIn: [],
    vsOut: [],
    vsRow: [],
    vsIn: [],
  };
  for (let r = 0; r < RUNS; r++) {
    const t = await exportTusk({ table: { schema: 'public', name: 'bench_rows' } });
    const p = exportPsql();
    const row = await exportTusk({
      sql: 'SELECT * FROM bench_rows WHERE $1::int > 0',
      params: ['1'],
    });
    rows['copy']!.push(t.ms);
    rows['psqlOut']!.push(p);
    rows['growth']!.push(t.growth);
    rows['rowPath']!.push(row.ms);
    rows['rowGrowth']!.push(row.growth);
    rows['vsOut']!.push(t.ms / p);
    rows['vsRow']!.push(row.ms / p);
    rmSync(row.path);
    const i = await importTusk(t.path);
    const q = await importPsql(psqlFile);
    rows['imp']!.push(i);
    rows['psqlIn']!.push(q);
    rows['vsIn']!.push(i / q);
    rmSync(t.path);
  }
  const m = (k: string) => median(rows[k]!);
  const max = (k: string) => Math.max(...rows[k]!);
  console.log(
    `| measure (${RUNS} runs, ${ROWS.toLocaleString('en')} rows × 6) | Tusk | anchor | ratio (median) | target |`,
  );
  console.log('|---|---|---|---|---|');
  console.log(
    `| export to CSV, COPY path (table) vs psql \\copy | ${ms(m('copy'))} | ${ms(m('psqlOut'))} | ${m('vsOut').toFixed(2)}× | ≤ 1.0× |`,
  );
  console.log(
    `| backend RSS growth during the export | ${mb(max('growth'))} (worst) | — | — | ≤ 20 MB |`,
  );
  console.log(
    `| export to CSV, row path (a statement with $1) vs psql \\copy | ${ms(m('rowPath'))} | ${ms(m('psqlOut'))} | ${m('vsRow').toFixed(2)}× | — |`,
  );
  console.log(
    `| backend RSS growth, row path | ${mb(max('rowGrowth'))} (worst) | — | — | ≤ 20 MB |`,
  );
  console.log(
    `| import of the CSV vs psql \\copy FROM | ${ms(m('imp'))} | ${ms(m('psqlIn'))} | ${m('vsIn').toFixed(2)}× | ≤ 1.2× |`,
  );

  socket.close();
  child.kill();
  await admin.unsafe('DROP TABLE IF EXISTS bench_rows, bench_import');
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
