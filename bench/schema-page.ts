// The schema bench's page part (run by bench/schema.ts on its 20,000-table database), in
// Debian's Chromium over the real backend. Each figure beside its anchor, same run:
// - first level of the tree: from the connect's reply to the `wide` schema's row in the
//   tree (a cold catalog: the connection is closed between runs); anchor: the connect;
// - scrolling the 20,000 tables of `wide` (its Tables folder open): p95 frame work while
//   dragged top to bottom in 600 frames and in 400 steps of 66 px; anchor: the bare virtual
//   list of bench/grid-anchor.ts over as many rows, scrolled the same way;
// - the filter: from the input event of `shipping_carrier` to its one hit drawn; anchor: a
//   page → backend round trip (`app.health`) and the frame after;
// - completion: from the keydown of the last character of `wide.t01234` to the list
//   showing that table; anchor: a space typed there instead (keydown → in the text at a
//   frame: the editor's own keystroke path, no list).
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals of a bench */
import type { Locator, Page } from 'playwright-core';
import { mountAnchor } from './grid-anchor';
import { launchBenchChromium, pg, quantile, type BenchBackend } from './page-support';
import { scrollFrames } from './scroll-frames';
import { TABLES } from './wide-database';

/** Prints one table row: the measure, its runs, the anchor's runs and name, the target. */
export type RowPrinter = (
  what: string,
  xs: number[],
  anchor: number[],
  anchorName: string,
  target: string,
) => void;

const TREE = ['tusk-app', 'tusk-connections-sidebar', '[role=tree]'];

/** Runs the page's measures on connection `connectionId` (saved, closed) and prints them. */
export async function measurePage(
  backend: BenchBackend,
  connectionId: string,
  row: RowPrinter,
  runs: number,
): Promise<void> {
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(backend.url);
    await page.waitForFunction(
      () => (document.querySelector('tusk-app') as any)?.services?.client?.state?.status === 'open',
    );
    const connect: number[] = [];
    const firstLevel: number[] = [];
    for (let run = 0; run < runs; run++) {
      const [c, f] = await firstLevelAfterConnect(page, connectionId);
      connect.push(c);
      firstLevel.push(f);
    }
    row('first level of the tree after connect', firstLevel, connect, 'connect', '≤ 300 ms');
    await scrolling(page, row, runs);
    const roundTrip: number[] = [];
    for (let run = 0; run < runs * 4; run++) roundTrip.push(await pageRoundTrip(page));
    const filter: number[] = [];
    for (let run = 0; run < runs * 4; run++) filter.push(await filterToColumn(page));
    row('filter to a column name (input → hit drawn)', filter, roundTrip, 'round trip', '≤ 50 ms');
    const [popup, keystroke] = await completionPopups(page, runs * 4);
    row('completion list after a keystroke', popup, keystroke, 'a space typed', '≤ 30 ms');
  } finally {
    await browser.close();
  }
}

/** In the page: the sidebar's shadow root. */
const sidebarRoot = () =>
  (document.querySelector('tusk-app') as any).shadowRoot.querySelector('tusk-connections-sidebar')
    .shadowRoot as ShadowRoot;

/** Closes the connection, connects it from the page: [connect ms, first level ms]. */
async function firstLevelAfterConnect(page: Page, id: string): Promise<[number, number]> {
  return page.evaluate(
    async ({ id, password, root }) => {
      const client = (document.querySelector('tusk-app') as any).services.client;
      const sidebar = new Function(`return (${root})()`) as () => ShadowRoot;
      const shown = () =>
        [...sidebar().querySelectorAll('[role=treeitem]')].some((e) =>
          /^wide\b/.test(e.getAttribute('aria-label') ?? ''),
        );
      const frames = (until: () => boolean) =>
        new Promise<void>((resolve) => {
          const tick = () => (until() ? resolve() : requestAnimationFrame(tick));
          tick();
        });
      await client.call('connections.disconnect', { id }).catch(() => undefined);
      await frames(() => !shown());
      const t0 = performance.now();
      await client.call('connections.connect', { id, password });
      const t1 = performance.now();
      await frames(shown);
      return [t1 - t0, performance.now() - t1] as [number, number];
    },
    { id, password: pg.password, root: sidebarRoot.toString() },
  );
}

/** Opens wide → Tables and scrolls it, then the anchor list over as many rows. */
async function scrolling(page: Page, row: RowPrinter, runs: number): Promise<void> {
  const tree = page.locator('tusk-connections-sidebar');
  await tree
    .getByRole('treeitem', { name: /^wide\b/ })
    .locator('.twisty')
    .click();
  const tables = tree.getByRole('treeitem', {
    name: new RegExp(`^Tables, (${TABLES}|${TABLES.toLocaleString('en-US')})$`),
  });
  await expand(tables);
  await tree.getByRole('treeitem', { name: /^t00001\b/ }).waitFor();
  const rows = await page.evaluate(
    ({ path }) => {
      let el: any = document.querySelector(path[0]!);
      for (const step of path.slice(1)) el = el.shadowRoot?.querySelector(step) ?? el;
      return Math.round(el.scrollHeight / 24);
    },
    { path: TREE },
  );
  for (const action of ['drag', 'steps'] as const) {
    const tusk: number[] = [];
    const anchor: number[] = [];
    for (let run = 0; run < runs; run++) {
      tusk.push(quantile((await scrollFrames(page, TREE, action)).work, 0.95));
      await page.evaluate(mountAnchor, rows);
      await page.waitForTimeout(200);
      anchor.push(quantile((await scrollFrames(page, ['#bench-anchor'], action)).work, 0.95));
      await page.evaluate(() => document.querySelector('#bench-host')?.remove());
    }
    const what = action === 'drag' ? 'top to bottom in 600 frames' : '400 steps of 66 px';
    row(`tree of ${rows} rows, p95 frame work: ${what}`, tusk, anchor, 'bare list', '≤ 16 ms');
  }
  await page.evaluate((path) => {
    let el: any = document.querySelector(path[0]!);
    for (const step of path.slice(1)) el = el.shadowRoot?.querySelector(step) ?? el;
    el.scrollTop = 0;
  }, TREE);
  await expand(tables, false);
}

