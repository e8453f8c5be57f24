// Benchmark (issue 29): watching a server costs the page ≤ 5 % of a core; the charts draw a
// sample ≤ 4 ms. In Debian's Chromium, in Tusk's own page (browser mode) against the
// harness's PostgreSQL with SESSIONS extra idle sessions opened by the bench.
// - Anchor: the page's main-thread task time (CDP Performance.getMetrics, TaskDuration)
//   over WATCH_S seconds with the connection open and no activity tab.
// - Tusk: the same over WATCH_S seconds with its activity tab open at 1 s, on Sessions
//   (the table of every backend) and then on Charts (six uPlot charts); the charts' own
//   draw time per sample (the element's `drawTimes`: setData and the synchronous draw of
//   all six).
// - To the page: each `activity.sample` from the server's clock when the sample ran (`at`)
//   to its message event in the page (same machine, same clock), and the page's parse of it.
// TUSK_BENCH_WATCH_S (default 60; 300 for the five minutes). Prints Markdown rows.
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals of a bench */
import type { Page } from 'playwright-core';
import postgres from 'postgres';
import {
  connectHarness,
  launchBenchChromium,
  loadAverage,
  ms,
  pg,
  quantile,
  startBenchBackend,
} from './page-support';

const WATCH_S = Number(process.env['TUSK_BENCH_WATCH_S'] ?? 60);
const SESSIONS = Number(process.env['TUSK_BENCH_SESSIONS'] ?? 490);
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

/** The page's main-thread task seconds over `seconds` of wall time, as a share of a core. */
async function pageShare(page: Page, seconds: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const before = await task();
  const start = performance.now();
  await sleep(seconds * 1000);
  const used = (await task()) - before;
  const wall = (performance.now() - start) / 1000;
  await cdp.detach();
  return used / wall;
}

async function main() {
  const backend = await startBenchBackend();
  const connectionId = await connectHarness(backend, 'bench');
  const extra = postgres({
    ...pg,
    max: SESSIONS,
    idle_timeout: 0,
    connection: { application_name: 'bench_idle' },
  });
  await Promise.all(Array.from({ length: SESSIONS }, () => extra`SELECT 1`));
  const browser = await launchBenchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    // Records each sample's arrival: the server's `at` to the message event, and its parse.
    const arrivals: { delay: number; parse: number; bytes: number }[] = [];
    (window as any).__arrivals = arrivals;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.addEventListener('message', (event: MessageEvent) => {
          const arrived = Date.now();
          const text = String(event.data);
          if (!text.startsWith('{"event":"activity.sample"')) return;
          const start = performance.now();
          const message = JSON.parse(text);
          const parse = performance.now() - start;
          const delay = arrived - Date.parse(message.payload.at);
          arrivals.push({ delay, parse, bytes: text.length });
        });
      }
    };
  });
  await page.goto(backend.url);
  await page.getByRole('treeitem', { name: /^bench, / }).click();
  await sleep(1000);
  const before = loadAverage();
  const idle = await pageShare(page, WATCH_S);
  await page.keyboard.press('Alt+A');
  await page.getByRole('tab', { name: /^Sessions/ }).click();
  await sleep(2000);
  const sessions = await pageShare(page, WATCH_S);
  await page.getByRole('tab', { name: /^Charts/ }).click();
  await sleep(2000);
  const charts = await pageShare(page, WATCH_S);
  const draws = (await page.evaluate(() => {
    const find = (root: Document | ShadowRoot): any => {
      const found = root.querySelector('tusk-activity-charts');
      if (found) return found;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    return [...(find(document)?.drawTimes ?? [])] as number[];
  })) as number[];
  const arrivals = (await page.evaluate(() => (window as any).__arrivals)) as {
    delay: number;
    parse: number;
    bytes: number;
  }[];
  await browser.close();
  await extra.end();
  await backend.call('activity.unwatch', { connectionId }).catch(() => undefined);
  await backend.stop();
  if (problems.length) throw new Error(`The page failed: ${problems.join('; ')}`);
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  console.log(
    `| page, connection open, no activity tab (anchor), ${WATCH_S} s | ${pct(idle)} | — |`,
  );
  console.log(
    `| page watching at 1 s, Sessions (${SESSIONS + 10}+ backends), ${WATCH_S} s | ${pct(sessions)} | ≤ 5 % |`,
  );
  console.log(`| page watching at 1 s, Charts, ${WATCH_S} s | ${pct(charts)} | ≤ 5 % |`);
  console.log(
    `| the six charts drawing one sample (${draws.length} draws) | median ${ms(quantile(draws, 0.5))}, p90 ${ms(quantile(draws, 0.9))}, max ${ms(Math.max(...draws))} | ≤ 4 ms |`,
  );
  const delays = arrivals.slice(1).map((a) => a.delay);
  const parses = arrivals.slice(1).map((a) => a.parse);
  const kb = ((arrivals[1]?.bytes ?? 0) / 1024).toFixed(0);
  console.log(
    `| sample's \`at\` → the page's message event (${delays.length} samples, ${kb} KB) | median ${ms(quantile(delays, 0.5))}, p90 ${ms(quantile(delays, 0.9))}, max ${ms(Math.max(...delays))} | ≤ 20 ms |`,
  );
  console.log(
    `| the page parsing a sample | median ${ms(quantile(parses, 0.5))}, p90 ${ms(quantile(parses, 0.9))} | — |`,
  );
  console.log(`load average ${before} → ${loadAverage()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
