// Benchmark (issue 16): the page interactive in browser mode on a cold start. Each run
// spawns the backend on a fresh data folder (`node dist/app/serve.js`), opens its page in a
// fresh Chromium context (no cache, no stored state) and waits until the workspace can be
// used: the socket open (the status bar says so), the connections sidebar and the
// workspace drawn, checked at every frame.
// - spawn → address printed (the backend ready), navigation → interactive (the page's own
//   clock), and spawn → interactive (what a user waits for after the command; the bench's
//   own socket to the backend opens in it, the browser's new context and page do not).
// - Anchor, in the same run: a page of the same server's origin with nothing in it,
//   navigation → its first frame (the browser's own floor for a page).
// Runs: TUSK_BENCH_RUNS (default 10). Prints Markdown table rows.
import { cpus } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchBenchChromium, loadAverage, ms, quantile, startBenchBackend } from './page-support';

const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 10);

/** In the page: true once the workspace can be used. */
function interactive(): number | false {
  const app = document.querySelector('tusk-app')?.shadowRoot;
  const status = app?.querySelector('tusk-status-bar')?.shadowRoot?.textContent ?? '';
  const sidebar = app?.querySelector('tusk-connections-sidebar')?.shadowRoot;
  const area = app?.querySelector('tusk-tab-area, tusk-empty-state');
  if (!status.includes('Connected to the Tusk backend') || !sidebar?.childElementCount || !area)
    return false;
  return performance.now();
}

/** One cold start: backend spawned, page opened in a fresh context, until interactive. */
async function coldStart(browser: Browser) {
  // The browser's own part first: a fresh context and page (not Tusk's time).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const started = performance.now();
  const backend = await startBenchBackend();
  await page.goto(backend.url, { waitUntil: 'commit' });
  const inPage = (await (
    await page.waitForFunction(interactive, null, { polling: 'raf' })
  ).jsonValue()) as number;
  const total = performance.now() - started;
  // The anchor: an empty page of the same origin (the server answers 404 with no body).
  const blank = await context.newPage();
  await blank.goto(`${new URL(backend.url).origin}/blank`, { waitUntil: 'commit' });
  const floor = (await (
    await blank.waitForFunction(
      () => document.readyState !== 'loading' && performance.now(),
      null,
      {
        polling: 'raf',
      },
    )
  ).jsonValue()) as number;
  await context.close();
  await backend.stop();
  if (problems.length) throw new Error(`page errors: ${problems.join('; ')}`);
  return { ready: backend.readyMs, inPage, total, floor };
}

async function main() {
  const browser = await launchBenchChromium();
  const before = loadAverage();
  await coldStart(browser); // Chromium's own first page, not Tusk's.
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart(browser));
  await browser.close();
  const row = (name: string, xs: number[], target: string) =>
    `| ${name} | ${ms(quantile(xs, 0.5))} | ${ms(Math.max(...xs))} | ${target} |`;
  const inPage = runs.map((r) => r.inPage);
  const floor = runs.map((r) => r.floor);
  console.log(
    [
      `| measure (${RUNS} runs, fresh data folder and Chromium context each; load average ${before} → ${loadAverage()} on ${cpus().length} cores) | median | worst | target |`,
      '|---|---|---|---|',
      row(
        'spawn → address printed',
        runs.map((r) => r.ready),
        '—',
      ),
      row('navigation → interactive (the page’s clock)', inPage, '—'),
      row(
        'spawn → interactive',
        runs.map((r) => r.total),
        '≤ 1000 ms',
      ),
      row('anchor: navigation → first frame of an empty page, same origin', floor, '—'),
      `| ratio navigation → interactive / anchor (medians) | ${(quantile(inPage, 0.5) / quantile(floor, 0.5)).toFixed(1)} | | |`,
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