/** Opens (or closes) a tree node unless it is so already. */
async function expand(node: Locator, open = true): Promise<void> {
  const now = (await node.getAttribute('aria-expanded')) === 'true';
  if (now !== open) await node.locator('.twisty').click();
}

/** A page → backend round trip (`app.health`) and the frame after, ms. */
function pageRoundTrip(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const client = (document.querySelector('tusk-app') as any).services.client;
    const t0 = performance.now();
    await client.call('app.health', {});
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  });
}

/** Types `shipping_carrier` into the sidebar's filter: input event → its hit drawn, ms. */
async function filterToColumn(page: Page): Promise<number> {
  const filter = page
    .locator('tusk-connections-sidebar')
    .getByLabel('Filter connections and objects');
  await page.evaluate(
    ({ root }) => {
      (window as any).__benchTook = new Promise<number>((resolve) => {
        const sidebar = new Function(`return (${root})()`) as () => ShadowRoot;
        sidebar().addEventListener(
          'input',
          () => {
            const t0 = performance.now();
            const tick = () => {
              const hit = sidebar().querySelector(
                '[role=treeitem][aria-label^="shipping_carrier, public.shipments"]',
              );
              if (hit) resolve(performance.now() - t0);
              else requestAnimationFrame(tick);
            };
            tick();
          },
          { capture: true, once: true },
        );
      });
    },
    { root: sidebarRoot.toString() },
  );
  await filter.fill('shipping_carrier');
  const took = await page.evaluate(() => (window as any).__benchTook as Promise<number>);
  await filter.fill('');
  await page
    .locator('tusk-connections-sidebar')
    .getByRole('treeitem', { name: /^public\b/ })
    .waitFor();
  return took;
}

/** In the page: the SQL editor of the query tab shown. */
const shownEditor = () =>
  (document.querySelector('tusk-app') as any).shadowRoot
    .querySelector('tusk-tab-area')
    .shadowRoot.querySelector('tusk-query-tab:not([hidden])')
    .shadowRoot.querySelector('tusk-sql-editor');

/**
 * In a query tab on the connection, `count` times: `select * from wide.t0123` with the
 * cursor at its end, then the keydown of the table name's last character → the list
 * showing that table; and the anchor, a space typed at the same place instead (no list) →
 * the text holding it at a frame. [list ms each, anchor ms each].
 */
async function completionPopups(page: Page, count: number): Promise<[number[], number[]]> {
  await page
    .locator('tusk-connections-sidebar')
    .getByRole('treeitem', { name: /^Wide bench, connected/ })
    .dblclick();
  const content = page.locator('tusk-query-tab:not([hidden]) tusk-sql-editor .cm-content');
  await content.waitFor();
  await content.click();
  const popup: number[] = [];
  const keystroke: number[] = [];
  for (let run = 0; run < count * 2; run++) {
    const name = `t${String(1 + ((run * 7919) % TABLES)).padStart(5, '0')}`;
    const key = run % 2 ? name.at(-1)! : ' ';
    await page.evaluate(
      ({ text, editor }) => {
        const view = (new Function(`return (${editor})()`)() as any).view;
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: text },
          selection: { anchor: text.length },
        });
        view.focus();
      },
      { text: `select * from wide.${name.slice(0, -1)}`, editor: shownEditor.toString() },
    );
    await page.keyboard.press('Escape');
    await page.waitForTimeout(150);
    // Installed before the key is pressed (an evaluate returns once its promise settles).
    await page.evaluate(
      ({ label, list, editor }) => {
        (window as any).__benchTook = new Promise<number>((resolve) => {
          const host = new Function(`return (${editor})()`)() as any;
          const done = list
            ? () =>
                host.shadowRoot
                  .querySelector('.cm-tooltip-autocomplete li')
                  ?.textContent?.includes(label)
            : () => host.view.state.doc.toString().endsWith(' ');
          window.addEventListener(
            'keydown',
            () => {
              const t0 = performance.now();
              const tick = () =>
                done() ? resolve(performance.now() - t0) : requestAnimationFrame(tick);
              tick();
            },
            { capture: true, once: true },
          );
        });
      },
      { label: name, list: key !== ' ', editor: shownEditor.toString() },
    );
    await page.keyboard.press(key);
    const took = await page.evaluate(() => (window as any).__benchTook as Promise<number>);
    (key === ' ' ? keystroke : popup).push(took);
  }
  return [popup, keystroke];
}
