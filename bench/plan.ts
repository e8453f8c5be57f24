// Benchmark (issue 28): a plan of 500 nodes computed and drawn ≤ 200 ms after its JSON
// arrives. In Debian's Chromium, in Tusk's own page (browser mode, node dist/app/serve.js)
// against the harness's PostgreSQL.
// - The plan: EXPLAIN ANALYZE of a 250-way UNION ALL of `SELECT count(*) FROM t WHERE n < k`
//   (an Append over 250 Aggregates over Seq Scans: 501 nodes), run through the page's own
//   client (`queries.explain`) until it completed: the JSON is then held by the backend.
// - Tusk: from there, `queries.plan` (the backend reads the JSON, computes every node's
//   times and the findings, and sends the reply) → a `<tusk-plan-view>` given the reply →
//   its tree drawn and that frame painted. What a user waits for once the EXPLAIN ended.
// - Anchor, alternating in the same page: the same JSON moved without any of it —
//   `queries.cell` of the EXPLAIN's one cell, then `JSON.parse` of it in the page. The floor
//   of the socket and the bytes.
// - The backend's share: queries.plan from the bench's own socket (RUNS times), and readPlan on the same JSON in the bench's own process (20 runs).
// TUSK_BENCH_CPUPROFILE=1 prints the page's costliest functions in the first measured run.
// Runs: TUSK_BENCH_RUNS (default 9) after the first, which is printed on its own (a cold
// draw cannot hide in a median). Prints Markdown table rows.
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals of a bench */
import {
  connectHarness,
  launchBenchChromium,
  loadAverage,
  ms,
  profiled,
  quantile,
  startBenchBackend,
} from './page-support';
import { timeReadPlan } from './plan-compute';

const RUNS = Number(process.env['TUSK_BENCH_RUNS'] ?? 9);
const TABLE = 'bench_plan_rows';
const SQL = Array.from(
  { length: 250 },
  (_, i) => `SELECT count(*) FROM ${TABLE} WHERE n < ${i}`,
).join('\nUNION ALL\n');

/** In the page: explains `sql` with ANALYZE; resolves with the query's id once it completed. */
function explainInPage([connectionId, sql]: [string, string]): Promise<string> {
  const client = (document.querySelector('tusk-app') as any).services.client;
  return new Promise((resolve, reject) => {
    let id = '';
    const off = client.on('query.completed', (p: any) => {
      if (p.queryId !== id) return;
      off();
      resolve(id);
    });
    client
      .call('queries.explain', { connectionId, sql, analyze: true, options: {} })
      .then((r: any) => (id = r.queryId), reject);
  });
}

/**
 * In the page: the plan read (`queries.plan`) and drawn in a `<tusk-plan-view>` until its
 * frame painted (or, for the anchor, the JSON read and parsed); the times in ms.
 */
async function drawInPage([queryId, anchor]: [string, boolean]): Promise<{
  total: number;
  reply: number;
  nodes: number;
  kb: number;
}> {
  const client = (document.querySelector('tusk-app') as any).services.client;
  const painted = () =>
    new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  document.querySelector('#bench-plan')?.remove();
  await painted();
  const start = performance.now();
  if (anchor) {
    const cell = await client.call('queries.cell', { queryId, row: 0, column: 0 });
    const reply = performance.now() - start;
    const json = JSON.parse(cell.value);
    return {
      total: performance.now() - start,
      reply,
      nodes: json.length,
      kb: cell.value.length / 1024,
    };
  }
  const plan = await client.call('queries.plan', { queryId });
  const reply = performance.now() - start;
  const host = document.createElement('div');
  host.id = 'bench-plan';
  host.style.cssText = 'position:fixed;inset:40px;height:600px;background:var(--tusk-bg, #fff)';
  const view = document.createElement('tusk-plan-view') as any;
  view.plan = { id: queryId, label: 'bench', sql: '', analyze: true, at: Date.now(), reply: plan };
  view.kept = [];
  host.append(view);
  document.body.append(host);
  await view.updateComplete;
  await painted();
  const total = performance.now() - start;
  return { total, reply, nodes: plan.nodes.length, kb: JSON.stringify(plan).length / 1024 };
}

async function main() {
  const backend = await startBenchBackend();
  const connectionId = await connectHarness(backend);
  await backend.call('queries.execute', {
    connectionId,
    sql: `DROP TABLE IF EXISTS ${TABLE}; CREATE TABLE ${TABLE} AS SELECT g AS n FROM generate_series(1, 200) g`,
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await launchBenchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(backend.url);
  await page.waitForFunction(() => (document.querySelector('tusk-app') as any)?.services?.client);
  await page.waitForFunction(() => customElements.get('tusk-plan-view'));
  const queryId = await page.evaluate(explainInPage, [connectionId, SQL] as [string, string]);
  const before = loadAverage();
  const tusk: number[] = [];
  const replies: number[] = [];
  const anchor: number[] = [];
  let first = { total: 0, reply: 0, nodes: 0, kb: 0 };
  let jsonKb = 0;
  for (let run = -1; run < RUNS; run++) {
    const drawn = await profiled(page, run === 0 && !!process.env['TUSK_BENCH_CPUPROFILE'], () =>
      page.evaluate(drawInPage, [queryId, false] as [string, boolean]),
    );
    const floor = await page.evaluate(drawInPage, [queryId, true] as [string, boolean]);
    if (run < 0) [first, jsonKb] = [drawn, floor.kb];
    else {
      tusk.push(drawn.total);
      replies.push(drawn.reply);
      anchor.push(floor.total);
    }
  }
  await browser.close();
  // The backend's share alone: readPlan on the same JSON, in this process.
  const held = await backend.call('queries.cell', { queryId, row: 0, column: 0 });
  const compute = await timeReadPlan(held.value as string, 20);
  // The backend and the socket without the page: queries.plan from the bench's own socket.
  const viaSocket: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await backend.call('queries.plan', { queryId });
    viaSocket.push(performance.now() - t);
  }
  await backend.call('queries.execute', { connectionId, sql: `DROP TABLE ${TABLE}` });
  await backend.stop();
  if (problems.length) throw new Error(`The page failed: ${problems.join('; ')}`);
  const median = quantile(tusk, 0.5);
  const floor = quantile(anchor, 0.5);
  console.log(
    `| plan of ${first.nodes} nodes: queries.plan → drawn and painted (Tusk) | ${ms(first.total)} (reply ${ms(first.reply)}) | ${ms(median)} (reply ${ms(quantile(replies, 0.5))}) | ${ms(quantile(tusk, 0.9))} | ≤ 200 ms |`,
  );
  console.log(
    `| anchor: the same JSON read (queries.cell) and parsed | — | ${ms(floor)} | ${ms(quantile(anchor, 0.9))} | ratio ${(median / floor).toFixed(1)}× |`,
  );
  console.log(
    `| of which readPlan alone (nodes, times, findings, text; in Node) | ${ms(compute.firstMs)} | ${ms(compute.medianMs)} | ${ms(compute.maxMs)} (max) | — |`,
  );
  console.log(
    `| of which queries.plan from the bench's own socket (no page) | — | ${ms(quantile(viaSocket, 0.5))} | ${ms(quantile(viaSocket, 0.9))} | — |`,
  );
  console.log(`reply ${first.kb.toFixed(0)} KB of JSON for the plan's ${jsonKb.toFixed(0)} KB`);
  console.log(`load average ${before} → ${loadAverage()}, ${RUNS} runs after the first`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
