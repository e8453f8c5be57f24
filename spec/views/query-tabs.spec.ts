import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { startTestBackend } from '../support/backend';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { queryPage } from '../support/query-page';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** The query tabs in Chromium against the real PostgreSQL (issue 16). */
describe('query tabs (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  const names = { a: '', b: '' };
  let counter = '';

  const strip = () => page.locator('tusk-tab-strip');
  const tabNamed = (title: string) => strip().getByRole('tab', { name: new RegExp(`^${title},`) });
  // The visible query tab and its helpers (spec/support/query-page.ts), once the page is up.
  const q = () => queryPage(page);
  const current = () => q().current();
  const editor = () => q().editor();
  const results = () => q().results();
  const runStatus = () => q().runStatus();
  const typeSql = (sql: string) => q().typeSql(sql);
  /** Presses `keys` to run, and waits for that run (a new query id) to end. */
  const runWith = (keys: string) => q().runWith(keys);

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_tabs_view');
    counter = `restore_counter_${role.suffix}`;
    const admin = superuserSql(pg);
    await admin.unsafe(`CREATE TABLE ${counter} (n int)`);
    await admin.unsafe(`GRANT ALL ON ${counter} TO ${role.role}`);
    await admin.end();
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.backend.url });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    names.a = `Shop ${role.suffix}`;
    names.b = `Audit ${role.suffix}`;
    for (const [name, color] of [
      [names.a, 'blue'],
      [names.b, 'orange'],
    ] as const) {
      expect(
        (await socket.request('connections.save', role.saveParams(name, { color })))['error'],
      ).toBeUndefined();
    }
    await page.goto(session.backend.url);
    await page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^${names.a}, `) })
      .waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    const admin = superuserSql(pg);
    await admin.unsafe(`DROP TABLE IF EXISTS ${counter}`);
    await admin.end();
    await role?.drop();
  });

  it('a tab on each of two connections; a 3-statement script shows three results and the messages', async () => {
    const sidebar = page.locator('tusk-connections-sidebar');
    await sidebar.getByRole('treeitem', { name: new RegExp(`^${names.a}, `) }).dblclick();
    await tabNamed('Query 1').waitFor();
    await typeSql(
      "SELECT 'from a' AS src;\nDO $$ BEGIN RAISE NOTICE 'hello from DO'; END $$;\nSELECT 2 AS two",
    );
    await runWith('Control+Shift+Enter');
    const bar = results().getByRole('tablist', { name: 'Results' });
    expect(await bar.getByRole('tab').allInnerTexts()).toEqual([
      expect.stringMatching(/^SELECT\s+1 row/),
      expect.stringMatching(/^DO\s+\d+ ms$/),
      expect.stringMatching(/^SELECT\s+1 row/),
      'Messages',
    ]);
    // The last result with rows is shown in its grid.
    await results().locator('tusk-result-grid').getByText('2', { exact: true }).first().waitFor();
    await bar.getByRole('tab').first().click();
    await results().locator('tusk-result-grid').getByText('from a', { exact: true }).waitFor();
    await bar.getByRole('tab', { name: 'Messages' }).click();
    expect(await results().getByRole('list', { name: 'Messages' }).innerText()).toContain(
      'NOTICE: hello from DO',
    );
    await sidebar.getByRole('treeitem', { name: new RegExp(`^${names.b}, `) }).dblclick();
    await tabNamed('Query 2').waitFor();
    await typeSql("SELECT 'from b' AS src");
    await runWith('Control+Enter');
    expect(await runStatus().innerText()).toMatch(/^completed in .* 1 row$/);
    await results().locator('tusk-result-grid').getByText('from b', { exact: true }).waitFor();
    expect(await strip().getByRole('tab').count()).toBe(2);
    expect(await tabNamed('Query 2').getAttribute('aria-label')).toContain(`on ${names.b}`);
  });

  it('is captured with results, light and dark, for the README', async () => {
    await typeSql(
      "SELECT g AS id, 'customer ' || g AS name, round((g * 13.37)::numeric % 500, 2) AS amount,\n" +
        '       CASE WHEN g % 7 = 0 THEN NULL ELSE g % 3 = 0 END AS active,\n' +
        "       timestamptz '2026-11-01 09:00+00' + g * interval '37 minutes' AS created_at\n" +
        'FROM generate_series(1, 5000) AS g\nORDER BY id;',
    );
    await runWith('Control+Enter');
    await results().locator('tusk-result-grid').getByText('customer 1', { exact: true }).waitFor();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(400);
    await page.screenshot({ path: shots.path('query-tab-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-dark'));
    await page.waitForTimeout(400);
    await page.screenshot({ path: shots.path('query-tab-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('pg_sleep(30) is cancelled with Escape and shown as cancelled', async () => {
    await typeSql('SELECT pg_sleep(30)');
    await page.keyboard.press('Control+Enter');
    await runStatus()
      .getByText(/^running/)
      .waitFor();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() =>
      /^cancelled in/.test(
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-tab-area')!
          .shadowRoot!.querySelector('tusk-query-tab:not([hidden])')!
          .shadowRoot!.querySelector('[data-test=run-status]')!
          .textContent!.trim(),
      ),
    );
    expect(await runStatus().innerText()).toMatch(/^cancelled in/);
    await results().getByRole('tab', { name: 'Messages' }).click();
    await results()
      .getByText(/^Cancelled after \d+ ms\.$/)
      .waitFor();
  });

  it('shows the first rows while the query still runs, and keeps that grid when it ends', async () => {
    await typeSql(
      'SELECT g, CASE WHEN g = 5001 THEN pg_sleep(2)::text END AS pause FROM generate_series(1, 10000) g',
    );
    await page.keyboard.press('Control+Enter');
    const fetching = results().getByRole('tab', { name: /^Fetching\s+[\d,]+ rows? so far/ });
    await fetching.waitFor();
    // The count follows the rows held, also while the server pauses (after row 5,000; what
    // it had sent by then): more than the first row's "1 row".
    await results()
      .getByRole('tab', { name: /^Fetching\s+\d,\d{3} rows so far/ })
      .waitFor();
    const grid = results().locator('tusk-result-grid');
    await grid.getByRole('gridcell', { name: '1', exact: true }).first().waitFor();
    expect(await runStatus().innerText()).toMatch(/^running/);
    const handle = await grid.elementHandle();
    await runStatus()
      .getByText(/^completed in/)
      .waitFor();
    await results()
      .getByRole('tab', { name: /^SELECT\s+10,000 rows/ })
      .waitFor();
    // The same grid element, now with every row: nothing drawn again from scratch.
    expect(await handle!.evaluate((el) => el.isConnected)).toBe(true);
    await page.waitForFunction(
      (el) =>
        el.shadowRoot?.querySelector('[role=grid]')?.getAttribute('aria-rowcount') === '10001',
      handle,
    );
  });

  it('a 1M-row select: Ctrl+End reaches id 1000000; 3×2 cells copied as TSV to the clipboard', async () => {
    await typeSql('SELECT g AS id, g * 2 AS twice FROM generate_series(1, 1000000) g');
    await runWith('Control+Enter');
    expect(await runStatus().innerText()).toMatch(/^completed in .* 1,000,000 rows$/);
    const grid = results().locator('tusk-result-grid').getByRole('grid');
    const cell = (row: number, column: number) =>
      grid.locator(`[role=row][aria-rowindex="${row + 2}"] [aria-colindex="${column + 2}"]`);
    await cell(0, 0).click();
    await page.keyboard.press('Control+End');
    await cell(999_999, 0).getByText('1000000', { exact: true }).waitFor();
    expect(await grid.getAttribute('aria-rowcount')).toBe('1000001');
    await page.keyboard.press('Control+Home');
    await cell(0, 0).getByText('1', { exact: true }).waitFor();
    await cell(1, 0).click();
    await cell(3, 1).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await results().getByText('Copied 3 rows as TSV').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('2\t4\n3\t6\n4\t8');
  });

  it('a syntax error on line 2 is underlined at its column, with the message in Messages', async () => {
    await typeSql('SELECT 1;\nSELECT * FRM nowhere;');
    await runWith('Control+Shift+Enter');
    const error = results().locator('[data-test=run-error]');
    await error.waitFor();
    expect((await error.innerText()).trim()).toMatch(
      /^42601: syntax error at or near "FRM"\s+line 2, column 10/,
    );
    const underlined = current().locator('tusk-sql-editor .cm-lintRange-error');
    await underlined.first().waitFor();
    expect(await underlined.first().innerText()).toBe('FRM');
  });

  it('a transaction across runs shows its state; closing the tab asks, and rolling back keeps nothing', async () => {
    await typeSql(`BEGIN; INSERT INTO ${counter} VALUES (42)`);
    await runWith('Control+Shift+Enter');
    expect(await current().locator('[data-test=transaction]').innerText()).toBe('transaction open');
    expect(await tabNamed('Query 2').getAttribute('aria-label')).toContain('transaction open');
    await page.keyboard.press('Alt+w');
    const ask = page.locator('tusk-confirm-dialog');
    await ask.getByText(/has a transaction that is not committed/).waitFor();
    await ask.getByRole('button', { name: 'Roll back and close' }).click();
    await tabNamed('Query 2').waitFor({ state: 'detached' });
    const admin = superuserSql(pg);
    const [row] = await admin.unsafe(`SELECT count(*)::int AS n FROM ${counter}`);
    await admin.end();
    expect(row!['n']).toBe(0);
  });

  it('history finds a query by a word in it; a saved query reopens in a new tab', async () => {
    await page.keyboard.press('Control+Shift+H');
    const history = page.locator('tusk-history-dialog');
    await history.getByRole('dialog', { name: 'Query history' }).waitFor();
    await history.getByLabel('Search history').fill('hello');
    await history.getByRole('option').first().filter({ hasText: 'hello from DO' }).waitFor();
    await page.keyboard.press('Enter');
    await tabNamed('Query 2').waitFor();
    expect(await editor().innerText()).toContain("RAISE NOTICE 'hello from DO'");
    await page.keyboard.press('Control+s');
    const save = page.locator('tusk-save-query-dialog');
    await save.getByLabel('Name').fill(`Greeting ${role.suffix}`);
    await save.getByLabel('Folder').fill('Demos');
    await save.getByRole('button', { name: 'Save' }).click();
    await tabNamed(`Greeting ${role.suffix}`).waitFor();
    await page.keyboard.press('Alt+o');
    const saved = page.locator('tusk-saved-queries-dialog');
    await saved.getByRole('option', { name: new RegExp(`Greeting ${role.suffix}`) }).waitFor();
    await saved.getByRole('button', { name: 'Open in new tab' }).click();
    // The new tab comes a moment after the click.
    await strip()
      .getByRole('tab', { name: new RegExp(`^Greeting ${role.suffix},`) })
      .nth(1)
      .waitFor();
    expect(
      await strip()
        .getByRole('tab', { name: new RegExp(`^Greeting ${role.suffix},`) })
        .count(),
    ).toBe(2);
  });

  it('after a reload and a backend restart the tabs, their SQL and connections are back, and nothing re-ran', async () => {
    await typeSql(`INSERT INTO ${counter} VALUES (1)`);
    await runWith('Control+Enter');
    await page.waitForTimeout(1200); // the autosave (≤ 1 s after the last keystroke)
    const titles = await strip().getByRole('tab').allInnerTexts();
    const { port, dataDir } = session.backend;
    await session.backend.close();
    session.backend = await startTestBackend({ port, dataDir: dataDir! });
    await page.goto(session.backend.url);
    await strip().getByRole('tab').first().waitFor();
    expect(await strip().getByRole('tab').allInnerTexts()).toEqual(titles);
    expect(await editor().innerText()).toBe(`INSERT INTO ${counter} VALUES (1)`);
    await page.waitForTimeout(500);
    const admin = superuserSql(pg);
    const [row] = await admin.unsafe(`SELECT count(*)::int AS n FROM ${counter}`);
    await admin.end();
    expect(row!['n']).toBe(1);
  });

  it('shows no CSP violation or script error', () => {
    // The socket's attempts while the backend was restarting are expected; nothing else.
    expect(session.problems.filter((p) => !/ERR_CONNECTION_(RESET|REFUSED)/.test(p))).toEqual([]);
  });
});
