// Benchmark (issue 30): the first big fetch after start as fast as the fifth. A fresh
// backend (node dist/app/serve.js, started for the bench) connects once, then fetches
// `SELECT * FROM bench_rows` (1M rows × 6 columns: int, bigint, md5 text, timestamptz,
// numeric(14,4), boolean) RUNS times in a row, each result closed before the next, timed
// from the bench's socket (execute → query.completed). After each Tusk run, the anchor:
// `psql -X -At` of the same SELECT into /dev/null (spawn to exit), in the same run.
// Each run is printed on its own, with its ratio to the psql run beside it, so a cold start
// cannot hide in a median; each fetch's execute → first rows pushed (query.rows), and the
// backend's CPU time over it (utime + stime, /proc/<pid>/stat: steadier than wall time).
// Second anchor, the floor: the server's own time to make the rows' text with no client
// at all (EXPLAIN (ANALYZE, SERIALIZE TEXT), PostgreSQL 17+), after each psql run. Third, the
// wire floor: a bare protocol client that keeps nothing (bench/wire-floor.ts), the server's
// text and its trip over the loopback, the least any client takes.
// Also Run → the first rows in hand of a small query (1,000 rows) as the fresh backend's
// very first query, and again once warm. (That result chunks are reused across results is a test:
// spec/controllers/chunk-reuse.spec.ts.)
// TUSK_BENCH_RUNS (default 7), TUSK_BENCH_ROWS (default 1,000,000), TUSK_BENCH_SETTLE_MS. TUSK_BENCH_NODE_ARGS
// adds flags to the backend's node (e.g. `--cpu-prof`). Prints Markdown table rows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { benchPg, connectPlain, libpqEnv, Socket, startBackend } from './serve-backend';
import { WireClient } from './wire-floor';

const pg = benchPg();
const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 7);
const ROWS = Number(process.env['TUSK_BENCH_ROWS'] ?? 1_000_000);
const SELECT = 'SELECT * FROM bench_rows';
const ms = (x: number) => `${x.toFixed(0)} ms`;
/** The pause between the connect and the first query (TUSK_BENCH_SETTLE_MS, default 1,500). */
const SETTLE_MS = Number(process.env['TUSK_BENCH_SETTLE_MS'] ?? 1500);
const TERMINAL = new Set(['query.completed', 'query.failed', 'query.cancelled']);

/** utime + stime of process `pid`, ms (USER_HZ 100). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `psql -X -At -c SELECT > /dev/null`, spawn to exit, ms. */
function fetchPsql(): number {
  const started = performance.now();
  const run = spawnSync('sh', ['-c', `psql -X -At -c '${SELECT}' > /dev/null`], {
    env: libpqEnv(pg),
  });
  if (run.status !== 0) throw new Error(`psql failed: ${String(run.stderr)}`);
  return performance.now() - started;
}

/**
 * The server's own time to make the rows' text, with no client: EXPLAIN (ANALYZE,
 * SERIALIZE TEXT) of the SELECT (PostgreSQL 17+), ms; NaN before 17. No client can fetch
 * faster than this.
 */
async function serverFloor(admin: postgres.Sql): Promise<number> {
  const [shown] = await admin<{ server_version_num: string }[]>`SHOW server_version_num`;
  if (!(Number(shown?.server_version_num) >= 170000)) return NaN;
  const plan = await admin.unsafe(`EXPLAIN (ANALYZE, SERIALIZE TEXT, TIMING OFF) ${SELECT}`);
  const line = plan.map((r) => String(r['QUERY PLAN'])).find((l) => l.startsWith('Execution Time'));
  return Number(/([\d.]+) ms/.exec(line ?? '')?.[1] ?? NaN);
}

/** Run → the first rows in hand: pushed (query.rows) or, for a result done at once, read. */
async function firstRowsOf(socket: Socket, connectionId: string, sql: string): Promise<number> {
  const started = performance.now();
  const { queryId } = await socket.call('queries.execute', { connectionId, sql });
  await socket.until(queryId, (e) => e.includes('query.rows') || e.some((x) => TERMINAL.has(x)));
  if (!socket.events.get(queryId)?.some((e) => e.event === 'query.rows')) {
    await socket.call('queries.page', { queryId, offset: 0, limit: 100 });
  }
  const at = performance.now() - started;
  await socket.until(queryId, (e) => e.some((x) => TERMINAL.has(x)));
  await socket.call('queries.close', { queryId });
  return at;
}

