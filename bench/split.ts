// Benchmark (issue 21): splitting long scripts (`splitSql`, PostgreSQL's own parser and
// scanner), 10,000 statements as the anchor, then 40,000 and 100,000, whole and with one
// statement broken (the scanner's fallback). Linear time gives ratios near 4 and 10; the
// split before issue 21 gave 14.5 and ~125 (4.9 s, 71 s and 61 s measured then).
// Prints a Markdown table. Runs: TUSK_BENCH_RUNS (default 3).
import { loadParser } from '../app/models/sql/pg-parser';
import { splitSql } from '../app/models/sql/split';

const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function script(n: number, broken: boolean): string {
  const lines = Array.from({ length: n }, (_, i) => `INSERT INTO t VALUES (${i}, 'é row ${i}');`);
  if (broken) lines[Math.floor(n / 2)] = 'SELEC broken;';
  return lines.join('\n');
}

function time(sql: string): number {
  const began = performance.now();
  splitSql(sql);
  return performance.now() - began;
}

async function main() {
  await loadParser();
  console.log(`Splitting scripts (${new Date().toISOString().slice(0, 10)}, median of ${RUNS}):`);
  console.log('| statements | whole | ratio | one broken | ratio |');
  console.log('|---|---|---|---|---|');
  let anchor = { whole: 0, broken: 0 };
  for (const n of [10_000, 40_000, 100_000]) {
    const whole = median(Array.from({ length: RUNS }, () => time(script(n, false))));
    const broken = median(Array.from({ length: RUNS }, () => time(script(n, true))));
    if (n === 10_000) anchor = { whole, broken };
    console.log(
      `| ${n.toLocaleString('en')} | ${whole.toFixed(0)} ms | ${(whole / anchor.whole).toFixed(1)}× | ${broken.toFixed(0)} ms | ${(broken / anchor.broken).toFixed(1)}× |`,
    );
  }
}

void main();
