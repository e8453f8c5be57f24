// Benchmark (issue 16, probe and round trips issue 24): run → first rows painted in the
// grid, for a 10M-row select whose plan streams (a set-returning function in the select
// list: ProjectSet hands rows over as they are made, where generate_series in FROM would be
// materialized first). In Debian's Chromium, in Tusk's own page (browser mode, node
// dist/app/serve.js) against the harness's PostgreSQL.
// - Tusk: Ctrl+Enter pressed in a query tab's editor (the key event's time stamp) → the
//   first row's cells drawn in the new result's grid and that frame painted. It holds what
//   a user waits for: the statement found (queries.split, answered ahead while typing
//   paused), the run on the tab's session, the first query.progress, the first page read,
//   the grid drawn. Two probes see the paint, alternating: "observer" (mutation observers
//   on the results panel and the grid; the frame that drew row 1 is followed to its paint)
//   and "frames" (the probe of issue 16: a check in every animation frame). A check in
//   every frame keeps Chromium drawing frames, and Chromium holds a page's network
//   messages after a key press until its next frame: the "frames" probe adds up to a
//   frame to every run and its checks take main-thread time; Tusk's page draws no frame
//   while idle, so "observer" is what a user gets.
// - Anchors, alternating with them in the same page: the same SQL through the page's own
//   socket client with no view: queries.execute → the first rows pushed (query.rows, what
//   the grid opens on since issue 24), and in the same run issue 16's anchor, execute → the
//   first query.progress → the first page (500 rows) read. The floor of the backend and the
//   protocol.
// - A third run each time types a key at the end of the text and presses Ctrl+Enter at once,
//   as a user does: the text is new, so it is split and saved in that run.
// - Round trips: the messages the page sent on its socket between the key press and the
//   paint (WebSocket.send wrapped in the page), with their methods.
// Each run is cancelled (Escape) once its first rows are seen. Runs: TUSK_BENCH_RUNS
// (default 9) of each. Prints Markdown table rows. TUSK_BENCH_CPUPROFILE=1 prints the
// page's costliest functions during the first measured run, TUSK_BENCH_CHROME_TRACE=file
// writes Chromium's trace of it; TUSK_BENCH_TRACE=1 logs each call and event of the page's
// client (and marks them in that trace).
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
/** What TUSK_BENCH_CHROME_TRACE=file records of the first measured run (chrome://tracing). */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
];
const SQL = 'SELECT generate_series(1, 10000000) AS id, md5(random()::text) AS md5, now() AS at';

/**
 * In the page: `__deep` finds elements through every shadow root; `__sent` records each
 * message sent on a WebSocket (time, method, id, and when the page handled its reply);
 * `__inFrame` is true from an animation frame's
 * callbacks (or a resize observer's) to the end of that frame's task (its paint).
 */
function pageHelpers(): void {
  const w = window as any;
  w.__deep = (selector: string): Element[] => {
    const found: Element[] = [];
    const visit = (root: Document | ShadowRoot) => {
      found.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return found;
  };
  w.__sent = [] as { at: number; method: string; id: number; answered?: number }[];
  const heard = new WeakSet<WebSocket>();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    const text = String(data);
    const method = /"method":"([^"]+)"/.exec(text)?.[1] ?? '?';
    const id = Number(/"id":(\d+)/.exec(text)?.[1] ?? NaN);
    w.__sent.push({ at: performance.now(), method, id });
    if (!heard.has(this)) {
      heard.add(this);
      // When the page handles each reply (a message event is a task of the main thread).
      this.addEventListener('message', (e) => {
        const replyTo = Number(/^\{"id":(\d+)/.exec(String(e.data))?.[1] ?? NaN);
        const request = (w.__sent as { id: number; answered?: number }[]).find(
          (m) => m.id === replyTo,
        );
        if (request) request.answered ??= performance.now();
      });
    }
    return send.call(this, data);
  };
  w.__inFrame = false;
  const inFrame = () => {
    if (w.__inFrame) return;
    w.__inFrame = true;
    // Delivered after the frame's task: its style, layout and paint.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (w.__inFrame = false);
    channel.port2.postMessage(0);
  };
  const native = window.requestAnimationFrame.bind(window);
  w.__nativeFrame = native;
  window.requestAnimationFrame = (callback) =>
    native((time) => {
      inFrame();
      callback(time);
    });
  // Resize observers run in a frame too, after its layout (the grid draws from one).
  const Observer = window.ResizeObserver;
  window.ResizeObserver = class extends Observer {
    constructor(callback: ResizeObserverCallback) {
      super((entries, observer) => {
        inFrame();
        callback(entries, observer);
      });
    }
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
    performance.mark(`→ ${method}`);
    const reply = await call(method, params);
    console.log(`${at()} ← ${method}`);
    performance.mark(`← ${method}`);
    return reply;
  };
  for (const event of ['query.progress', 'query.rows', 'query.completed', 'query.cancelled'])
    client.on(event, () => {
      console.log(`${at()} event ${event}`);
      performance.mark(`event ${event}`);
    });
}

