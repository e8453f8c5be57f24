import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** The workspace frame in Chromium: sidebar, layout, status bar, notices, themes. */
describe('the workspace (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let user: TestRole;
  let socket: TestSocket;
  const names = { a: '', b: '', c: '' };

  const sidebar = () => page.locator('tusk-connections-sidebar');
  const tree = () => sidebar().getByRole('tree', { name: 'Connections' });
  const item = (name: string) => tree().getByRole('treeitem', { name: new RegExp(`^${name},`) });
  const statusBar = () => page.locator('tusk-status-bar');

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_workspace');
    session = await startShellSession();
    page = session.page;
    await page.setViewportSize({ width: 1200, height: 720 });
    page.setDefaultTimeout(10_000);
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    names.a = `Alpha ${user.suffix}`;
    names.b = `Beta ${user.suffix}`;
    names.c = `Gamma ${user.suffix}`;
    for (const [name, color] of [
      [names.a, 'green'],
      [names.b, 'purple'],
      [names.c, 'orange'],
    ] as const) {
      const reply = await socket.request('connections.save', user.saveParams(name, { color }));
      expect(reply['error']).toBeUndefined();
    }
    await page.goto(session.backend.url);
    await item(names.a).waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await user?.drop();
  });

  it('lists the saved connections by name with their state, and filters them', async () => {
    expect(await tree().getByRole('treeitem').count()).toBe(3);
    expect(await item(names.a).getAttribute('aria-label')).toBe(`${names.a}, disconnected`);
    const filter = sidebar().getByLabel('Filter connections');
    await filter.fill(`beta ${user.suffix}`);
    await page.waitForFunction(
      () =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-connections-sidebar')!
          .shadowRoot!.querySelectorAll('[role=treeitem]').length === 1,
    );
    expect(await tree().getByRole('treeitem').allInnerTexts()).toEqual([
      expect.stringContaining(names.b),
    ]);
    await filter.fill('no such connection');
    await sidebar().getByText('No connection matches “no such connection”.').waitFor();
    await filter.fill('');
    await item(names.c).waitFor();
  });

  it('by keyboard only: Alt+1 focuses the list, arrows move, Enter connects; the status bar shows it', async () => {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    expect(await item(names.b).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (name) =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-connections-sidebar')!
          .shadowRoot!.querySelector(`[aria-label^="${name}, connected"]`) !== null,
      names.b,
    );
    expect(await item(names.b).getAttribute('aria-label')).toBe(`${names.b}, connected, TLS`);
    const active = statusBar().locator('[data-test=active-connection]');
    await active.getByText(names.b).waitFor();
    expect(await active.innerText()).toMatch(/PostgreSQL \d+\.\d+\s+TLS\s+pool 0 busy · \d idle/);
    // Enter also opened a query tab on it.
    await page
      .locator('tusk-tab-strip')
      .getByRole('tab', { name: new RegExp(`^Query \\d+, on ${names.b}`) })
      .waitFor();
    await sidebar().getByRole('button', { name: 'Disconnect' }).click();
    await page.waitForFunction(
      (name) =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-connections-sidebar')!
          .shadowRoot!.querySelector(`[aria-label="${name}, disconnected"]`) !== null,
      names.b,
    );
    // The active tab is still on it: the status bar says it is not connected.
    await active.getByText('not connected').waitFor();
    expect(await active.innerText()).toMatch(new RegExp(`^${names.b}\\s+not connected$`));
  });

  it('delete asks first, naming the connection; Cancel keeps it, Delete removes it', async () => {
    await item(names.c).click();
    await sidebar().getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete connection' }).waitFor();
    // The dialog's content is slotted into it: found from the element that holds it.
    const dialog = page.locator('tusk-confirm-dialog');
    await dialog.getByText(`Delete the connection “${names.c}”?`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await item(names.c).count()).toBe(1);
    await tree().focus();
    await page.keyboard.press('Delete');
    await page.locator('tusk-confirm-dialog').getByRole('button', { name: 'Delete' }).click();
    await item(names.c).waitFor({ state: 'detached' });
    const listed = (await socket.request('connections.list', {}))['result'] as { name: string }[];
    expect(listed.map((c) => c.name)).not.toContain(names.c);
  });

  it('restores the sidebar width and whether it is shown after a reload', async () => {
    const separator = page.getByRole('separator', { name: 'Sidebar width' });
    const before = Number(await separator.getAttribute('aria-valuenow'));
    await separator.focus();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowRight');
    expect(Number(await separator.getAttribute('aria-valuenow'))).toBe(before + 160);
    await page.waitForTimeout(600); // saved a moment after the last change
    await page.reload();
    await item(names.a).waitFor();
    expect(Number(await separator.getAttribute('aria-valuenow'))).toBe(before + 160);
    const width = await sidebar().evaluate((el) => el.getBoundingClientRect().width);
    expect(Math.round(width)).toBe(before + 160);
    await page.keyboard.press('Control+b');
    await sidebar().waitFor({ state: 'hidden' });
    await page.waitForTimeout(600);
    await page.reload();
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    await page.waitForTimeout(300);
    expect(await sidebar().isVisible()).toBe(false);
    await page.keyboard.press('Control+b');
    await item(names.a).waitFor();
  });

  it('shows a notice once: dismissed, it stays away after a reload', async () => {
    session.backend.notices.add({
      level: 'warning',
      message: 'Storage was repaired',
      detail: 'A backup is in /tmp/x',
    });
    await page.reload();
    const notice = page.locator('tusk-notices-bar li', { hasText: 'Storage was repaired' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('A backup is in /tmp/x');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await item(names.a).waitFor();
    await page.waitForTimeout(300);
    expect(await notice.count()).toBe(0);
  });

  it('"system" theme follows the OS live, and the screenshots are taken (light and dark)', async () => {
    const separator = page.getByRole('separator', { name: 'Sidebar width' });
    await separator.focus();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowLeft');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-light'));
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await item(names.a).click();
    await page.keyboard.press('Enter');
    await statusBar().locator('[data-test=active-connection]').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: shots.path('workspace-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-dark'));
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.waitForTimeout(400); // the controls' colour transitions end
    expect(dark).not.toBe(light);
    await page.screenshot({ path: shots.path('workspace-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
