import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { focusedElement, queryPage, showTheme, type QueryPage } from '../support/query-page';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** Issue 22: defects of a query tab's runs, found by trying Tusk as a new user would. */
describe('a query tab as a new user tries it (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let q: QueryPage;
  const names = { a: '', b: '', readOnly: '' };

  const sidebar = () => page.locator('tusk-connections-sidebar');
  const item = (name: string) =>
    sidebar().getByRole('treeitem', { name: new RegExp(`^${name}, `) });
  const bar = () => q.results().getByRole('tablist', { name: 'Results' });
  const underlines = () => q.current().locator('tusk-sql-editor .cm-lintRange-error');
  const theme = (mode: 'light' | 'dark') => showTheme(page, mode);

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_first_hour');
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    names.a = `Shop ${role.suffix}`;
    names.b = `Audit ${role.suffix}`;
    names.readOnly = `Reports ${role.suffix}`;
    for (const name of [names.a, names.b]) {
      expect((await socket.request('connections.save', role.saveParams(name)))['error']).toBe(
        undefined,
      );
    }
    const readOnly = role.saveParams(names.readOnly, { readOnly: true });
    expect((await socket.request('connections.save', readOnly))['error']).toBe(undefined);
    await page.goto(session.backend.url);
    q = queryPage(page);
    await item(names.a).dblclick();
    await q.editor().waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await role?.drop();
  });

  it('Run while a query runs leaves it alone: it ends and its result is shown (item 2)', async () => {
    await q.typeSql("SELECT pg_sleep(0.8), 'first' AS which");
    await page.keyboard.press('Control+Enter');
    await q.statusMatches(/^running/);
    await page.keyboard.press('Control+Enter');
    await q.statusMatches(/^Still running: cancel it \(Esc\) or wait, then run again$/);
    await q.statusMatches(/^completed in .* 1 row$/);
    await q.results().locator('tusk-result-grid').getByText('first', { exact: true }).waitFor();
  });

  it('an error underline goes with the next run; the error reads as one block and line:column puts the cursor there (items 3, 4)', async () => {
    const sql = 'SELECT 1;\nSELECT * FRM nowhere;';
    await q.typeSql(sql);
    await q.runWith('Control+Shift+Enter');
    await underlines().first().waitFor();
    // The statement that worked is named as it ended; the failed one is the error below.
    expect(await bar().getByRole('tab').allInnerTexts()).toEqual([
      expect.stringMatching(/^SELECT\s+1 row$/),
      'Messages (error)',
    ]);
    const error = q.results().locator('[data-test=run-error]');
    const lines = (await error.innerText()).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '42601: syntax error at or near "FRM"',
      'line 2, column 10',
    ]);
    expect(lines.every((line) => line.trim() !== '' && line === line.trimStart())).toBe(true);
    // The title starts at the item's left edge: no template indentation shows.
    const left = (await error.boundingBox())!.x;
    const title = (await error.locator('strong').boundingBox())!;
    expect(Math.abs(title.x - left)).toBeLessThan(2);
    // line:column sits on the title's line, after it.
    const where = (await error.getByRole('button', { name: 'line 2, column 10' }).boundingBox())!;
    expect(Math.abs(where.y + where.height / 2 - (title.y + title.height / 2))).toBeLessThan(3);
    await theme('light');
    await q.results().screenshot({ path: shots.path('error-message-light.png') });
    await theme('dark');
    await q.results().screenshot({ path: shots.path('error-message-dark.png') });
    await theme('light');
    await error.getByRole('button', { name: 'line 2, column 10' }).click();
    const cursor = await q
      .current()
      .locator('tusk-sql-editor')
      .evaluate((e) => (e as unknown as { cursor: number }).cursor);
    expect(cursor).toBe(sql.indexOf('FRM'));
    // The next run that works leaves no underline behind.
    await q.typeSql('SELECT 2 AS two');
    await q.runWith();
    await page.waitForTimeout(300);
    expect(await underlines().count()).toBe(0);
  });

  it('a function’s error shows its CONTEXT in Messages; a notice before it is kept (issue 23)', async () => {
    await q.typeSql("DO $$ BEGIN RAISE NOTICE 'before'; PERFORM 1/0; END $$");
    await q.runWith();
    const messages = await q.results().getByRole('list', { name: 'Messages' }).innerText();
    expect(messages).toMatch(/NOTICE: before/);
    expect(messages).toMatch(/22012: division by zero/);
    expect(messages).toMatch(
      /Context: SQL statement "SELECT 1\/0"\nPL\/pgSQL function inline_code_block line 1 at PERFORM/,
    );
  });

  it('names each statement once, says a cancelled one was cancelled, and shows one time for a one-statement run (items 10, 13)', async () => {
    await q.typeSql('SELECT 1 AS one');
    await q.runWith();
    expect(await bar().getByRole('tab').allInnerTexts()).toEqual(['SELECT\n1 row', 'Messages']);
    await q.typeSql('BEGIN');
    await q.runWith();
    expect((await bar().getByRole('tab').first().innerText()).trim()).toBe('BEGIN');
    await q.typeSql('ROLLBACK');
    await q.runWith();
    await q.typeSql('SELECT 1 AS one;\nSELECT pg_sleep(30)');
    await page.keyboard.press('Control+Shift+Enter');
    await q.statusMatches(/^running/);
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
    await q.statusMatches(/^cancelled in/);
    const tabs = await bar().getByRole('tab').allInnerTexts();
    expect(tabs[0]).toMatch(/^SELECT\s+1 row · \d+ ms$/);
    expect(tabs.some((t) => /^Cancelled\s+\d+/.test(t))).toBe(true);
    expect(tabs.join(' ')).not.toMatch(/done/);
    const messages = await q.results().getByRole('list', { name: 'Messages' }).innerText();
    expect(messages).toMatch(/Cancelled \d+ (ms|s)/);
    expect(messages).toMatch(/Cancelled after/);
  });

  it('the close dialog of a tab with an open transaction has the safe answer first: Enter keeps the tab (item 14)', async () => {
    await q.typeSql('BEGIN');
    await q.runWith();
    const tabs = page.locator('tusk-tab-strip').getByRole('tab');
    const before = await tabs.count();
    await page.keyboard.press('Alt+w');
    const ask = page.locator('tusk-confirm-dialog');
    await ask.getByText(/has a transaction that is not committed/).waitFor();
    await waitUntil(async () => (await focusedElement(page)).text === 'Cancel', 3000);
    expect((await focusedElement(page)).text).toBe('Cancel');
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    expect(await tabs.count()).toBe(before);
    expect(await q.current().locator('[data-test=transaction]').innerText()).toBe(
      'transaction open',
    );
    await q.typeSql('ROLLBACK');
    await q.runWith();
  });

  it('the status bar names the active tab’s connection, not the sidebar’s selection (item 8)', async () => {
    const tabs = page.locator('tusk-tab-strip').getByRole('tab');
    await item(names.b).dblclick();
    await waitUntil(async () => (await tabs.count()) === 2, 10_000);
    // Its tab closed, B stays connected; the tab on A is the active one again.
    await page.keyboard.press('Alt+w');
    await waitUntil(async () => (await tabs.count()) === 1, 5000);
    await item(names.b).click();
    const shown = page.locator('tusk-status-bar [data-test=active-connection] .name');
    await waitUntil(async () => (await shown.innerText()) === names.a, 5000);
    expect(await shown.innerText()).toBe(names.a);
  });

  it('Alt+3 reaches the results; Alt+PageDown switches tabs from the grid; history says "1 row" (items 9, 15)', async () => {
    const tabs = page.locator('tusk-tab-strip').getByRole('tab');
    await page.keyboard.press('Alt+t');
    await waitUntil(async () => (await tabs.count()) === 2, 5000);
    await page.keyboard.press('Alt+PageUp');
    await q.typeSql("SELECT 'here' AS place");
    await q.runWith();
    await page.keyboard.press('Alt+3');
    expect(await focusedElement(page)).toMatchObject({ role: 'grid' });
    const active = () =>
      page
        .locator('tusk-tab-strip')
        .getByRole('tab', { selected: true })
        .getAttribute('aria-label');
    const before = await active();
    await page.keyboard.press('Alt+PageDown');
    await waitUntil(async () => (await active()) !== before, 3000);
    expect(await active()).not.toBe(before);
    await page.keyboard.press('Alt+PageUp');
    await page.keyboard.press('Alt+4');
    expect(await focusedElement(page)).toMatchObject({ role: 'textbox' });
    await page.keyboard.press('Control+Shift+H');
    const history = page.locator('tusk-history-dialog');
    const entry = history.getByText(/SELECT 'here' AS place/).first();
    await entry.waitFor();
    const meta = history.getByRole('option').filter({ hasText: "SELECT 'here' AS place" });
    expect(await meta.first().locator('.meta').innerText()).toMatch(/ms · 1 row · ok$/);
    await page.keyboard.press('Escape');
  });

  it('asks for the parameters the backend’s split names: none in strings, comments or a PREPARE body (issue 24)', async () => {
    const dialog = page.getByRole('dialog', { name: 'Query parameters' });
    await q.typeSql("SELECT $2::int * 10 + $1::int AS total, '$9' AS said -- and $7");
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor();
    const params = page.locator('tusk-sql-params-dialog');
    await params.getByLabel('$1', { exact: true }).waitFor();
    expect(await params.getByLabel('$2', { exact: true }).count()).toBe(1);
    expect(await params.getByLabel('$3', { exact: true }).count()).toBe(0);
    // The focus starts on $1; Tab passes its NULL box to $2.
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await q.statusMatches(/^completed in .* 1 row$/);
    const grid = q.results().locator('tusk-result-grid');
    await grid.getByText('54', { exact: true }).waitFor();
    // A prepared statement's own $1 is not the client's: it runs without asking.
    await q.typeSql(`PREPARE tusk_double_${role.suffix} (int) AS SELECT $1 * 2`);
    await q.runWith();
    expect(await q.runStatus().innerText()).toMatch(/^completed in/);
    expect(await dialog.count()).toBe(0);
  });

  it('a run sends its execute first and reads only the page in view; its rows and count come with the events (issue 24)', async () => {
    const sent: { method: string; params: { offset?: number } }[] = [];
    const cdp = await page.context().newCDPSession(page);
    cdp.on('Network.webSocketFrameSent', ({ response }) => {
      const message = JSON.parse(response.payloadData) as (typeof sent)[number];
      if (message.method) sent.push(message);
    });
    await cdp.send('Network.enable');
    // 10,000 rows in four bursts a quarter of a second apart: several progress events.
    await q.typeSql(
      'SELECT g, CASE WHEN g % 2500 = 0 THEN pg_sleep(0.25)::text END AS pause FROM generate_series(1, 10000) g',
    );
    await page.waitForTimeout(600); // typing paused: the text is split ahead of the run
    sent.length = 0;
    await q.runWith();
    await cdp.detach();
    expect(await q.runStatus().innerText()).toMatch(/^completed in .* 10,000 rows$/);
    const grid = q.results().locator('tusk-result-grid').getByRole('grid');
    expect(await grid.getAttribute('aria-rowcount')).toBe('10001');
    const methods = sent.map((m) => m.method).filter((m) => m !== 'queries.close');
    // Nothing before the run: no split (answered while typing paused), no save.
    expect(methods[0]).toBe('queries.execute');
    expect(methods.indexOf('workspace.saveTab')).not.toBe(0);
    // The grid opens on the first rows the backend pushed, and reads no more than the page
    // in view (again, if the first push held fewer rows than it shows); the count came with
    // the events, not by reading the last page again at each of them.
    const pages = sent.filter((m) => m.method === 'queries.page');
    expect(pages.length).toBeLessThanOrEqual(2);
    expect(pages.every((m) => m.params.offset === 0)).toBe(true);
    await grid.getByRole('gridcell', { name: '1', exact: true }).first().waitFor();
  });

  it('a write on a read-only connection asks first, from the split answer the editor found it with (issue 24)', async () => {
    const tabs = page.locator('tusk-tab-strip').getByRole('tab');
    const before = await tabs.count();
    await item(names.readOnly).dblclick();
    await waitUntil(async () => (await tabs.count()) === before + 1, 10_000);
    await q.editor().waitFor();
    const ask = page.getByRole('dialog', { name: 'Write on a read-only connection?' });
    // A read runs without asking.
    await q.typeSql('SELECT 1 AS one');
    await q.runWith();
    expect(await ask.count()).toBe(0);
    // A write asks; cancelled, nothing runs.
    await q.typeSql(`CREATE TABLE tusk_ro_${role.suffix} (a int)`);
    const last = await q.runStatus().getAttribute('data-query');
    await page.keyboard.press('Control+Enter');
    await ask.waitFor();
    const buttons = page.locator('tusk-confirm-dialog');
    await buttons.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await q.runStatus().getAttribute('data-query')).toBe(last);
    // Run anyway: the server's refusal is shown.
    await q.editor().click();
    await page.keyboard.press('Control+Enter');
    await buttons.getByRole('button', { name: 'Run anyway' }).click();
    await q.statusMatches(/^failed in/);
    await q
      .results()
      .getByText(/25006: cannot execute CREATE TABLE in a read-only transaction/)
      .waitFor();
    await page.keyboard.press('Alt+w');
    await waitUntil(async () => (await tabs.count()) === before, 5000);
  });

  it('opens every dialog and menu with no CSP violation or script error (item 15)', async () => {
    await q.typeSql("SELECT 'look' AS word");
    await q.runWith();
    const grid = q.results().locator('tusk-result-grid');
    await grid.getByText('look', { exact: true }).dblclick();
    await page
      .locator('tusk-cell-viewer')
      .getByRole('dialog')
      .waitFor()
      .catch(() => undefined);
    await page.keyboard.press('Escape');
    await grid.locator('tusk-grid-bar').getByRole('button', { name: 'Copy as' }).click();
    await grid.locator('tusk-grid-bar').getByRole('menuitem', { name: 'CSV' }).waitFor();
    await page.keyboard.press('Escape');
    await q.current().getByRole('button', { name: 'History' }).hover();
    // The editor's own panels and tooltips: find, an error's tooltip, the parameters dialog.
    await q.typeSql('SELECT * FRM nowhere');
    await q.runWith();
    await underlines().first().hover();
    await page.waitForTimeout(600);
    await q.editor().click();
    await page.keyboard.press('Control+f');
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
    await q.typeSql('SELECT $1::int AS p');
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(500);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Alt+f');
    for (const keys of ['Control+,', 'F1', 'Alt+o', 'Control+Shift+H', 'Alt+n']) {
      await page.keyboard.press(keys);
      await page.waitForTimeout(400);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
    }
    expect(session.problems).toEqual([]);
  });
});