/** How a run sees the paint (see the header). */
type Probe = 'observer' | 'frames';

/** What one Tusk run measured. */
interface TuskRun {
  ms: number;
  queryId: string;
  /** The methods the page sent from the key press to the paint. */
  sent: string[];
  /** From queries.execute sent to its reply handled by the page, ms. */
  executeMs: number;
}

/**
 * Arms the page for one Tusk run: resolves `window.__firstRows` ({@link TuskRun}) once a
 * frame showing row 1 of a result other than `previous` has been painted.
 */
async function armTusk(page: Page, previous: string, probe: Probe): Promise<void> {
  await page.evaluate(
    ({ previous, probe }) => {
      const w = window as any;
      w.__firstRows = new Promise((resolve) => {
        let pressed = 0;
        const onKey = (e: KeyboardEvent) => {
          if (e.key === 'Enter' && e.ctrlKey) pressed = e.timeStamp;
        };
        addEventListener('keydown', onKey, { capture: true });
        const panel = (
          w.__deep('tusk-query-tab:not([hidden])')[0] as Element
        ).shadowRoot!.querySelector('tusk-results-panel')!;
        const shownIn = (grid: any): string | null => {
          const id = grid?.source?.queryId as string | undefined;
          if (!id || id === previous || !grid.isConnected) return null;
          const row = grid.shadowRoot?.querySelector('[role=row][aria-rowindex="2"]');
          const first = row?.querySelector('[role=gridcell]');
          return first?.textContent === '1' ? id : null;
        };
        const painted = (id: string) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const now = performance.now();
            removeEventListener('keydown', onKey, { capture: true });
            const run = (w.__sent as { at: number; method: string; answered?: number }[]).filter(
              (m) => m.at >= pressed && m.at <= now,
            );
            const execute = run.find((m) => m.method === 'queries.execute');
            resolve({
              ms: now - pressed,
              queryId: id,
              sent: run.map((m) => m.method),
              executeMs: execute?.answered ? execute.answered - execute.at : NaN,
            });
          };
          channel.port2.postMessage(0);
        };
        if (probe === 'frames') {
          const frame = () => {
            const id = pressed
              ? ((w.__deep('tusk-result-grid') as any[]).map(shownIn).find(Boolean) ?? null)
              : null;
            if (!id) return void requestAnimationFrame(frame);
            painted(id);
          };
          requestAnimationFrame(frame);
          return;
        }
        // The results panel, then the grid in it, watched for row 1: no work between frames.
        const watched = new WeakSet<Node>();
        const observer = new MutationObserver(() => {
          const grid = panel.shadowRoot!.querySelector('tusk-result-grid') as any;
          if (grid?.shadowRoot && !watched.has(grid.shadowRoot)) {
            watched.add(grid.shadowRoot);
            observer.observe(grid.shadowRoot, {
              subtree: true,
              childList: true,
              characterData: true,
            });
          }
          const id = pressed ? shownIn(grid) : null;
          if (!id) return;
          observer.disconnect();
          // Drawn in a frame: its paint ends that frame's task; else the next frame paints it.
          if (w.__inFrame) painted(id);
          else w.__nativeFrame(() => painted(id));
        });
        observer.observe(panel.shadowRoot!, { subtree: true, childList: true });
      });
    },
    { previous, probe },
  );
}

/**
 * One anchor run in the page, ms from execute: to the first page read after the first
 * progress (`paged`, issue 16's anchor), and to the first rows pushed (`pushed`, query.rows).
 */
