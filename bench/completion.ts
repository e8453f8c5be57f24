// Benchmark (issue 25): completion and hover in the backend on a catalog of 20,000 tables ×
// 10 columns (plus 3,000 built-in functions and the server's ~500 keywords), built in
// memory as the schema cache holds it. Measures `completeAt`/`symbolAt` per keystroke,
// the index built once per snapshot, and as anchor PostgreSQL's scanner alone on the same
// text. Target: ≤ 30 ms a keystroke. Prints a Markdown table. Runs: TUSK_BENCH_RUNS (200).
import { completeAt } from '../app/models/schema/completion';
import type { CatalogSnapshot, TreeObject } from '../app/models/schema/schema-types';
import { symbolAt } from '../app/models/schema/symbol-at';
import { loadParser, scanTokens } from '../app/models/sql/pg-parser';

const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 200);
const TABLES = 20_000;

function snapshot(): CatalogSnapshot {
  const objects: TreeObject[] = [];
  let oid = 20_000;
  for (let t = 0; t < TABLES; t += 1) {
    const columns = Array.from({ length: 10 }, (_, c) => ({
      name: c === 0 ? 'id' : `col_${t}_${c}`,
      type: c % 2 ? 'text' : 'integer',
    }));
    const schema = t % 10 === 9 ? 'other' : 'public';
    objects.push({
      kind: 'table',
      schema,
      name: `t_${t}`,
      oid: oid++,
      comment: null,
      columns,
      readable: true,
    });
  }
  for (let f = 0; f < 3000; f += 1) {
    const name = `fn_${f % 1000}`;
    objects.push({
      kind: 'function',
      schema: 'pg_catalog',
      name,
      oid: oid++,
      comment: null,
      arguments: 'integer',
      returns: 'integer',
      readable: true,
    });
  }
  const keywords = Array.from({ length: 500 }, (_, k) => ({
    word: `kw${k}`,
    category: 'unreserved' as const,
  }));
  const schemas = ['public', 'other', 'pg_catalog'].map((name) => ({
    name,
    owner: 'postgres',
    system: name === 'pg_catalog',
    counts: {},
  }));
  return {
    serverVersion: 180000,
    loadedAt: Date.now(),
    loadMs: 0,
    searchPath: ['pg_catalog', 'public'],
    schemas,
    objects,
    keywords,
  };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)]!,
    p95: s[Math.floor(s.length * 0.95)]!,
    max: s[s.length - 1]!,
  };
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main() {
  await loadParser();
  const catalog = snapshot();
  const path = catalog.searchPath;
  const began = performance.now();
  completeAt(catalog, { sql: 'select 1', offset: 8, searchPath: path, explicit: true });
  const first = performance.now() - began;
  const cases: [string, string][] = [
    ['after FROM, 3 letters typed', 'select * from t_1|'],
    ['after FROM, nothing typed (Ctrl+Space)', 'select * from |'],
    ['alias columns `o.`', 'select o.| from t_12345 o'],
    [
      'select list, FROM after the cursor',
      'select | from t_12345 join t_777 b on b.id = t_12345.id',
    ],
    ['a word in WHERE', 'select * from t_12345 a join t_777 b on b.id = a.id where col_1|'],
  ];
  console.log(
    `Completion on ${TABLES.toLocaleString('en')} tables × 10 columns (${new Date().toISOString().slice(0, 10)}, ${RUNS} runs):`,
  );
  console.log(`first call, index built: ${ms(first)}\n`);
  console.log('| case | items | median | p95 | max | anchor: scanner alone (median) |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, marked] of cases) {
    const offset = marked.indexOf('|');
    const sql = marked.slice(0, offset) + marked.slice(offset + 1);
    const times: number[] = [];
    const anchor: number[] = [];
    let items = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      items = completeAt(catalog, { sql, offset, searchPath: path, explicit: true }).items.length;
      times.push(performance.now() - t0);
      const t1 = performance.now();
      scanTokens(sql);
      anchor.push(performance.now() - t1);
    }
    const s = stats(times);
    console.log(
      `| ${name} | ${items} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.max)} | ${ms(stats(anchor).median)} |`,
    );
  }
  const sql = 'select a.col_12345_3 from t_12345 a';
  const hover = Array.from({ length: RUNS }, () => {
    const t0 = performance.now();
    symbolAt(catalog, { sql, offset: 10, searchPath: path });
    return performance.now() - t0;
  });
  const h = stats(hover);
  console.log(
    `| hover (schema.at) on a column | — | ${ms(h.median)} | ${ms(h.p95)} | ${ms(h.max)} | — |`,
  );
}

void main();
