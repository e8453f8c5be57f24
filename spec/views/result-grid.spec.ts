import { join } from 'node:path';
import { build } from 'esbuild';
import type { Locator, Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { queryEnd } from '../support/queries';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/**
 * `ResultSource` as a script for the page: the bundle holds it only once the query tab uses
 * it, so the test bundles it itself and hands it the page's own client.
 */
async function resultSourceScript(): Promise<string> {
  const out = await build({
    entryPoints: [join(__dirname, '../../app/views/data/result-source.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'TuskResultSourceModule',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  return `${out.outputFiles[0]!.text}; window.TuskResultSource = TuskResultSourceModule.ResultSource;`;
}

/**
 * Polls `check` until it holds (20 s at most); on failure the message says what `state`
 * (when given) showed then.
 */
async function until(
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
  state?: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) {
      const seen = state ? ` (seen: ${await state().catch((e: Error) => e.message)})` : '';
      throw new Error(`not true within ${timeoutMs} ms: ${check}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** md5 of '1', '2', '3' (the 1M-row query's second column). */
const MD5 = [
  'c4ca4238a0b923820dcc509a6f75849b',
  'c81e728d9d4c2f636f067f89cc14862c',
  'eccbc87e4b5ce2fe28308fd9f2a7baf3',
];

/** The result grid in Chromium over the real backend and PostgreSQL. */
describe('the result grid (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let user: TestRole;
  let socket: TestSocket;
  let connection = '';
  let million = '';

  const grid = () => page.locator('tusk-result-grid').getByRole('grid');
  const bar = () => page.locator('tusk-result-grid tusk-grid-bar');
  const row = (index: number) => grid().locator(`[role=row][aria-rowindex="${index + 2}"]`);
  const cell = (index: number, column: number) =>
    row(index).locator(`[role=gridcell][aria-colindex="${column + 2}"]`);

  /** Runs `sql` through the backend to its end; resolves with its query id. */
  const run = async (sql: string): Promise<string> => {
    const { queryId } = await socket.call('queries.execute', { connectionId: connection, sql });
    const end = await queryEnd(socket, queryId, 60_000);
    expect(end.event).toBe('query.completed');
    return queryId;
  };

  /** Shows a query's result in a new grid on the page (replacing the last one). */
  const mount = async (queryId: string, size = { width: 900, height: 420 }): Promise<Locator> => {
    await page.evaluate(
      ({ queryId, size }) => {
        document.querySelector('#grid-host')?.remove();
        const host = document.createElement('div');
        host.id = 'grid-host';
        Object.assign(host.style, {
          position: 'fixed',
          left: '0',
          top: '0',
          width: `${size.width}px`,
          height: `${size.height}px`,
          display: 'flex',
          zIndex: '10',
          background: 'var(--tusk-bg)',
        });
        const app = document.querySelector('tusk-app') as unknown as {
          services: { client: unknown };
        };
        const Source = (window as unknown as { TuskResultSource: new (...a: unknown[]) => unknown })
          .TuskResultSource;
        const element = document.createElement('tusk-result-grid') as HTMLElement & {
          source: unknown;
          label: string;
        };
        element.style.flex = '1';
        element.label = 'Result';
        element.source = new Source(app.services.client, queryId);
        host.append(element);
        document.body.append(host);
      },
      { queryId, size },
    );
    await until(
      async () => (await cell(0, 0).getAttribute('class'))?.includes('loading') === false,
    );
    return page.locator('#grid-host');
  };

  /** Milliseconds from now to the frame after the next (the page's responsiveness). */
  const frameRoundTrip = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve(performance.now() - start)),
          );
        }),
    );

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_grid');
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1000, height: 640 });
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.backend.url });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    const saved = await socket.call('connections.save', user.saveParams(`grid ${user.suffix}`));
    await socket.call('connections.connect', { id: saved.id });
    connection = saved.id;
    await page.goto(session.backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    await page.evaluate(await resultSourceScript());
    million = await run('SELECT g AS id, md5(g::text) FROM generate_series(1, 1000000) g');
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await user?.drop();
  });

  it('shows a million rows: names with types, row numbers, ARIA counts; Ctrl+End reaches id 1000000', async () => {
    await mount(million);
    const header = grid().getByRole('columnheader');
    expect(await header.allInnerTexts()).toEqual(['#', 'id\ninteger', 'md5\ntext']);
    expect(await grid().getAttribute('aria-rowcount')).toBe('1000001');
    expect(await grid().getAttribute('aria-colcount')).toBe('3');
    expect(await cell(0, 0).innerText()).toBe('1');
    expect(await cell(0, 1).innerText()).toBe(MD5[0]);
    expect(await row(0).getByRole('rowheader').innerText()).toBe('1');
    // Only the rows in view are in the document.
    expect(await grid().getByRole('row').count()).toBeLessThan(30);
    await grid().focus();
    await page.keyboard.press('Control+End');
    await until(async () => /^[0-9a-f]{32}$/.test(await cell(999_999, 1).innerText()));
    expect(await cell(999_999, 0).innerText()).toBe('1000000');
    expect(await row(999_999).getByRole('rowheader').innerText()).toBe('1000000');
    const active = cell(999_999, 1);
    expect(await active.getAttribute('id')).toBe(
      await grid().getAttribute('aria-activedescendant'),
    );
    expect(await active.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Control+Home');
    await cell(0, 0).waitFor();
    expect(await cell(0, 0).getAttribute('aria-selected')).toBe('true');
  });

  it('moves by keyboard: arrows, Page Down/Up, End/Home; Shift extends; Escape keeps one cell', async () => {
    await grid().focus();
    const activeIs = async (r: number, c: number) => {
      const id = await grid().getAttribute('aria-activedescendant');
      expect(await cell(r, c).getAttribute('id')).toBe(id);
    };
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await activeIs(2, 1);
    await page.keyboard.press('PageDown');
    const pageRows =
      Number(
        await grid()
          .locator('.active')
          .evaluate((el) => el.closest('[role=row]')!.getAttribute('aria-rowindex')),
      ) - 4;
    expect(pageRows).toBeGreaterThan(10);
    await page.keyboard.press('PageUp');
    await activeIs(2, 1);
    await page.keyboard.press('Home');
    await activeIs(2, 0);
    await page.keyboard.press('End');
    await activeIs(2, 1);
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await grid().locator('[aria-selected=true]').count()).toBe(4);
    await activeIs(1, 0);
    await page.keyboard.press('Shift+Space');
    expect(await row(1).getByRole('rowheader').getAttribute('class')).toContain('whole');
    await page.keyboard.press('Escape');
    expect(await grid().locator('[aria-selected=true]').count()).toBe(1);
  });

  it('copies 3×2 cells as TSV (Ctrl+C) to the clipboard, and shows their figures', async () => {
    await grid().focus();
    await page.keyboard.press('Control+Home');
    await cell(0, 0).click();
    await cell(2, 1).click({ modifiers: ['Shift'] });
    const figures = page.evaluate(
      () =>
        new Promise<unknown>((resolve) =>
          document.addEventListener('tusk-selection-figures', (e) =>
            resolve((e as unknown as { figures: unknown }).figures),
          ),
        ),
    );
    await page.keyboard.press('Control+c');
    await bar().getByText('Copied 3 rows as TSV').waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toBe(`1\t${MD5[0]}\n2\t${MD5[1]}\n3\t${MD5[2]}`);
    expect(await figures).toMatchObject({
      rows: 3,
      columns: 2,
      count: 6,
      sum: '6',
      min: '1',
      max: '3',
      avg: '2',
    });
    expect(await bar().locator('[data-test=figures]').innerText()).toMatch(
      /3 × 2\s+Count 6\s+Sum 6\s+Min 1\s+Max 3\s+Avg 2/,
    );
  });

  it('copies from the "Copy as" menu: JSON with column names', async () => {
    await bar().getByRole('button', { name: 'Copy as' }).click();
    await bar().getByRole('menuitemcheckbox', { name: 'With column names' }).click();
    // The menu stays open for the format (issue 22, item 15).
    await bar().getByRole('menuitem', { name: 'JSON' }).click();
    await bar().getByText('Copied 3 rows as JSON').waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(text)).toEqual([1, 2, 3].map((id, i) => ({ id, md5: MD5[i] })));
  });

  it('refuses to copy a million rows in a short line, gone with the selection — the clipboard is left alone', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await grid().focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    const said = bar().getByText('Too large to copy: 1,000,000 rows', { exact: true });
    await said.waitFor();
    expect(await said.getAttribute('title')).toMatch(/at most 100,000 rows .*WHERE, LIMIT/);
    // Beside it: the export of the whole result (issue 27).
    await bar().getByRole('button', { name: 'Export…' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');
    await page.keyboard.press('Escape');
    await said.waitFor({ state: 'detached' });
  });

  it('resizes a column by dragging its header edge', async () => {
    await grid().focus();
    await page.keyboard.press('Control+Home');
    const column = grid().getByRole('columnheader', { name: /md5/ });
    const before = (await column.boundingBox())!;
    await page.mouse.move(before.x + before.width - 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width + 78, before.y + before.height / 2, { steps: 4 });
    await page.mouse.up();
    const after = (await column.boundingBox())!;
    expect(Math.round(after.width - before.width)).toBe(80);
    expect(Math.round((await cell(0, 1).boundingBox())!.width)).toBe(Math.round(after.width));
  });

  it('follows a running query: rows shown as they arrive, the count updated to the end', async () => {
    const { queryId } = await socket.call('queries.execute', {
      connectionId: connection,
      sql: `SELECT g, CASE WHEN g = 5001 THEN pg_sleep(1.5)::text END AS pause
              FROM generate_series(1, 10000) g`,
    });
    await mount(queryId);
    await until(async () => Number(await grid().getAttribute('aria-rowcount')) > 1);
    const early = Number(await grid().getAttribute('aria-rowcount'));
    expect(early).toBeLessThan(10_001);
    expect(await cell(0, 0).innerText()).toBe('1');
    await queryEnd(socket, queryId);
    await until(async () => (await grid().getAttribute('aria-rowcount')) === '10001');
    await grid().focus();
    await page.keyboard.press('Control+End');
    await until(async () => (await cell(9999, 0).innerText()) === '10000');
  });

  it('sorts by a column (its header mark, Alt+S) and filters rows, over every held row; copy follows', async () => {
    const queryId = await run(
      `SELECT * FROM (VALUES (3, 'Cherry'), (1, 'apple'), (2, NULL), (10, 'banana')) AS t(n, fruit)`,
    );
    await mount(queryId);
    const column = (name: string) => grid().getByRole('columnheader', { name: new RegExp(name) });
    const columnValues = async (c: number, rows: number) => {
      const out: string[] = [];
      for (let r = 0; r < rows; r++) out.push(await cell(r, c).innerText());
      return out;
    };
    const sortMark = (name: string) => column(name).locator('.sort');
    // Numbers sort by value (10 after 2), then the other way.
    await column('^n').hover();
    await sortMark('^n').click();
    await until(async () => (await columnValues(0, 4)).join() === '1,2,3,10');
    expect(await column('^n').getAttribute('aria-sort')).toBe('ascending');
    await sortMark('^n').click();
    await until(async () => (await columnValues(0, 4)).join() === '10,3,2,1');
    expect(await column('^n').getAttribute('aria-sort')).toBe('descending');
    // Alt+S on a cell of "fruit": by it alone, case-insensitively, NULL last.
    await cell(0, 1).click();
    await page.keyboard.press('Alt+s');
    await until(async () => (await columnValues(1, 4)).join() === 'apple,banana,Cherry,NULL');
    expect(await column('^fruit').getAttribute('aria-sort')).toBe('ascending');
    expect(await column('^n').getAttribute('aria-sort')).toBeNull();
    // Ctrl+F: the filter box; the rows kept stay sorted; the bar says how many.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('A');
    await until(async () => (await grid().getAttribute('aria-rowcount')) === '3');
    // The rows of the new order load just after the count is known.
    await until(async () => (await columnValues(1, 2)).join() === 'apple,banana');
    expect(await bar().locator('[data-test=kept]').innerText()).toBe('2 of 4 rows');
    // Down to the grid; copy all: the rows shown, in their order.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await bar().getByText('Copied 2 rows as TSV').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('1\tapple\n10\tbanana');
    // Escape in the box clears the filter: every row again, still sorted.
    await page.keyboard.press('Control+f');
    await page.keyboard.press('Escape');
    await until(async () => (await grid().getAttribute('aria-rowcount')) === '5');
    await until(async () => (await columnValues(1, 4)).join() === 'apple,banana,Cherry,NULL');
    expect(await bar().locator('[data-test=kept]').count()).toBe(0);
    // A filter that keeps nothing says so.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('kiwi');
    await page.keyboard.press('Enter');
    await page.locator('tusk-result-grid').getByText('No rows match the filter').waitFor();
  });

  it('waits for the whole result before it sorts, and says so', async () => {
    const { queryId } = await socket.call('queries.execute', {
      connectionId: connection,
      sql: `SELECT g, CASE WHEN g = 5001 THEN pg_sleep(3)::text END AS pause
              FROM generate_series(1, 10000) g`,
    });
    await mount(queryId);
    await until(async () => Number(await grid().getAttribute('aria-rowcount')) > 1);
    await cell(0, 0).click();
    await page.keyboard.press('Alt+s');
    await bar()
      .getByText(/wait for the whole result/)
      .waitFor();
    expect(await cell(0, 0).innerText()).toBe('1');
    await queryEnd(socket, queryId);
    await until(async () => (await grid().getAttribute('aria-rowcount')) === '10001');
    await page.keyboard.press('Alt+s');
    await page.keyboard.press('Alt+s');
    const seen = async () =>
      JSON.stringify({
        first: await cell(0, 0).innerText(),
        bar: await bar().innerText(),
        focus: await page.evaluate(() => document.activeElement?.tagName),
      });
    await until(async () => (await cell(0, 0).innerText()) === '10000', 20_000, seen);
  });

  it('renders values as text only: markup, NULL apart from the text NULL, numbers right-aligned', async () => {
    const queryId = await run(
      `SELECT '<img src=x onerror="window.__pwned=1">' AS html, NULL::text AS nothing,
              'NULL' AS word, 42.50::numeric(6,2) AS amount`,
    );
    await mount(queryId);
    expect(await cell(0, 0).innerText()).toBe('<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('tusk-result-grid img').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    const style = (c: number) =>
      cell(0, c).evaluate((el) => {
        const s = getComputedStyle(el);
        return { fontStyle: s.fontStyle, color: s.color, textAlign: s.textAlign };
      });
    expect(await cell(0, 1).innerText()).toBe('NULL');
    expect(await cell(0, 2).innerText()).toBe('NULL');
    const [nullStyle, wordStyle] = [await style(1), await style(2)];
    expect(nullStyle.fontStyle).toBe('italic');
    expect(wordStyle.fontStyle).toBe('normal');
    expect(nullStyle.color).not.toBe(wordStyle.color);
    expect((await style(3)).textAlign).toBe('right');
    expect((await style(0)).textAlign).not.toBe('right');
  });

  it('a 20 MB cell shows its size, the page stays responsive, and the whole value opens on request', async () => {
    const queryId = await run(
      `SELECT 1 AS n, repeat('0123456789abcdef', 1310720) || 'THE END' AS big`,
    );
    await mount(queryId);
    expect(await cell(0, 1).innerText()).toMatch(/^0123456789abcdef.*… 20\.0 MB$/s);
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push(await frameRoundTrip());
    expect(Math.max(...idle)).toBeLessThan(100);
    await cell(0, 1).click();
    await page.keyboard.press('Enter');
    const viewer = page.locator('tusk-cell-viewer');
    await viewer.getByRole('dialog', { name: 'big, row 1' }).waitFor();
    await viewer.locator('[data-test=size]').getByText('20.0 MB').waitFor();
    expect(await viewer.evaluate((el) => (el as unknown as { value: string }).value.length)).toBe(
      20 * 1024 * 1024 + 7,
    );
    const shown: number[] = [];
    for (let i = 0; i < 5; i++) shown.push(await frameRoundTrip());
    expect(Math.max(...shown)).toBeLessThan(100);
    await viewer
      .locator('tusk-text-view')
      .evaluate((el) => (el as unknown as { scrollToEnd(): void }).scrollToEnd());
    await viewer
      .locator('tusk-text-view')
      .getByText(/THE END$/)
      .waitFor();
    await page.keyboard.press('Escape');
    await viewer.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('rows of large cells: a page that comes in parts (each reply bounded) shows every row to the last', async () => {
    const queryId = await run(
      "SELECT g AS n, repeat(chr(1), 66000) AS a, repeat('y', 66000) || g AS b FROM generate_series(1, 600) g",
    );
    await mount(queryId);
    expect(await cell(0, 0).innerText()).toBe('1');
    await grid().focus();
    await page.keyboard.press('Control+End');
    await until(async () => (await cell(599, 0).innerText()) === '600');
    expect(await cell(599, 0).innerText()).toBe('600');
    expect(await cell(599, 2).innerText()).toMatch(/^y+/);
    expect(await row(599).getByRole('rowheader').innerText()).toBe('600');
    await page.keyboard.press('Control+Home');
    await cell(0, 0).waitFor();
  });

  it('opens a JSON value formatted and a bytea value as hex with its size', async () => {
    const queryId = await run(
      `SELECT '{"a": [1, 2], "b": {"c": null}}'::jsonb AS doc, '\\xdeadbeef00'::bytea AS bin`,
    );
    await mount(queryId);
    const viewer = page.locator('tusk-cell-viewer');
    const lines = viewer.locator('tusk-text-view .lines');
    await cell(0, 0).dblclick();
    await viewer.getByRole('dialog', { name: 'doc, row 1' }).waitFor();
    await until(async () => (await lines.innerText()).startsWith('{'));
    expect(await lines.innerText()).toBe(
      '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {\n    "c": null\n  }\n}',
    );
    expect(await viewer.locator('[data-test=size]').innerText()).toBe('31 B, formatted');
    await page.keyboard.press('Escape');
    await viewer.getByRole('dialog').waitFor({ state: 'hidden' });
    await cell(0, 1).dblclick();
    await viewer.getByRole('dialog', { name: 'bin, row 1' }).waitFor();
    await until(async () => (await lines.innerText()).startsWith('0000'));
    expect(await lines.innerText()).toBe('00000000  deadbeef 00');
    expect(await viewer.locator('[data-test=size]').innerText()).toBe('5 bytes');
    await page.keyboard.press('Escape');
    await viewer.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('looks like a database tool: screenshots light and dark', async () => {
    const queryId = await run(
      `SELECT g AS id, 'Customer ' || g AS name, round((g * 13.37)::numeric, 2) AS amount,
              '2026-01-01 09:00'::timestamp + g * interval '97 minutes' AS created_at,
              g % 3 = 0 AS active,
              CASE WHEN g % 4 = 0 THEN NULL ELSE jsonb_build_object('tier', g % 5, 'tags', ARRAY['a', 'b']) END AS profile
         FROM generate_series(1, 5000) g`,
    );
    const host = await mount(queryId, { width: 960, height: 420 });
    await cell(2, 2).click();
    await cell(5, 2).click({ modifiers: ['Shift'] });
    await bar().locator('[data-test=figures]').waitFor();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-light'));
    await page.waitForTimeout(200);
    await host.screenshot({ path: shots.path('grid-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-dark'));
    await page.waitForTimeout(400);
    await host.screenshot({ path: shots.path('grid-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
