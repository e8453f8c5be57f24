import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { queryPage, showTheme, type QueryPage } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';
import { createLoginRole, type TestRole } from '../support/secrets';
import { createShopDatabase, type ShopDatabase } from '../support/shop-database';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

/** The docs' screenshots of the completion list and a hover (docs/screenshots). */
const shots = docsScreenshots();

declare global {
  interface Window {
    __opened: unknown[];
  }
}

/** Issue 25: completion, hover and F4 in the SQL editor (Chromium, real PostgreSQL). */
describe('completion in the SQL editor (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let shop: ShopDatabase;
  let socket: TestSocket;
  let q: QueryPage;
  let connectionId = '';

  const popup = () => q.current().locator('.cm-tooltip-autocomplete');
  const labels = async () => {
    await popup().locator('li').first().waitFor();
    return popup().locator('.cm-completionLabel').allInnerTexts();
  };
  /** The list once it shows `expected` (it follows each keystroke), or as it is after 5 s. */
  const labelsBecome = async (expected: string[]) => {
    const want = JSON.stringify(expected);
    await waitUntil(async () => JSON.stringify(await labels()) === want, 5000);
    return labels();
  };
  /**
   * Enter on the open list. CodeMirror takes keys on a list only 75 ms after it appears
   * (`interactionDelay`: an Enter typed as it pops up is a new line), as a user would wait.
   */
  const accept = async () => {
    await popup().locator('li[aria-selected]').waitFor();
    await page.waitForTimeout(120);
    await page.keyboard.press('Enter');
  };
  /**
   * The editor's text and cursor (UTF-16), and where the text `needle` starts on screen
   * (its first character's middle; `needle` '' gives the start of the text).
   */
  const inEditor = (needle = '') =>
    page.evaluate((n) => {
      const view = document
        .querySelector('tusk-app')!
        .shadowRoot!.querySelector('tusk-tab-area')!
        .shadowRoot!.querySelector('tusk-query-tab:not([hidden])')!
        .shadowRoot!.querySelector('tusk-sql-editor')!.view!;
      const text = view.state.doc.toString();
      const box = view.coordsAtPos(Math.min(text.indexOf(n) + 1, text.length));
      return {
        text,
        head: view.state.selection.main.head,
        point: box ? { x: box.left + 1, y: (box.top + box.bottom) / 2 } : null,
      };
    }, needle);
  /** The editor's text, and the cursor (UTF-16) in it. */
  const editorState = async () => {
    const { text, head } = await inEditor();
    return { text, head };
  };
  /** Where the text `needle` starts on screen. */
  const pointAt = async (needle: string) => (await inEditor(needle)).point!;
  /** Replaces the text with `before` + `after` and puts the cursor between them. */
  const typeAround = async (before: string, after: string) => {
    await q.typeSql(after);
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText(before.slice(0, -1));
    await page.keyboard.type(before.slice(-1));
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_complete_view');
    shop = await createShopDatabase(pg, role);
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1100, height: 700 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    const saved = await socket.call(
      'connections.save',
      role.saveParams(`Shop ${role.suffix}`, { database: shop.name }),
    );
    connectionId = saved.id;
    await page.goto(session.backend.url);
    await page.evaluate(() => {
      window.__opened = [];
      document.addEventListener('tusk-open-object', (e) =>
        window.__opened.push((e as CustomEvent).detail),
      );
    });
    q = queryPage(page);
    await page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^Shop ${role.suffix}, `) })
      .dblclick();
    await q.editor().waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await shop?.drop();
    await role?.drop();
  });

  it("typing `o.` in `select o. from orders o` offers orders' columns; Enter inserts one", async () => {
    await typeAround('select o.', ' from orders o');
    expect(await labels()).toEqual(['id', 'customer_id', 'total', 'created_at']);
    await expect(popup().locator('li').first().innerText()).resolves.toMatch(/col\s*id\s*integer/);
    await showTheme(page, 'light');
    await page.screenshot({ path: shots.path('completion-light.png') });
    await showTheme(page, 'dark');
    await page.screenshot({ path: shots.path('completion-dark.png') });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await accept();
    expect((await editorState()).text).toBe('select o.total from orders o');
  });

  it("Ctrl+Space after `select ` offers customers' columns first", async () => {
    await typeAround('select ', ' from customers');
    await page.keyboard.press('Control+Space');
    // The list of `select` (a keyword) may still show until the one asked for replaces it.
    await waitUntil(async () => (await labels())[0] === 'id', 5000);
    expect((await labels()).slice(0, 3)).toEqual(['id', 'name', 'country']);
    await page.keyboard.press('Escape');
  });

  it('`with x as (select 1 as aa) select x. from x` offers aa', async () => {
    await typeAround('with x as (select 1 as aa) select x.', ' from x');
    expect(await labelsBecome(['aa'])).toEqual(['aa']);
    await page.keyboard.press('Escape');
  });

  it('a keyword completes in an empty tab (Ctrl+Space)', async () => {
    await page.keyboard.press('Alt+t');
    await page.waitForFunction(
      () =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-tab-area')!
          .shadowRoot!.querySelectorAll('tusk-query-tab').length === 2,
    );
    await q.editor().click();
    await page.keyboard.press('Control+Space');
    expect(await labels()).toContain('SELECT');
    await page.keyboard.type('sel');
    expect(await labelsBecome(['SELECT'])).toEqual(['SELECT']);
    await accept();
    expect(await editorState()).toEqual({ text: 'select', head: 6 });
  });

  it('"MixedCase", its "LongColumnName" and other_schema.tbl are inserted quoted and qualified', async () => {
    await q.typeSql('select * from mix');
    await page.keyboard.press('Control+Space');
    expect(await labels()).toEqual(['MixedCase']);
    await accept();
    await page.keyboard.insertText(' m where m');
    await page.keyboard.type('.lo');
    expect(await labelsBecome(['LongColumnName'])).toEqual(['LongColumnName']);
    await accept();
    expect((await editorState()).text).toBe('select * from "MixedCase" m where m."LongColumnName"');
    await q.typeSql('select * from tb');
    await page.keyboard.press('Control+Space');
    const item = popup().locator('li', { hasText: 'tbl' });
    await expect(item.innerText()).resolves.toMatch(/table\s*tbl\s*other_schema · table/);
    await accept();
    expect((await editorState()).text).toBe('select * from other_schema.tbl');
  });

  it('hovering a table shows its columns; a column, its type', async () => {
    await q.typeSql('select o.total from orders o');
    await page.keyboard.press('Escape');
    const tip = q.current().locator('.cm-tusk-symbol');
    const table = await pointAt('orders');
    await page.mouse.move(table.x, table.y);
    await tip.waitFor();
    expect(await tip.innerText()).toMatch(
      /^public\.orders \(table\): id integer, customer_id integer, total numeric\(12,2\), created_at timestamp with time zone\nF4 or Ctrl\+click: open$/,
    );
    await showTheme(page, 'light');
    await page.screenshot({ path: shots.path('hover-light.png') });
    await page.mouse.move(5, 5);
    await tip.waitFor({ state: 'hidden' });
    const column = await pointAt('total');
    await page.mouse.move(column.x, column.y);
    await q
      .current()
      .locator('.cm-tusk-symbol', { hasText: 'orders.total numeric(12,2)' })
      .waitFor();
  });

  it('F4 and Ctrl+click on a name open its object view (one tab for both)', async () => {
    const [{ oid }] = await shop.admin(`SELECT 'orders'::regclass::oid::int AS oid`);
    const expected = { connectionId, kind: 'table', schema: 'public', name: 'orders', oid };
    const tabStrip = page.locator('tusk-tab-strip');
    const objectView = page
      .locator('tusk-object-tab:not([hidden])')
      .getByRole('heading', { name: 'public.orders' });
    await q.typeSql('select * from orders');
    const tabs = await tabStrip.getByRole('tab').count();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('F4');
    await page.waitForFunction(() => window.__opened.length === 1);
    expect(await page.evaluate(() => window.__opened)).toEqual([expected]);
    await objectView.waitFor();
    expect(await tabStrip.getByRole('tab').count()).toBe(tabs + 1);
    await page.keyboard.press('Alt+PageUp'); // back to the query tab
    await q.editor().waitFor();
    const table = await pointAt('orders');
    await page.keyboard.down('Control');
    await page.mouse.click(table.x, table.y);
    await page.keyboard.up('Control');
    await page.waitForFunction(() => window.__opened.length === 2);
    expect(await page.evaluate(() => window.__opened[1])).toEqual(expected);
    await objectView.waitFor(); // the same tab, focused again
    expect(await tabStrip.getByRole('tab').count()).toBe(tabs + 1);
  });

  it('renders with no script error or CSP violation', () => {
    expect(session.problems).toEqual([]);
  });
});
