import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { queryPage, showTheme, type QueryPage } from '../support/query-page';
import { createLoginRole, type TestRole } from '../support/secrets';
import { dropDatabase, makeShopDatabase, schemaTreePage } from '../support/schema-tree-page';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { docsScreenshots, tempScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();
/** Screenshots to look at while the spec runs (not in the docs). */
const glance = tempScreenshots();
const look = (page: Page, what: string) => page.screenshot({ path: glance.path(`${what}.png`) });

/**
 * Issue 25: the schema tree in the sidebar and the object view, on a database of the demo's
 * shop (its own, made for this spec), as a user sees them in Chromium. What the tree must
 * show is read from pg_catalog here, never written down.
 */
describe('the schema tree and the object view (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let q: QueryPage;
  let database = '';
  let name = '';
  let connectionId = '';

  const { sidebar, tree, node, catalog, activeRow, downTo } = schemaTreePage(
    () => page,
    pg,
    () => database,
  );
  const tabStrip = () => page.locator('tusk-tab-strip');
  const objectTab = () => page.locator('tusk-object-tab:not([hidden])');

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_tree');
    database = `tusk_tree_${role.suffix}`;
    await makeShopDatabase(pg, database, role.role);
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 760 });
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.backend.url });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    name = `Shop ${role.suffix}`;
    const saved = await socket.request('connections.save', role.saveParams(name, { database }));
    connectionId = (saved['result'] as { id: string }).id;
    await page.goto(session.backend.url);
    q = queryPage(page);
    await tree()
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .dblclick();
    await q.editor().waitFor();
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await dropDatabase(pg, database);
    await role?.drop();
  });

  it('after connecting, the public schema’s tables are in the tree, as pg_catalog lists them', async () => {
    const tables = await catalog<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const { relname } of tables) await node(relname).waitFor();
    const folder = node(new RegExp(`^Tables, ${tables.length}$`));
    expect(await folder.getAttribute('aria-expanded')).toBe('true');
    expect(await folder.getAttribute('aria-level')).toBe('3');
    const views = await catalog<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'v'`,
    );
    await node(new RegExp(`^Views, ${views.length}$`)).waitFor();
  });

  it('a table opens to its columns (name, type), keys and constraints, and indexes', async () => {
    const orders = node('orders');
    await orders.locator('.twisty').click();
    expect(await orders.getAttribute('aria-expanded')).toBe('true');
    const columns = await catalog<{ attname: string; type: string; attnotnull: boolean }>(
      `SELECT attname, format_type(atttypid, atttypmod) AS type, attnotnull FROM pg_attribute
       WHERE attrelid = 'public.orders'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    for (const c of columns)
      await node(`${c.attname}, ${c.type}${c.attnotnull ? '' : ', null'}`).waitFor();
    const constraints = await catalog<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'public.orders'::regclass
       AND contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY conname`,
    );
    const keys = node(new RegExp(`^Keys and constraints, ${constraints.length}$`));
    await keys.locator('.twisty').click();
    for (const c of constraints)
      await node(
        new RegExp(`^${c.conname}, (primary key|unique|foreign key|check|exclusion)\\b`),
      ).waitFor();
    const indexes = await catalog<{ name: string }>(
      `SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'public.orders'::regclass`,
    );
    await node(new RegExp(`^Indexes, ${indexes.length}$`))
      .locator('.twisty')
      .click();
    for (const i of indexes)
      await node(new RegExp(`^${i.name}, (primary key |unique )?index \\(`)).waitFor();
    // The docs' screenshots of the tree, light and dark.
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await sidebar().screenshot({ path: shots.path(`schema-tree-${mode}.png`) });
    }
    await showTheme(page, 'light');
    await orders.locator('.twisty').click();
  });

  it('by keyboard alone: move, open, close, and open a table’s rows (its object tab’s Data part)', async () => {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Home');
    expect(await activeRow()).toMatch(new RegExp(`^${name}, connected`));
    await downTo('customers');
    await page.keyboard.press('ArrowRight');
    expect(await node('customers').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await activeRow()).toMatch(/^Columns, \d+$/);
    await page.keyboard.press('ArrowLeft'); // Columns is open: closes it
    await page.keyboard.press('ArrowLeft'); // closed: to its parent
    expect(await activeRow()).toBe('customers');
    await page.keyboard.press('ArrowLeft');
    expect(await node('customers').getAttribute('aria-expanded')).toBe('false');
    const tabs = await tabStrip().getByRole('tab').count();
    await page.keyboard.press('Control+Enter');
    await tabStrip()
      .getByRole('tab', { name: new RegExp(`^customers, on ${name}`) })
      .waitFor();
    expect(await tabStrip().getByRole('tab').count()).toBe(tabs + 1);
    await objectTab().getByRole('heading', { name: 'public.customers' }).waitFor();
    const data = objectTab().getByRole('tab', { name: /^Data/ });
    expect(await data.getAttribute('aria-selected')).toBe('true');
    const [{ n }] = await catalog<{ n: string }>('SELECT count(*) AS n FROM public.customers');
    const rows = Number(n).toLocaleString('en');
    await objectTab()
      .locator('tusk-results-panel')
      .getByRole('tab', { name: new RegExp(`^SELECT\\s+${rows} rows`) })
      .waitFor();
    expect(await objectTab().getByLabel('Applied SQL').innerText()).toBe(
      'SELECT * FROM public.customers',
    );
    // Again from the tree: the same tab, no new one.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+Enter');
    await objectTab().getByRole('heading', { name: 'public.customers' }).waitFor();
    expect(await tabStrip().getByRole('tab').count()).toBe(tabs + 1);
    // Back to the query tab the next tests type in.
    await tabStrip().getByRole('tab').first().click();
    await q.editor().waitFor();
  });

  it('Delete and F2 on a schema node leave the connection alone', async () => {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Home');
    await downTo('public');
    await page.keyboard.press('F2');
    await page.keyboard.press('Delete');
    await page.waitForTimeout(400);
    expect(await page.locator('tusk-connection-dialog').getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('dialog', { name: 'Delete connection' }).count()).toBe(0);
    expect(await activeRow()).toBe('public');
    await tree()
      .getByRole('treeitem', { name: new RegExp(`^${name}, connected`) })
      .waitFor();
    const listed = (await socket.request('connections.list', {}))['result'] as { id: string }[];
    expect(listed.map((c) => c.id)).toContain(connectionId);
  });

  it('the filter finds a column as you type; clearing it brings the tree back', async () => {
    const filter = sidebar().getByLabel('Filter connections and objects');
    await filter.fill('emai');
    const hit = node(/^email, public\.customers/);
    await hit.waitFor();
    expect(await hit.locator('mark').innerText()).toBe('emai');
    await look(page, 'filter');
    await filter.fill('');
    await node('orders').waitFor();
  });

  it('CREATE TABLE run in a tab appears in the tree without a refresh; inside BEGIN only after COMMIT', async () => {
    await q.typeSql('CREATE TABLE tree_made_now (id int PRIMARY KEY)');
    await q.runWith();
    await node('tree_made_now').waitFor();
    await q.typeSql('BEGIN; CREATE TABLE tree_made_in_tx (id int)');
    await q.runWith('Control+Shift+Enter');
    await page.waitForTimeout(1500);
    expect(await node('tree_made_in_tx').count()).toBe(0);
    await q.typeSql('COMMIT');
    await q.runWith();
    await node('tree_made_in_tx').waitFor();
  });

  it('a node’s menu (Shift+F10) and keys: copy the name quoted where needed, show the definition', async () => {
    await q.typeSql('CREATE TABLE "Mixed Case" (id int)');
    await q.runWith();
    await node('Mixed Case').click();
    await page.keyboard.press('Control+c');
    await sidebar().getByRole('status').getByText('Copied public."Mixed Case"').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('public."Mixed Case"');
    await page.keyboard.press('Home');
    await downTo('orders');
    await page.keyboard.press('Shift+F10');
    const menu = sidebar().getByRole('menu', { name: 'Object actions' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Open\s+Enter$/),
      expect.stringMatching(/^Open the first rows\s+Ctrl\+Enter$/),
      expect.stringMatching(/^Show the definition\s+Shift\+Enter$/),
      expect.stringMatching(/^Export…\s*$/),
      expect.stringMatching(/^Import CSV…\s*$/),
      expect.stringMatching(/^Copy the name\s+Ctrl\+C$/),
      expect.stringMatching(/^Refresh\s+F5$/),
    ]);
    await look(page, 'menu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await tabStrip()
      .getByRole('tab', { name: new RegExp(`^orders definition, on ${name}`) })
      .waitFor();
    await q.editor().getByText('CREATE TABLE public.orders').first().waitFor();
    expect(await q.runStatus().innerText()).toBe(''); // shown, not run
  });

  it('Enter opens a table’s object view: columns, DDL and its rows; twice focuses the same tab', async () => {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Home');
    await downTo('orders');
    await page.keyboard.press('Enter');
    await objectTab().getByRole('heading', { name: 'public.orders' }).waitFor();
    const columns = await catalog<{ attname: string; type: string }>(
      `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = 'public.orders'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    const table = objectTab().getByRole('table', { name: 'Columns' });
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
      );
    expect(rows.map((r) => [r[1]!.replace(/\s*\(.*\)$/, ''), r[2]])).toEqual(
      columns.map((c) => [c.attname, c.type]),
    );
    await objectTab().getByRole('tab', { name: /^DDL/ }).click();
    const ddl = objectTab().getByLabel('Definition');
    expect(await ddl.innerText()).toMatch(/CREATE TABLE public\.orders/);
    await look(page, 'ddl');
    await objectTab()
      .getByRole('tab', { name: /^Keys and constraints/ })
      .click();
    await objectTab().getByRole('table', { name: 'Keys and constraints' }).waitFor();
    await look(page, 'keys');
    await objectTab().getByRole('tab', { name: /^Data/ }).click();
    const [{ n }] = await catalog<{ n: string }>('SELECT count(*) AS n FROM public.orders');
    const shownRows = Number(n).toLocaleString('en');
    await objectTab()
      .locator('tusk-results-panel')
      .getByRole('tab', { name: new RegExp(`^SELECT\\s+${shownRows} rows`) })
      .waitFor();
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await page.screenshot({ path: shots.path(`object-view-data-${mode}.png`) });
    }
    await objectTab()
      .getByRole('tab', { name: /^Columns/ })
      .click();
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await page.screenshot({ path: shots.path(`object-view-${mode}.png`) });
    }
    await showTheme(page, 'light');
    const count = await tabStrip().getByRole('tab').count();
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Enter'); // orders is still the active row
    await objectTab().getByRole('heading', { name: 'public.orders' }).waitFor();
    expect(await tabStrip().getByRole('tab').count()).toBe(count);
  });

  it('the object view survives a reload (the Data part waits to be asked)', async () => {
    await page.waitForTimeout(300);
    await page.reload();
    await objectTab().getByRole('heading', { name: 'public.orders' }).waitFor();
    await objectTab().getByRole('table', { name: 'Columns' }).waitFor();
    await objectTab().getByRole('tab', { name: /^Data/ }).click();
    await objectTab()
      .locator('tusk-results-panel')
      .getByRole('tab', { name: /^SELECT\s+[\d,]+ rows/ })
      .waitFor();
  });

  it('draws only the rows in view: a schema of 1,500 tables keeps the DOM small while it scrolls', async () => {
    const admin = superuserSql(pg, { database });
    await admin.unsafe(`SET ROLE ${role.role}; CREATE SCHEMA many;
      DO $$ BEGIN FOR i IN 1..1500 LOOP
        EXECUTE format('CREATE TABLE many.t%s (id int, name text)', lpad(i::text, 4, '0'));
      END LOOP; END $$`);
    await admin.end();
    // Made outside Tusk: F5 on a node reads the catalog again.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Home');
    await page.keyboard.press('F5');
    const schema = node('many');
    await schema.waitFor();
    await schema.locator('.twisty').click();
    // A schema's Tables folder opens with it.
    const folder = node(/^Tables, 1500$/);
    await folder.waitFor();
    expect(await folder.getAttribute('aria-expanded')).toBe('true');
    await node('t0001').waitFor();
    const drawn = () => tree().getByRole('treeitem').count();
    expect(await drawn()).toBeLessThan(80);
    expect(await node('t0001').getAttribute('aria-setsize')).toBe('1500');
    await tree().evaluate((el) => (el.scrollTop = el.scrollHeight));
    await node('t1500').waitFor();
    expect(await drawn()).toBeLessThan(80);
    expect(await node('t1500').getAttribute('aria-posinset')).toBe('1500');
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
