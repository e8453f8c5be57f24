import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { queryPage } from '../support/query-page';
import { createLoginRole, type TestRole } from '../support/secrets';

/**
 * Two pages of one Tusk (two windows or browser tabs): what one changes shows in the other
 * without a reload, through the server's events; and a tab's progress re-renders that tab
 * only.
 */
describe('every open page stays current (two Chromium pages, one backend)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let one: Page;
  let other: Page;
  let role: TestRole;

  const sidebar = (page: Page) => page.locator('tusk-connections-sidebar');
  const item = (page: Page, name: string, state = '') =>
    sidebar(page).getByRole('treeitem', { name: new RegExp(`^${name}, ${state}`) });
  const strip = (page: Page) => page.locator('tusk-tab-strip');
  const tabNamed = (page: Page, title: string) =>
    strip(page).getByRole('tab', { name: new RegExp(`^${title},`) });
  const ready = async (page: Page) => {
    await page.goto(session.backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_pages');
    session = await startShellSession();
    one = session.page;
    other = await session.browser.newPage();
    for (const page of [one, other]) {
      page.setDefaultTimeout(15_000);
      await page.setViewportSize({ width: 1200, height: 760 });
    }
    other.on('pageerror', (e) => session.problems.push(e.message));
    other.on('console', (m) => {
      if (m.type() === 'error') session.problems.push(m.text());
    });
    await ready(one);
    await ready(other);
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await role?.drop();
  });

  it('a connection saved in one page is listed in the other, opens and closes there, and goes when deleted', async () => {
    const name = `Pages ${role.suffix}`;
    const dialog = one.locator('tusk-connection-dialog wa-dialog');
    const field = (label: string) => dialog.getByLabel(label, { exact: true });
    await sidebar(one).getByRole('button', { name: 'New connection' }).click();
    await one.getByRole('dialog', { name: 'New connection' }).waitFor();
    await field('Name').fill(name);
    await field('Host').fill(pg.host);
    await field('Port').fill(String(pg.port));
    await field('Database').fill(pg.database);
    await field('User').fill(role.role);
    await field('Password').fill(role.password);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await item(other, name, 'disconnected').waitFor();

    await item(one, name).click();
    await sidebar(one).getByRole('button', { name: 'Connect', exact: true }).click();
    await item(other, name, 'connected').waitFor();
    await tabNamed(other, 'Query 1').waitFor(); // connecting opened a tab on it
    await item(one, name).click();
    await sidebar(one).getByRole('button', { name: 'Disconnect', exact: true }).click();
    await item(other, name, 'disconnected').waitFor();

    await item(one, name).click();
    await one.keyboard.press('Delete');
    await one.locator('tusk-confirm-dialog').getByRole('button', { name: 'Delete' }).click();
    await item(other, name).waitFor({ state: 'detached' });
    await one.keyboard.press('Alt+w');
    await tabNamed(other, 'Query 1').waitFor({ state: 'detached' });
  });

  it('a preference saved in one page applies in the other (the theme)', async () => {
    const dark = () => document.documentElement.classList.contains('wa-dark');
    expect(await other.evaluate(dark)).toBe(false);
    const sheet = one.locator('tusk-preferences-dialog');
    await sidebar(one).getByRole('button', { name: 'Preferences' }).click();
    await sheet.getByRole('radio', { name: 'Dark' }).click();
    await sheet.getByRole('button', { name: 'Save' }).click();
    await other.waitForFunction(dark);
    await sidebar(one).getByRole('button', { name: 'Preferences' }).click();
    await sheet.getByRole('radio', { name: 'Light' }).click();
    await sheet.getByRole('button', { name: 'Save' }).click();
    await other.waitForFunction(() => document.documentElement.classList.contains('wa-light'));
  });

  it('a tab opened, renamed, activated and closed in one page does the same in the other; the sidebar width too', async () => {
    await one.locator('body').click({ position: { x: 600, y: 5 } });
    await one.keyboard.press('Alt+t');
    await tabNamed(other, 'Query 1').waitFor();
    await one.keyboard.press('Alt+t');
    await tabNamed(other, 'Query 2').waitFor();
    await strip(other)
      .getByRole('tab', { name: /^Query 2,/, selected: true })
      .waitFor();
    await tabNamed(one, 'Query 1').click();
    await strip(other)
      .getByRole('tab', { name: /^Query 1,/, selected: true })
      .waitFor();
    await one.keyboard.press('F2');
    await one.keyboard.press('Control+a');
    await one.keyboard.type('Orders');
    await one.keyboard.press('Enter');
    await tabNamed(other, 'Orders').waitFor();
    // Text typed in one page reaches the other once saved (at most 1 s after the keystroke).
    await queryPage(one).typeSql('SELECT 42 AS answer');
    await queryPage(other).editor().getByText('SELECT 42 AS answer').waitFor({ timeout: 5000 });
    await one.keyboard.press('Alt+w');
    await tabNamed(other, 'Orders').waitFor({ state: 'detached' });
    expect(await strip(other).getByRole('tab').count()).toBe(1);

    const separator = (page: Page) => page.getByRole('separator', { name: 'Sidebar width' });
    const before = Number(await separator(other).getAttribute('aria-valuenow'));
    await separator(one).focus();
    await one.keyboard.press('Shift+ArrowRight');
    await other.waitForFunction(
      (width) =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('[role=separator]')!
          .getAttribute('aria-valuenow') === String(width),
      before + 40,
    );
    await separator(one).focus();
    await one.keyboard.press('Shift+ArrowLeft');
  });

  it('rows streaming in one tab re-render that tab, not the tab beside it', async () => {
    const name = `Streams ${role.suffix}`;
    await sidebar(one).getByRole('button', { name: 'New connection' }).click();
    const dialog = one.locator('tusk-connection-dialog wa-dialog');
    const field = (label: string) => dialog.getByLabel(label, { exact: true });
    await field('Name').fill(name);
    await field('Host').fill(pg.host);
    await field('Port').fill(String(pg.port));
    await field('Database').fill(pg.database);
    await field('User').fill(role.role);
    await field('Password').fill(role.password);
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await item(one, name, 'connected').waitFor();
    await item(one, name).dblclick(); // a tab on it
    await one.keyboard.press('Alt+t'); // and a second one beside it
    const tabs = strip(one).getByRole('tab');
    await one.waitForFunction(
      () =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-tab-area')!
          .shadowRoot!.querySelectorAll('tusk-query-tab').length === 3,
    );
    await tabs.nth(1).click(); // the first tab on the connection streams; the second waits
    const ids = await one.evaluate(() => {
      const area = document.querySelector('tusk-app')!.shadowRoot!.querySelector('tusk-tab-area')!;
      const all = [...area.shadowRoot!.querySelectorAll('tusk-query-tab')] as HTMLElement[];
      const shown = all.find((t) => !t.hidden)!;
      const proto = customElements.get('tusk-query-tab')!.prototype as {
        render(): unknown;
      };
      const render = proto.render;
      const counts: Record<string, number> = {};
      (window as unknown as { renders: typeof counts }).renders = counts;
      proto.render = function (this: HTMLElement) {
        const id = this.dataset['id']!;
        counts[id] = (counts[id] ?? 0) + 1;
        return render.call(this);
      };
      return { shown: shown.dataset['id']!, beside: all.at(-1)!.dataset['id']! };
    });
    expect(ids.shown).not.toBe(ids.beside);
    await queryPage(one).typeSql(
      'SELECT g, CASE WHEN g % 1000 = 0 THEN pg_sleep(0.1)::text END FROM generate_series(1, 20000) g',
    );
    await one.evaluate(() => {
      const counts = (window as unknown as { renders: Record<string, number> }).renders;
      for (const id of Object.keys(counts)) delete counts[id];
    });
    await queryPage(one).runWith('Control+Enter');
    const counts = await one.evaluate(
      () => (window as unknown as { renders: Record<string, number> }).renders,
    );
    // ~20 progress events and the elapsed-time ticks re-rendered the running tab…
    expect(counts[ids.shown]).toBeGreaterThanOrEqual(10);
    // …and not the tab beside it, on the same connection (at most once, should the status
    // bar's pool refresh fall in the run).
    expect(counts[ids.beside] ?? 0).toBeLessThanOrEqual(1);
  });

  it('shows no script error in either page', () => {
    expect(session.problems).toEqual([]);
  });
});
