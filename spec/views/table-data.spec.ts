import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { focusedElement, showTheme } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';
import { createLoginRole, type TestRole } from '../support/secrets';
import { dropDatabase, makeShopDatabase, schemaTreePage } from '../support/schema-tree-page';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/**
 * Issue 26: a table's data view (its object tab's Data part), on a database of the demo's
 * shop of its own, as a user drives it in Chromium: the WHERE and ORDER BY run by the
 * server, the header's sort marks as ORDER BY, the exact count, a refused second
 * statement, keys, and a restored tab. What the rows must be is asked of PostgreSQL here.
 */
describe('a table’s data view (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let database = '';
  let name = '';

  const { tree, node, catalog } = schemaTreePage(
    () => page,
    pg,
    () => database,
  );
  const objectTab = () => page.locator('tusk-object-tab:not([hidden])');
  const data = () => objectTab().locator('tusk-table-data');
  const whereBox = () => data().getByRole('textbox', { name: 'WHERE', exact: true });
  const orderBox = () => data().getByRole('textbox', { name: 'ORDER BY', exact: true });
  const status = () => data().locator('[data-test=data-status]');
  const grid = () => data().locator('tusk-result-grid').getByRole('grid');
  const column = (label: string) =>
    grid().getByRole('columnheader', { name: new RegExp(`^${label}\\b`) });
  const firstCell = () =>
    grid().locator('[role=row][aria-rowindex="2"] [role=gridcell][aria-colindex="2"]');

  /** The ids the server gives for `where` and `order` (as the test asks it). */
  const ids = async (where: string, order: string) =>
    (
      await catalog<{ shown: string }>(
        `SELECT id::text AS shown FROM public.orders WHERE (${where}) ORDER BY ${order}`,
      )
    ).map((r) => r.shown);

  /** Waits for a run newer than `before` to show `rows` rows. */
  const shown = async (before: string, rows: number) => {
    await waitUntil(async () => {
      const query = (await status().getAttribute('data-query')) ?? '';
      return query !== '' && query !== before;
    }, 10_000);
    expect(await status().getAttribute('data-query')).not.toBe(before);
    await data()
      .locator('tusk-results-panel')
      .getByRole('tab', { name: new RegExp(`^SELECT\\s+${rows.toLocaleString('en')} rows?`) })
      .waitFor();
  };
  const queryShown = async () => (await status().getAttribute('data-query')) ?? '';

  /** The first column of every row the grid shows, in its order (Ctrl+A, Ctrl+C). */
  const gridIds = async (rows: number) => {
    await firstCell().click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await data()
      .locator('tusk-grid-bar')
      .getByText(`Copied ${rows.toLocaleString('en')} rows as TSV`)
      .waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    return text.split('\n').map((line) => line.split('\t')[0]);
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_data');
    database = `tusk_data_${role.suffix}`;
    await makeShopDatabase(pg, database, role.role, 'CREATE TABLE x (id int); ANALYZE orders');
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.backend.url });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    name = `Shop ${role.suffix}`;
    await socket.request('connections.save', role.saveParams(name, { database }));
    await page.goto(session.backend.url);
    await tree()
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .dblclick();
    await node('orders').waitFor();
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await dropDatabase(pg, database);
    await role?.drop();
  });

  it('"Open the first rows" opens the table’s Data part, run, with its estimate', async () => {
    await node('orders').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Open the first rows/ }).click();
    await objectTab().getByRole('heading', { name: 'public.orders' }).waitFor();
    const [{ n }] = await catalog<{ n: number }>('SELECT count(*)::int AS n FROM public.orders');
    await shown('', n);
    expect(await data().getByLabel('Applied SQL').innerText()).toBe('SELECT * FROM public.orders');
    const [{ reltuples }] = await catalog<{ reltuples: number }>(
      `SELECT reltuples FROM pg_class WHERE oid = 'public.orders'::regclass`,
    );
    expect(await data().locator('[data-test=row-count]').innerText()).toBe(
      `≈ ${Math.round(reltuples).toLocaleString('en')} rows`,
    );
  });

  it('a WHERE and a typed ORDER BY run on the server: the rows are the query’s, marks drawn', async () => {
    await whereBox().fill('id > 10');
    let before = await queryShown();
    await whereBox().press('Enter');
    const filtered = await ids('id > 10', 'id');
    await shown(before, filtered.length);
    expect(await data().getByLabel('Applied SQL').innerText()).toBe(
      'SELECT * FROM public.orders WHERE (id > 10)',
    );
    await orderBox().fill('status DESC, id');
    before = await queryShown();
    await orderBox().press('Enter');
    const expected = await ids('id > 10', 'status DESC, id');
    await shown(before, expected.length);
    // The docs' screenshots: a WHERE and an ORDER BY applied, its marks in the header.
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await page.screenshot({ path: shots.path(`table-data-${mode}.png`) });
    }
    await showTheme(page, 'light');
    expect(await gridIds(expected.length)).toEqual(expected);
    expect(await column('status').getAttribute('aria-sort')).toBe('descending');
    expect(await column('id').getAttribute('aria-sort')).toBe('ascending');
    // An ORDER BY that is not plain column names draws no marks.
    await orderBox().fill('lower(status), id');
    before = await queryShown();
    await orderBox().press('Enter');
    await shown(before, expected.length);
    expect(await column('status').getAttribute('aria-sort')).toBeNull();
    expect(await column('id').getAttribute('aria-sort')).toBeNull();
  });

  it('a click on a header’s sort mark becomes the ORDER BY, run on the server', async () => {
    let before = await queryShown();
    await column('id').hover();
    await column('id').locator('.sort').click();
    const ascending = await ids('id > 10', 'id');
    await shown(before, ascending.length);
    expect(await orderBox().inputValue()).toBe('id');
    before = await queryShown();
    await column('id').locator('.sort').click();
    const descending = await ids('id > 10', 'id DESC');
    await shown(before, descending.length);
    expect(await orderBox().inputValue()).toBe('id DESC');
    expect(await column('id').getAttribute('aria-sort')).toBe('descending');
    expect(await gridIds(descending.length)).toEqual(descending);
    // Alt+S on a cell of status: by it alone.
    before = await queryShown();
    await grid()
      .locator('[role=row][aria-rowindex="2"] [role=gridcell][aria-colindex="4"]')
      .click();
    await page.keyboard.press('Alt+s');
    await shown(before, descending.length);
    expect(await orderBox().inputValue()).toBe('status');
  });

  it('a WHERE smuggling a second statement is refused and runs nothing', async () => {
    const before = await queryShown();
    for (const where of [
      'id > 10; drop table x',
      'id > 10 \\; drop table x',
      'true \\; select 1',
    ]) {
      await whereBox().fill(where);
      await whereBox().press('Enter');
      await data()
        .getByRole('alert')
        .getByText(/nothing was run/)
        .waitFor();
      expect(await queryShown()).toBe(before);
    }
    const [{ n }] = await catalog<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE oid = to_regclass('public.x')`,
    );
    expect(n).toBe(1);
    // Escape puts back the applied WHERE; the alert goes with it.
    await whereBox().press('Escape');
    expect(await whereBox().inputValue()).toBe('id > 10');
    expect(await data().getByRole('alert').count()).toBe(0);
  });

  it('Count gives the exact count of the rows the WHERE keeps', async () => {
    await data().getByRole('button', { name: 'Count', exact: true }).click();
    const [{ n }] = await catalog<{ n: number }>(
      'SELECT count(*)::int AS n FROM public.orders WHERE (id > 10)',
    );
    await data()
      .locator('[data-test=row-count]')
      .getByText(`${n.toLocaleString('en')} rows`, { exact: true })
      .waitFor();
  });

  it('by keyboard: Tab reaches the boxes, Escape restores, Enter applies, Ctrl+F finds the WHERE', async () => {
    await objectTab().getByRole('tab', { name: /^Data/ }).focus();
    for (let i = 0; i < 8 && (await focusedElement(page)).tag !== 'input'; i++)
      await page.keyboard.press('Tab');
    expect(await whereBox().evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await orderBox().evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('nonsense');
    await page.keyboard.press('Escape');
    expect(await orderBox().inputValue()).toBe('status');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('id DESC');
    const before = await queryShown();
    await page.keyboard.press('Enter');
    const expected = await ids('id > 10', 'id DESC');
    await shown(before, expected.length);
    await firstCell().click();
    expect(await firstCell().innerText()).toBe(expected[0]);
    await page.keyboard.press('Control+f');
    expect(await whereBox().evaluate((el) => el.matches(':focus'))).toBe(true);
  });

  it('F5 reloads; Cancel stops a slow one', async () => {
    let before = await queryShown();
    await whereBox().press('F5');
    const expected = await ids('id > 10', 'id DESC');
    await shown(before, expected.length);
    before = await queryShown();
    await whereBox().fill('id > 10 AND pg_sleep(0.05) IS NOT NULL');
    await whereBox().press('Enter');
    await status()
      .getByText(/^running/)
      .waitFor();
    await data().getByRole('button', { name: 'Cancel', exact: true }).click();
    await data()
      .locator('tusk-results-panel')
      .getByText(/^Cancelled after/)
      .waitFor();
    expect(await queryShown()).not.toBe(before);
    before = await queryShown();
    await whereBox().fill('id > 10');
    await whereBox().press('Enter');
    await shown(before, expected.length);
  });

  it('a fetch stopped by the row cap says how to narrow it', async () => {
    await socket.request('preferences.set', { values: { rowCap: 500 } });
    try {
      const before = await queryShown();
      await whereBox().press('F5');
      await waitUntil(async () => ![before, ''].includes(await queryShown()), 10_000);
      // The cap is checked between the driver's reads: it stops at the end of one.
      const tab = data()
        .locator('tusk-results-panel')
        .getByRole('tab', { name: /^SELECT\s+[\d,]+ rows \(stopped: memory budget or row cap\)/ });
      const rows = /SELECT\s+([\d,]+) rows/.exec(await tab.innerText())![1]!;
      expect(Number(rows.replaceAll(',', ''))).toBeGreaterThanOrEqual(500);
      expect(
        await data()
          .getByRole('status')
          .filter({ hasText: /Only the first/ })
          .innerText(),
      ).toMatch(
        new RegExp(
          `^Only the first ${rows} rows fit the memory budget or the row cap: add a WHERE to narrow them`,
        ),
      );
    } finally {
      await socket.request('preferences.set', { values: { rowCap: 0 } });
    }
    const before = await queryShown();
    await whereBox().press('F5');
    await shown(before, (await ids('id > 10', 'id')).length);
    expect(
      await data()
        .getByText(/Only the first \d/)
        .count(),
    ).toBe(0);
  });

  it('a restored tab keeps its WHERE and ORDER BY and does not run them', async () => {
    await waitUntil(async () => (await status().innerText()) === '', 10_000);
    await page.waitForTimeout(300);
    await page.reload();
    await objectTab().getByRole('heading', { name: 'public.orders' }).waitFor();
    await whereBox().waitFor();
    expect(await whereBox().inputValue()).toBe('id > 10');
    expect(await orderBox().inputValue()).toBe('id DESC');
    expect(await data().getByText('Not run yet').count()).toBe(1);
    expect(await data().locator('tusk-results-panel').count()).toBe(0);
    const before = await queryShown();
    await whereBox().press('Enter');
    const expected = await ids('id > 10', 'id DESC');
    await shown(before, expected.length);
    expect(await gridIds(expected.length)).toEqual(expected);
  });

  it('"Open in a query tab" gives the applied SQL to a query tab', async () => {
    await data().getByRole('button', { name: 'Open in a query tab' }).click();
    const editor = page.locator('tusk-query-tab:not([hidden]) tusk-sql-editor .cm-content');
    await editor
      .getByText('SELECT * FROM public.orders WHERE (id > 10) ORDER BY id DESC')
      .waitFor();
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
