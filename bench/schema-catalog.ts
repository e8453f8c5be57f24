// Benchmark: the schema domain's catalog at scale. Makes a scratch database of 20,000
// tables × 10 columns (a primary key each) on the harness's PostgreSQL, then measures
// loadCatalog (the seven catalog queries and their parsing) with the search index built
// from it (after one warm-up load), the schemas with their counts as `schema.tree` gives
// them before the catalog has loaded, schema.search over its 200,000 columns, and, as the anchor of the same run,
// `psql -c '\dt *.*'` on the same database. Drops the database after. Targets (issue 25):
// load ≤ 1 s, search ≤ 50 ms. Run through bench/schema-catalog.mjs (starts the harnesses).
// TUSK_BENCH_TABLES sets the table count (default 20000).
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import { DriverSession } from '../app/models/driver/driver-session';
import { CatalogIndex } from '../app/models/schema/catalog-index';
import { loadCatalog, loadSchemaSummaries } from '../app/models/schema/catalog-load';

const pg = JSON.parse(process.env['TUSK_BENCH_PG'] ?? '{}') as {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
};
const TABLES = Number(process.env['TUSK_BENCH_TABLES'] ?? 20_000);
const DATABASE = 'tusk_bench_catalog';
const RUNS = 7;

const admin = (database: string) =>
  postgres({ ...pg, database, max: 1, onnotice: () => {} } as postgres.Options<
    Record<string, never>
  >);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const worst = (values: number[]) => Math.max(...values);
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

async function makeDatabase(): Promise<void> {
  const root = admin(pg.database);
  await root.unsafe(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await root.unsafe(`CREATE DATABASE ${DATABASE}`);
  await root.end();
  const db = admin(DATABASE);
  for (let from = 0; from < TABLES; from += 1000) {
    const to = Math.min(from + 1000, TABLES) - 1;
    await db.unsafe(`DO $$ BEGIN FOR i IN ${from}..${to} LOOP EXECUTE format(
      'CREATE TABLE t%s (id bigint PRIMARY KEY, name text NOT NULL, qty integer DEFAULT 0,
        price numeric(10,2), created_at timestamptz DEFAULT now(), active boolean, doc jsonb,
        code varchar(40), day date, ref uuid)', i); END LOOP; END $$`);
  }
  // A settled database, as a user's is: hint bits set, statistics taken.
  await db.unsafe('VACUUM ANALYZE pg_class, pg_attribute, pg_type, pg_namespace, pg_description');
  await db.end();
}

async function main(): Promise<void> {
  process.stderr.write(`making ${TABLES} tables…\n`);
  await makeDatabase();
  const session = new DriverSession({
    host: pg.host,
    port: pg.port,
    user: pg.username,
    database: DATABASE,
    password: pg.password,
    ssl: false,
    connectTimeoutSeconds: 10,
    keepAliveSeconds: 60,
    socketTimeoutMs: () => 0,
    startup: {},
  });
  try {
    const loads: number[] = [];
    let index: CatalogIndex | undefined = new CatalogIndex(await loadCatalog(session)); // warm-up
    for (let run = 0; run < RUNS; run++) {
      const began = performance.now();
      index = new CatalogIndex(await loadCatalog(session));
      loads.push(performance.now() - began);
    }
    const firstLevel: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const began = performance.now();
      await loadSchemaSummaries(session);
      firstLevel.push(performance.now() - began);
    }
    const columns = index!.snapshot.objects.reduce((n, o) => n + (o.columns?.length ?? 0), 0);
    const searches: number[] = [];
    for (const text of ['created_at', 't1999', 'zzz', 'price', 'e', 'ref']) {
      for (let run = 0; run < RUNS; run++) {
        const began = performance.now();
        index!.search(text, 50);
        searches.push(performance.now() - began);
      }
    }
    const anchors: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const began = performance.now();
      execFileSync(
        'psql',
        ['-X', '-q', '-h', pg.host, '-p', String(pg.port), '-U', pg.username, '-d', DATABASE],
        {
          input: '\\dt *.*\n',
          env: { ...process.env, PGPASSWORD: pg.password },
          stdio: ['pipe', 'ignore', 'inherit'],
        },
      );
      anchors.push(performance.now() - began);
    }
    console.log(
      `| measure (${TABLES} tables, ${columns} columns, ${RUNS} runs) | median | worst | target |`,
    );
    console.log('|---|---|---|---|');
    console.log(
      `| catalog load + search index | ${ms(median(loads))} | ${ms(worst(loads))} | ≤ 1 s |`,
    );
    console.log(
      `| schema.search (6 texts) | ${ms(median(searches))} | ${ms(worst(searches))} | ≤ 50 ms |`,
    );
    console.log(
      `| anchor: psql -c '\\dt *.*' (process included) | ${ms(median(anchors))} | ${ms(worst(anchors))} | — |`,
    );
  } finally {
    await session.end(1);
    const root = admin(pg.database);
    await root.unsafe(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await root.end();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
