// Benchmark: the schema cache on a database of 20,000 tables × 10 columns (made here:
// bench/wide-database.ts), over the real backend (node dist/app/serve.js) and the
// harness's PostgreSQL. Each figure beside its anchor, measured in the same run:
// - catalog load (`schema.refresh`, the reply's wall time) beside `psql -c '\dt *.*'` on the
//   same database (spawn to exit, median of RUNS);
// - search for a column name (`schema.search`) beside a round trip of `app.health`;
// - the page's parts (tree, filter, completion popup) in bench/schema-page.ts.
// Runs: TUSK_BENCH_RUNS (default 5). Prints Markdown table rows.
import { spawnSync } from 'node:child_process';
import { ms, quantile, startBenchBackend, type BenchBackend } from './page-support';
import { benchPg } from './serve-backend';
import { dropWideDatabase, makeWideDatabase, TABLES } from './wide-database';
import { measurePage } from './schema-page';

const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 5);
const DATABASE = 'tusk_bench_wide';

/** Wall times of `work` run `runs` times, ms. */
async function times(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  return out;
}

/** One table row: the measure, its median and p95, the anchor's median, and the ratio. */
function row(what: string, xs: number[], anchor: number[], anchorName: string, target: string) {
  const median = quantile(xs, 0.5);
  const anchorMedian = quantile(anchor, 0.5);
  console.log(
    `| ${what} | ${ms(median)} | ${ms(quantile(xs, 0.95))} | ${anchorName} ${ms(anchorMedian)} | ${(median / anchorMedian).toFixed(2)}× | ${target} |`,
  );
}

async function main(): Promise<void> {
  const pg = benchPg();
  const made = await makeWideDatabase(pg, DATABASE);
  console.error(`made ${TABLES} tables × 10 columns in ${ms(made)}`);
  let backend: BenchBackend | null = null;
  try {
    backend = await startBenchBackend();
    const saved = await backend.call('connections.save', {
      name: 'Wide bench',
      host: pg.host,
      port: pg.port,
      database: DATABASE,
      username: pg.username,
      sslMode: 'disable',
    });
    const connectionId = saved.id as string;
    await backend.call('connections.connect', { id: connectionId, password: pg.password });
    const call = backend.call;
    const psql = await times(RUNS, async () => {
      const r = spawnSync('psql', ['-X', '-q', '-c', '\\dt *.*', '-o', '/dev/null'], {
        env: {
          ...process.env,
          PGHOST: pg.host,
          PGPORT: String(pg.port),
          PGUSER: pg.username,
          PGPASSWORD: pg.password,
          PGDATABASE: DATABASE,
        },
      });
      if (r.status !== 0) throw new Error(`psql failed: ${String(r.stderr)}`);
    });
    const load = await times(RUNS, () => call('schema.refresh', { connectionId }));
    const health = await times(RUNS * 20, () => call('app.health', {}));
    const search = await times(RUNS * 20, () =>
      call('schema.search', { connectionId, text: 'customer_i', limit: 50 }),
    );
    console.log('| measure | median | p95 | anchor (median) | ratio | target |');
    console.log('|---|---|---|---|---|---|');
    row('catalog load (schema.refresh)', load, psql, "psql '\\dt *.*'", '≤ 1 s');
    row('search a column name (schema.search)', search, health, 'app.health', '≤ 50 ms');
    await measurePage(backend, connectionId, row, RUNS);
  } finally {
    await backend?.stop();
    await dropWideDatabase(pg, DATABASE);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
