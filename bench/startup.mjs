// Benchmark: browser-mode cold start (spawn → address printed → first app.health answer)
// and the idle backend's resident memory. Targets: SC-001 start < 1 s, SC-002 idle < 100 MB.
// Run: npm run bench (after npm run build). Prints a Markdown table row per measure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

const RUNS = Number(process.env.RUNS ?? 10);
const root = join(import.meta.dirname, '..');

function once() {
  return new Promise((resolve, reject) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tusk-bench-'));
    const started = performance.now();
    const child = spawn(process.execPath, [
      join(root, 'dist/app/serve.js'),
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ]);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\/(\w+)\//.exec(out);
      if (!match || child.printed) return;
      child.printed = performance.now() - started;
      const ws = new WebSocket(`ws://127.0.0.1:${match[1]}/${match[2]}/ws`);
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'app.health', params: {} })));
      ws.on('message', () => {
        const answered = performance.now() - started;
        ws.close();
        setTimeout(() => {
          const rss =
            Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) /
            1024;
          child.kill('SIGTERM');
          child.on('exit', () => {
            rmSync(dataDir, { recursive: true, force: true });
            resolve({ printed: child.printed, answered, rss });
          });
        }, 2000);
      });
    });
    child.on('error', reject);
  });
}

const results = [];
for (let i = 0; i < RUNS; i++) results.push(await once());
const median = (key) =>
  results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
const max = (key) => Math.max(...results.map((r) => r[key]));
console.log(
  `| measure (${RUNS} runs, ${process.platform}-${process.arch}, Node ${process.versions.node}) | median | worst | target |`,
);
console.log('|---|---|---|---|');
console.log(
  `| spawn → address printed | ${median('printed').toFixed(0)} ms | ${max('printed').toFixed(0)} ms | — |`,
);
console.log(
  `| spawn → first app.health answer (SC-001) | ${median('answered').toFixed(0)} ms | ${max('answered').toFixed(0)} ms | < 1000 ms |`,
);
console.log(
  `| idle backend RSS after 2 s (SC-002) | ${median('rss').toFixed(1)} MB | ${max('rss').toFixed(1)} MB | < 100 MB |`,
);