function anchorRun(page: Page, connectionId: string): Promise<{ paged: number; pushed: number }> {
  return page.evaluate(
    async ({ connectionId, sql }) => {
      const client = (document.querySelector('tusk-app') as any).services.client;
      const t0 = performance.now();
      let progressed!: () => void;
      const firstProgress = new Promise<void>((resolve) => (progressed = resolve));
      let rowsCame!: (ms: number) => void;
      const firstRows = new Promise<number>((resolve) => (rowsCame = resolve));
      let queryId = '';
      const stops = [
        client.on('query.progress', (p: any) => p.queryId === queryId && progressed()),
        client.on(
          'query.rows',
          (p: any) => p.queryId === queryId && rowsCame(performance.now() - t0),
        ),
      ];
      queryId = (await client.call('queries.execute', { connectionId, sql })).queryId;
      await firstProgress;
      await client.call('queries.page', { queryId, offset: 0, limit: 500 });
      const paged = performance.now() - t0;
      // A backend that pushes no rows (before issue 24): NaN after a second.
      const pushed = await Promise.race([
        firstRows,
        new Promise<number>((resolve) => setTimeout(() => resolve(NaN), 1000)),
      ]);
      for (const stop of stops) stop();
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
      return { paged, pushed };
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

  /** Tusk's runs: seen by each probe, and (typed) with a key typed just before. */
  const modes = [
    { name: 'observer', probe: 'observer', typed: false },
    { name: 'frames', probe: 'frames', typed: false },
    { name: 'typed', probe: 'observer', typed: true },
  ] as const;
  const runs: Record<(typeof modes)[number]['name'], TuskRun[]> = {
    observer: [],
    frames: [],
    typed: [],
  };
  const anchor: number[] = [];
  const pushedAnchor: number[] = [];
  const before = loadAverage();
  let previous = '';
  // One warm-up of each, then alternating runs: Tusk seen by each probe, the anchor.
  for (let run = -1; run < RUNS; run++) {
    for (const { name, probe, typed } of modes) {
      await armTusk(page, previous, probe);
      await editor.click();
      if (typed) {
        // As a user does: a key typed at the end of the text, then Ctrl+Enter at once (the
        // text is new: not split yet, not saved yet).
        await page.keyboard.press('End');
        await page.keyboard.type(' ');
      }
      const profile = process.env['TUSK_BENCH_CPUPROFILE'] === '1' && run === 0;
      const trace = run === 0 && name === 'observer' ? process.env['TUSK_BENCH_CHROME_TRACE'] : '';
      if (trace) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
      const first = await profiled(page, profile && name === 'observer', async () => {
        await page.keyboard.press('Control+Enter');
        return (await page.evaluate(() => (window as any).__firstRows)) as TuskRun;
      });
      if (trace) await browser.stopTracing();
      previous = first.queryId;
      await page.keyboard.press('Escape');
      await ended(page, first.queryId);
      if (run >= 0) runs[name].push(first);
    }
    const floor = await anchorRun(page, connectionId);
    if (run >= 0) {
      anchor.push(floor.paged);
      if (!Number.isNaN(floor.pushed)) pushedAnchor.push(floor.pushed);
    }
  }
  await browser.close();
  await backend.stop();
  if (problems.length) throw new Error(`page errors: ${problems.join('; ')}`);

  const median = (xs: number[]) => (xs.length ? quantile(xs, 0.5) : NaN);
  const range = (xs: number[]) =>
    xs.length ? `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}` : '—';
  const observer = runs.observer.map((r) => r.ms);
  const frames = runs.frames.map((r) => r.ms);
  const typed = runs.typed.map((r) => r.ms);
  // The round trips of a run: the messages it sent, the most common list first.
  const trips = (of: TuskRun[]) => {
    const lists = new Map<string, number>();
    for (const r of of) {
      const key = r.sent.join(', ') || 'none';
      lists.set(key, (lists.get(key) ?? 0) + 1);
    }
    return [...lists]
      .sort((a, b) => b[1] - a[1])
      .map(([list, n]) => `${n}× ${list}`)
      .join('; ');
  };
  const counts = (of: TuskRun[]) => {
    const xs = of.map((r) => r.sent.length);
    return `${median(xs)} | ${Math.min(...xs)}–${Math.max(...xs)}`;
  };
  console.log(
    [
      `| measure (${RUNS} runs each, alternating; Chromium headless; load average ${before} → ${loadAverage()} on ${cpus().length} cores) | median | range | target |`,
      '|---|---|---|---|',
      `| Tusk: Ctrl+Enter → first rows painted in the grid (probe: observer) | ${ms(median(observer))} | ${range(observer)} | ≤ 60 ms |`,
      `| the same, seen by a check in every frame (issue 16's probe) | ${ms(median(frames))} | ${range(frames)} | — |`,
      `| the same after a key typed (the text new: split and saved in the run) | ${ms(median(typed))} | ${range(typed)} | — |`,
      `| anchor: execute → first rows pushed (query.rows), no view | ${ms(median(pushedAnchor))} | ${range(pushedAnchor)} | — |`,
      `| anchor (issue 16's): execute → first progress → first page read, no view | ${ms(median(anchor))} | ${range(anchor)} | — |`,
      `| ratio Tusk (observer) / anchor (pushed), medians | ${(median(observer) / median(pushedAnchor)).toFixed(2)} | | |`,
      `| queries.execute: sent → its reply handled by the page (observer runs) | ${ms(median(runs.observer.map((r) => r.executeMs)))} | ${range(runs.observer.map((r) => r.executeMs))} | — |`,
      `| the same in the runs seen by a check in every frame | ${ms(median(runs.frames.map((r) => r.executeMs)))} | ${range(runs.frames.map((r) => r.executeMs))} | — |`,
      `| messages a run sends from the key to the paint | ${counts([...runs.observer, ...runs.frames])} | — |`,
      `| the same after a key typed | ${counts(runs.typed)} | — |`,
    ].join('\n'),
  );
  console.log(`\nmessages sent per run: ${trips([...runs.observer, ...runs.frames])}`);
  console.log(`after a key typed: ${trips(runs.typed)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
