// Benchmark: local storage. Targets (issue 4): history full-text search over 10,000 entries
// ≤ 5 ms; state init (open + integrity check + migrations) on an existing database ≤ 100 ms.
// Run through bench/storage.mjs (npm run bench). Prints Markdown table rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryRepository } from '../app/models/storage/history-repository';
import { openLocalDatabase } from '../app/models/storage/local-database';

const ENTRIES = 10_000;
const SEARCHES = 200;
const OPENS = 20;

const WORDS = ['orders', 'customers', 'invoices', 'status', 'total', 'created_at', 'region', 'sku'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function row(name: string, values: number[], target: string): string {
  const f = (v: number) => `${v.toFixed(2)} ms`;
  return `| ${name} | ${f(percentile(values, 50))} | ${f(percentile(values, 95))} | ${target} |`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tusk-bench-storage-'));
  try {
    const local = await openLocalDatabase({ dataDir: dir });
    const history = new HistoryRepository(local.db);
    const start = Date.now() - ENTRIES * 1000;
    for (let i = 0; i < ENTRIES; i++) {
      const a = WORDS[i % WORDS.length]!;
      const b = WORDS[(i * 7) % WORDS.length]!;
      await history.add({
        connectionId: `c${i % 3}`,
        sql: `SELECT id, ${b}, note_${i} FROM ${a} WHERE ${b} > ${i} ORDER BY ${a}.id LIMIT 100`,
        startedAt: new Date(start + i * 1000).toISOString(),
        durationMs: i % 500,
        rowCount: i % 100,
        outcome: 'ok',
        sqlstate: null,
      });
    }
    const searches: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const k = (i * 37) % ENTRIES;
      const text = `${WORDS[k % WORDS.length]!.slice(0, 4)} note_${k}`;
      const t = performance.now();
      const found = await history.search({ text, limit: 100 });
      searches.push(performance.now() - t);
      if (found.length === 0) throw new Error(`no result for "${text}"`);
    }
    const common: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const t = performance.now();
      await history.search({ text: WORDS[i % WORDS.length]!, limit: 100 });
      common.push(performance.now() - t);
    }
    await local.close();

    const opens: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const t = performance.now();
      const again = await openLocalDatabase({ dataDir: dir });
      opens.push(performance.now() - t);
      await again.close();
    }
    console.log(
      `| measure (${process.platform}-${process.arch}, Node ${process.versions.node}) | median | p95 | target |`,
    );
    console.log('|---|---|---|---|');
    console.log(
      row(`history search, ${ENTRIES} entries, 2 words (${SEARCHES} runs)`, searches, '≤ 5 ms'),
    );
    console.log(row('history search, one common word (1 in 4 entries match)', common, '≤ 5 ms'));
    console.log(
      row(
        `state init on an existing db: open, quick_check, migrations (${OPENS} runs)`,
        opens,
        '≤ 100 ms',
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
