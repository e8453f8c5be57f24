// Benchmark (issue 16): run → first rows painted in the grid, for a 10M-row select whose
// plan streams (a set-returning function in the select list: ProjectSet hands rows over as
// they are made, where generate_series in FROM would be materialized first). In Debian's
// Chromium, in Tusk's own page (browser mode, node dist/app/serve.js) against the
// harness's PostgreSQL.
// - Tusk: Ctrl+Enter pressed in a query tab's editor (the key event's time stamp) → the
//   first row's cells drawn in the new result's grid and that frame painted. It holds what
//   a user waits for: the statement found (queries.split), the run on the tab's session,
//   the first query.progress, the first page read, the grid drawn.
// - Anchor, alternating with it in the same page: the same SQL through the page's own
//   socket client with no view: queries.execute → the first query.progress → the first page
//   (500 rows) in hand. The floor of the backend and the protocol.
// Each run is cancelled (Escape) once its first rows are seen. Runs: TUSK_BENCH_RUNS
// (default 9). Prints Markdown table rows. TUSK_BENCH_CPUPROFILE=1 prints the page's
// costliest functions during the first measured run.
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals of a bench */
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import {
  connectHarness,
  launchBenchChromium,
  loadAverage,
  ms,
  profiled,
  quantile,
  startBenchBackend,
} from './page-support';

const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 9);
const SQL = 'SELECT generate_series(1, 10000000) AS id, md5(random()::text) AS md5, now() AS at';

/** In the page: finds elements through every shadow root. */
function pageHelpers(): void {
  (window as any).__deep = (selector: string): Element[] => {
    const found: Element[] = [];
    const visit = (root: Document | ShadowRoot) => {
      found.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return found;
  };
}

/** In the page: logs each socket call and event of the page's client, ms since the last key. */
function traceCalls(): void {
  const client = (document.querySelector('tusk-app') as any).services.client;
  let t0 = 0;
  addEventListener('keydown', (e) => (t0 = e.timeStamp), { capture: true });
  const at = () => (performance.now() - t0).toFixed(1);
  const call = client.call.bind(client);
  client.call = async (method: string, params: unknown) => {
    console.log(`${at()} → ${method}`);
    const reply = await call(method, params);
    console.log(`${at()} ← ${method}`);
    return reply;
  };
  for (const event of ['query.progress', 'query.completed', 'query.cancelled'])
    client.on(event, () => console.log(`${at()} event ${event}`));
}

/**
 * Arms the page for one Tusk run: resolves `window.__firstRows` with ms from the Ctrl+Enter
 * key event to the paint of a frame showing row 1 of a result other than `previous`.
 */
async function armTusk(page: Page, previous: string): Promise<void> {
  await page.evaluate((previous) => {
    (window as any).__firstRows = new Promise<{ ms: number; queryId: string }>((resolve) => {
      let pressed = 0;
      addEventListener(
        'keydown',
        (e) => {
          if (e.key === 'Enter' && e.ctrlKey) pressed = e.timeStamp;
        },
        { capture: true },
      );
      const shown = (): string | null => {
        for (const grid of (window as any).__deep('tusk-result-grid') as any[]) {
          const id = grid.source?.queryId as string | undefined;
          if (!id || id === previous || !grid.isConnected) continue;
          const row = grid.shadowRoot?.querySelector('[role=row][aria-rowindex="2"]');
          const first = row?.querySelector('[role=gridcell]');
          if (first?.textContent === '1') return id;
        }
        return null;
      };
      const frame = () => {
        const id = pressed ? shown() : null;
        if (!id) return void requestAnimationFrame(frame);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ ms: performance.now() - pressed, queryId: id });
        channel.port2.postMessage(0);
      };
      requestAnimationFrame(frame);
    });
  }, previous);
}

/** One anchor run in the page: execute → first progress → first page, ms. */
function anchorRun(page: Page, connectionId: string): Promise<number> {
  return page.evaluate(
    async ({ connectionId, sql }) => {
      const client = (document.querySelector('tusk-app') as any).services.client;
      const t0 = performance.now();
      let progressed!: () => void;
      const firstProgress = new Promise<void>((resolve) => (progressed = resolve));
      let queryId = '';
      const stop = client.on('query.progress', (p: any) => p.queryId === queryId && progressed());
      queryId = (await client.call('queries.execute', { connectionId, sql })).queryId;
      await firstProgress;
      stop();
      await client.call('queries.page', { queryId, offset: 0, limit: 500 });
      const took = performance.now() - t0;
      // Closed as Tusk's runs are cancelled: the next run starts once this one has ended.
      const ended = new Promise<void>((resolve) => {
        const off = client.on('query.cancelled', (p: any) => {
          if (p.queryId !== queryId) return;
          off();
          resolve();
        });
      });
      await client.call('queries.close', { queryId });
      await ended;
      return took;
    },
    { connectionId, sql: SQL },
  );
}

/** Waits until the visible tab's run status says the run `queryId` ended. */
async function ended(page: Page, queryId: string): Promise<void> {
  await page.waitForFunction((queryId) => {
    const status = ((window as any).__deep('[data-test=run-status]') as Element[]).find(
      (s) => s.getAttribute('data-query') === queryId,
    );
    return /^(completed|failed|cancelled|timeout) in/.test(status?.textContent?.trim() ?? '');
  }, queryId);
}

async function main() {
  const backend = await startBenchBackend();
  const connectionId = await connectHarness(backend);
  const browser = await launchBenchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  if (process.env['TUSK_BENCH_TRACE']) page.on('console', (m) => console.error(m.text()));
  await page.goto(backend.url);
  await page.evaluate(pageHelpers);
  if (process.env['TUSK_BENCH_TRACE']) await page.evaluate(traceCalls);
  await page.getByRole('treeitem', { name: /^bench, / }).dblclick();
  const editor = page.locator('tusk-query-tab:not([hidden]) tusk-sql-editor .cm-content');
  await editor.click();
  await page.keyboard.insertText(SQL);

  const tusk: number[] = [];
  const anchor: number[] = [];
  const before = loadAverage();
  let previous = '';
  // One warm-up of each, then alternating runs.
  for (let run = -1; run < RUNS; run++) {
    await armTusk(page, previous);
    await editor.click();
    const profile = process.env['TUSK_BENCH_CPUPROFILE'] === '1' && run === 0;
    const first = await profiled(page, profile, async () => {
      await page.keyboard.press('Control+Enter');
      return (await page.evaluate(() => (window as any).__firstRows)) as {
        ms: number;
        queryId: string;
      };
    });
    previous = first.queryId;
    await page.keyboard.press('Escape');
    await ended(page, first.queryId);
    const floor = await anchorRun(page, connectionId);
    if (run >= 0) {
      tusk.push(first.ms);
      anchor.push(floor);
    }
  }
  await browser.close();
  await backend.stop();
  if (problems.length) throw new Error(`page errors: ${problems.join('; ')}`);

  const median = (xs: number[]) => quantile(xs, 0.5);
  const range = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
  console.log(
    [
      `| measure (${RUNS} runs each, alternating; Chromium headless; load average ${before} → ${loadAverage()} on ${cpus().length} cores) | median | range | target |`,
      '|---|---|---|---|',
      `| Tusk: Ctrl+Enter → first rows painted in the grid | ${ms(median(tusk))} | ${range(tusk)} | ≤ 100 ms |`,
      `| anchor: execute → first progress → first page, no view | ${ms(median(anchor))} | ${range(anchor)} | — |`,
      `| ratio Tusk / anchor (medians) | ${(median(tusk) / median(anchor)).toFixed(2)} | | |`,
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