async function makeTable(admin: postgres.Sql): Promise<void> {
  await admin.unsafe(`DROP TABLE IF EXISTS bench_rows`);
  await admin.unsafe(`CREATE TABLE bench_rows AS SELECT g::int AS i, g::bigint * 1000003 AS b,
      md5(g::text) AS t, '2024-01-01'::timestamptz + g * interval '1.000123 second' AS ts,
      (g / 7.0)::numeric(14,4) AS n, g % 3 = 0 AS f FROM generate_series(1, ${ROWS}) g`);
  await admin.unsafe('VACUUM ANALYZE bench_rows');
}

/** execute → the query's end (and → its first rows), ms; the result closed after. */
async function fetchTusk(socket: Socket, connectionId: string, sql: string, rows: number) {
  const started = performance.now();
  let first = NaN;
  const { queryId } = await socket.call('queries.execute', { connectionId, sql });
  await socket.until(
    queryId,
    (events) => {
      if (Number.isNaN(first) && events.includes('query.rows')) first = performance.now();
      return events.some((e) => TERMINAL.has(e));
    },
    60_000,
  );
  const end = performance.now();
  const terminal = socket.events.get(queryId)?.find((e) => TERMINAL.has(e.event));
  if (terminal?.event !== 'query.completed') throw new Error(`ended with ${terminal?.event}`);
  const status = await socket.call('queries.status', { queryId });
  if (status.rowCount !== rows) throw new Error(`fetched ${status.rowCount} rows`);
  await socket.call('queries.close', { queryId });
  return { total: end - started, first: first - started };
}

async function main(): Promise<void> {
  const admin = postgres({ ...pg, ssl: false, max: 1, onnotice: () => {} });
  await makeTable(admin);
  fetchPsql(); // psql's own warm-up: the table's pages in shared buffers
  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-bench-first-'));
  const extra = process.env['TUSK_BENCH_NODE_ARGS'];
  const { child, url } = await startBackend(dataDir, process.env, extra?.split(' ') ?? []);
  const rows: string[] = [];
  try {
    const socket = await Socket.open(url);
    const saved = { id: await connectPlain(socket, pg, 'first fetch') };
    const tusk: number[] = [];
    const psql: number[] = [];
    const floor: number[] = [];
    const wire: number[] = [];
    const bare = await WireClient.open(pg);
    const firstRows: number[] = [];
    const cpu: number[] = [];
    const small = 'SELECT * FROM bench_rows LIMIT 1000';
    // As a user types it: after the connect's own work (the schema catalog's load) is done.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // The fresh backend's first query is a small one: Run → first rows, cold.
    const cold = await firstRowsOf(socket, saved.id, small);
    for (let r = 0; r < RUNS; r++) {
      const before = cpuMs(child.pid!);
      const run = await fetchTusk(socket, saved.id, SELECT, ROWS);
      cpu.push(cpuMs(child.pid!) - before);
      tusk.push(run.total);
      firstRows.push(run.first);
      psql.push(fetchPsql());
      floor.push(await serverFloor(admin));
      wire.push(await bare.fetch(SELECT));
    }
    bare.close();
    const warm = await firstRowsOf(socket, saved.id, small);
    socket.close();
    const x = (a: number, b: number) => (Number.isNaN(b) ? '—' : `${(a / b).toFixed(2)}×`);
    const of = (a: number, b: number) => (Number.isNaN(a) ? '—' : `${ms(a)} (${x(a, b)})`);
    rows.push(
      `| ${(ROWS / 1e6).toFixed(ROWS % 1e6 ? 1 : 0)}M rows × 6 columns, fresh backend | Tusk | psql -At | Tusk ÷ psql | wire floor (÷ psql) | server alone (÷ psql) | Tusk ÷ wire | first rows | backend CPU |`,
      `|---|---|---|---|---|---|---|---|---|`,
      ...tusk.map(
        (t, i) =>
          `| run ${i + 1} | ${ms(t)} | ${ms(psql[i]!)} | ${x(t, psql[i]!)} | ${of(wire[i]!, psql[i]!)} | ${of(floor[i]!, psql[i]!)} | ${x(t, wire[i]!)} | ${ms(firstRows[i]!)} | ${ms(cpu[i]!)} |`,
      ),
      ``,
      `| Run → first rows in hand, \`${small}\` | ms |`,
      `|---|---|`,
      `| the fresh backend's first query, ${SETTLE_MS} ms after the connect | ${cold.toFixed(1)} |`,
      `| after the ${RUNS} fetches | ${warm.toFixed(1)} |`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await admin.end();
  }
  console.log(rows.join('\n'));
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
