// Benchmark (issue 16): scrolling a 1M-row result in the grid, in Debian's Chromium, over
// the real backend (node dist/app/serve.js) and the harness's PostgreSQL.
// - "drag": the scroll position moved from the top to the bottom in 600 frames (as a
//   scrollbar dragged over ~10 s): every frame lands on rows never read before;
// - "wheel": 400 wheel notches of 3 rows each (as a mouse wheel), from the middle.
// Per frame: the interval between animation frames (vsync is 16.7 ms) and the main
// thread's work for the frame (from the frame's callback to a message after it painted);
// and the longest long task (PerformanceObserver 'longtask', > 50 ms). Runs: TUSK_BENCH_RUNS
// (default 3). Prints Markdown table rows. To look inside: TUSK_BENCH_CPUPROFILE=drag|wheel
// prints the page's costliest functions; TUSK_BENCH_PROFILE=trace.json writes a Chromium
// trace of the first wheel run; TUSK_BENCH_TRACE=1 prints each long task (start, ms, frame).
// Anchor, in the same runs right after Tusk's grid: the bare virtual grid of
// bench/grid-anchor.ts scrolled the same way; the ratio compares the p95 frame work.
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals of a bench */
import { cpus } from 'node:os';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { mountAnchor } from './grid-anchor';
import { scrollFrames } from './scroll-frames';
import {
  connectHarness,
  launchBenchChromium,
  loadAverage,
  ms,
  profiled,
  quantile,
  startBenchBackend,
} from './page-support';

const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 3);
const SQL =
  'SELECT g AS id, md5(g::text) AS md5, g * 1.5 AS half, now() AS at FROM generate_series(1, 1000000) g';

/** One scroll run of Tusk's grid or of the anchor. */
function measure(page: Page, action: 'drag' | 'wheel', target: 'tusk' | 'anchor') {
  const path = target === 'anchor' ? ['#bench-anchor'] : ['tusk-result-grid', '.grid'];
  return scrollFrames(page, path, action);
}

async function main() {
  const backend = await startBenchBackend();
  const connectionId = await connectHarness(backend);
  const ended = new Promise<string>((resolve) =>
    backend.ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.event === 'query.completed') resolve(m.payload.queryId);
    }),
  );
  await backend.call('queries.execute', { connectionId, sql: SQL });
  const queryId = await ended;

  const source = await build({
    entryPoints: ['app/views/data/result-source.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'M',
    write: false,
    logLevel: 'warning',
  });
  const browser = await launchBenchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(backend.url);
  await page.waitForFunction(
    () => (document.querySelector('tusk-app') as any)?.services?.client?.state?.status === 'open',
  );
  await page.evaluate(`${source.outputFiles[0]!.text}; window.TuskResultSource = M.ResultSource;`);

  const rows: string[] = [];
  const results: Record<
    string,
    { intervals: number[]; work: number[]; longest: number[]; frames: number; p95: number[] }
  > = {};
  const loadBefore = loadAverage();
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate((queryId) => {
      document.querySelector('#bench-host')?.remove();
      const host = document.createElement('div');
      host.id = 'bench-host';
      Object.assign(host.style, { position: 'fixed', inset: '0', display: 'flex', zIndex: '10' });
      const grid = document.createElement('tusk-result-grid') as any;
      grid.style.flex = '1';
      grid.source = new (window as any).TuskResultSource(
        (document.querySelector('tusk-app') as any).services.client,
        queryId,
      );
      host.append(grid);
      document.body.append(host);
    }, queryId);
    await page.waitForTimeout(1000);
    const cpu = process.env['TUSK_BENCH_CPUPROFILE'];
    const drag = await profiled(page, cpu === 'drag' && run === 0, () =>
      measure(page, 'drag', 'tusk'),
    );
    await page.mouse.move(640, 400);
    const trace = process.env['TUSK_BENCH_PROFILE'];
    if (trace && run === 0) await browser.startTracing(page, { path: trace, screenshots: false });
    const wheel = await profiled(page, cpu === 'wheel' && run === 0, () =>
      measure(page, 'wheel', 'tusk'),
    );
    if (trace && run === 0) await browser.stopTracing();
    if (process.env['TUSK_BENCH_TRACE'])
      console.error(JSON.stringify({ drag: drag.tasks, wheel: wheel.tasks }));
    const lastTusk = await page.evaluate(() => {
      const grid = document.querySelector('tusk-result-grid')!.shadowRoot!;
      const rowsEl = [...grid.querySelectorAll('[role=row][aria-rowindex]')];
      return rowsEl.map((r) => r.getAttribute('aria-rowindex')).at(-1);
    });
    if (run === 0) console.error(`last row drawn after the wheel: aria-rowindex ${lastTusk}`);
    await page.evaluate(mountAnchor, 1_000_000);
    await page.waitForTimeout(300);
    const anchorDrag = await measure(page, 'drag', 'anchor');
    const anchorWheel = await measure(page, 'wheel', 'anchor');
    const measured = { drag, wheel, 'anchor drag': anchorDrag, 'anchor wheel': anchorWheel };
    for (const [name, m] of Object.entries(measured)) {
      const r = (results[name] ??= { intervals: [], work: [], longest: [], frames: 0, p95: [] });
      r.p95.push(quantile(m.work, 0.95));
      r.intervals.push(...m.intervals);
      r.work.push(...m.work);
      r.longest.push(m.longest);
      r.frames += m.frames;
    }
  }
  await browser.close();
  await backend.stop();

  rows.push(
    `| measure (${RUNS} runs, 1M rows × 4 columns, Chromium headless; load average ${loadBefore} → ${loadAverage()} on ${cpus().length} cores) | frames | frame interval p50 / p95 | frame work p50 / p95 (p95 of each run) | longest long task (each run) | target |`,
  );
  rows.push('|---|---|---|---|---|---|');
  const whats: Record<string, string> = {
    drag: 'Tusk: top to bottom in 600 frames (scrollbar drag)',
    wheel: 'Tusk: 400 wheel notches of 3 rows',
    'anchor drag': 'anchor (bare virtual grid): the same drag',
    'anchor wheel': 'anchor (bare virtual grid): the same wheel',
  };
  for (const [name, r] of Object.entries(results)) {
    const target = name.startsWith('anchor') ? '—' : 'p95 frame ≤ 16 ms, no long task > 50 ms';
    rows.push(
      `| ${whats[name]} | ${r.frames} | ${ms(quantile(r.intervals, 0.5))} / ${ms(quantile(r.intervals, 0.95))} | ${ms(quantile(r.work, 0.5))} / ${ms(quantile(r.work, 0.95))} (${r.p95.map((x) => x.toFixed(1)).join(', ')}) | ${r.longest.map((x) => (x > 0 ? ms(x) : 'none')).join(', ')} | ${target} |`,
    );
  }
  for (const name of ['drag', 'wheel']) {
    const ratio =
      quantile(results[name]!.work, 0.95) / quantile(results[`anchor ${name}`]!.work, 0.95);
    rows.push(`| ratio Tusk / anchor, p95 frame work, ${name} | | | ${ratio.toFixed(2)} | | |`);
  }
  console.log(rows.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
