import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { queryPage, showTheme } from '../support/query-page';
import { createLoginRole, type TestRole } from '../support/secrets';
import { dropDatabase, makeShopDatabase, schemaTreePage } from '../support/schema-tree-page';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { tempScreenshots } from '../support/screenshots';

/** Screenshots to look at while the spec runs (not in the docs). */
const glance = tempScreenshots();

/**
 * Issue 25: system schemas (pg_catalog, information_schema, pg_toast, temp schemas) stay out
 * of the sidebar's tree until the user asks for them, per connection, from a schema node's
 * menu (or the connection's); then they come after the user schemas and behave like them,
 * and the filter finds their objects. What the tree must show is read from pg_catalog here.
 */
describe('system schemas in the schema tree (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let database = '';
  let name = '';

  const { sidebar, tree, node, catalog, activeRow, downTo } = schemaTreePage(
    () => page,
    pg,
    () => database,
  );
  const menu = () => sidebar().getByRole('menu', { name: 'Object actions' });
  const toggle = () => menu().getByRole('menuitemcheckbox', { name: 'Show system schemas' });
  const filter = () => sidebar().getByLabel('Filter connections and objects');
  /** The schema rows (level 2), in order. */
  const schemaRows = () =>
    tree()
      .locator('[role=treeitem][aria-level="2"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
  /** The menu of `public`, opened with Shift+F10 from the tree's first row. */
  const publicMenu = async () => {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Home');
    await downTo('public');
    await page.keyboard.press('Shift+F10');
    await menu().waitFor();
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_sys');
    database = `tusk_sys_${role.suffix}`;
    await makeShopDatabase(pg, database, role.role, 'CREATE TABLE public.notes_pg_class (id int)');
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 760 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    name = `Sys ${role.suffix}`;
    await socket.request('connections.save', role.saveParams(name, { database }));
    await page.goto(session.backend.url);
    await tree()
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .dblclick();
    await queryPage(page).editor().waitFor();
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await dropDatabase(pg, database);
    await role?.drop();
  });

  it('by default only the user schemas are listed, and the filter finds no pg_catalog object', async () => {
    await node('notes_pg_class').waitFor();
    const user = await catalog<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')
       AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%' ORDER BY nspname`,
    );
    expect(await schemaRows()).toEqual(user.map((s) => s.nspname));
    expect(await node('pg_catalog').count()).toBe(0);
    await filter().fill('pg_class');
    await node(/^notes_pg_class, public · table$/).waitFor();
    expect(await node(/^pg_class, pg_catalog/).count()).toBe(0);
    await filter().fill('');
    await node('public').waitFor();
  });

  it('turned on from public’s menu by keyboard: the system schemas come after the user ones, quieter', async () => {
    await publicMenu();
    expect(await menu().getByRole('menuitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Copy the name\s+Ctrl\+C$/),
      expect.stringMatching(/^Refresh\s+F5$/),
    ]);
    expect(await toggle().getAttribute('aria-checked')).toBe('false');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await menu().waitFor({ state: 'detached' });
    await sidebar().getByRole('status').getByText('System schemas shown').waitFor();
    await node('pg_catalog').waitFor();
    expect(await activeRow()).toBe('public');
    await page.keyboard.press('ArrowLeft'); // public closes: the schemas fit in view
    const schemas = await catalog<{ nspname: string; system: boolean }>(
      `SELECT nspname, nspname IN ('pg_catalog', 'information_schema') OR nspname LIKE 'pg\\_toast%'
       OR nspname LIKE 'pg\\_temp\\_%' AS system FROM pg_namespace`,
    );
    const sorted = (system: boolean) =>
      schemas
        .filter((s) => s.system === system)
        .map((s) => s.nspname)
        .sort();
    const want = [...sorted(false), ...sorted(true)];
    for (let i = 0; i < 50 && (await schemaRows()).length !== want.length; i += 1)
      await page.waitForTimeout(100);
    expect(await schemaRows()).toEqual(want);
    expect(sorted(true)).toEqual(expect.arrayContaining(['information_schema', 'pg_catalog']));
    const color = (label: string) =>
      node(label)
        .locator('.name')
        .evaluate((el) => getComputedStyle(el).color);
    expect(await color('pg_catalog')).not.toBe(await color('public'));
    await publicMenu();
    expect(await toggle().getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Escape');
  });

  it('pg_catalog opens like any schema: its Tables folder with pg_class, whose view opens', async () => {
    await page.keyboard.press('Alt+1');
    await downTo('pg_catalog');
    await page.keyboard.press('ArrowRight');
    const [{ n }] = await catalog<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class
       WHERE relnamespace = 'pg_catalog'::regnamespace AND relkind IN ('r', 'p')`,
    );
    expect(n).toBeGreaterThan(40);
    const folder = node(`Tables, ${n}`);
    await folder.waitFor();
    expect(await folder.getAttribute('aria-expanded')).toBe('true');
    await downTo('pg_class');
    expect(await activeRow()).toBe('pg_class');
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await sidebar().screenshot({ path: glance.path(`system-schemas-${mode}.png`) });
    }
    await showTheme(page, 'light');
    await page.keyboard.press('Enter');
    await page
      .locator('tusk-object-tab:not([hidden])')
      .getByRole('heading', { name: 'pg_catalog.pg_class' })
      .waitFor();
  });

  it('the filter finds pg_class while they are shown; turned off from the connection’s menu, it is gone', async () => {
    await filter().fill('pg_class');
    const hit = node(/^pg_class, pg_catalog · table$/);
    await hit.waitFor();
    await node(/^notes_pg_class, public · table$/).waitFor();
    await tree()
      .getByRole('treeitem', { name: new RegExp(`^${name}, connected`) })
      .click({ button: 'right' });
    expect(await toggle().getAttribute('aria-checked')).toBe('true');
    await toggle().click();
    await menu().waitFor({ state: 'detached' });
    // The search is asked again without the system schemas.
    await hit.waitFor({ state: 'detached' });
    await node(/^notes_pg_class, public · table$/).waitFor();
    await filter().fill('');
    await node('public').waitFor();
    await node('pg_catalog').waitFor({ state: 'detached' });
    expect(await node('information_schema').count()).toBe(0);
    await publicMenu();
    expect(await toggle().getAttribute('aria-checked')).toBe('false');
    await page.keyboard.press('Escape');
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
