import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';

/**
 * Issue 22, item 18: the run-only Demo connection's dialog says where its password really
 * is, and a statement timeout's hint names a place the user can change it.
 */
describe('the Demo connection as a newcomer opens it (Chromium)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_demo_view');
    session = await startShellSession({
      demo: {
        host: pg.host,
        port: pg.port,
        database: pg.database,
        username: role.role,
        password: role.password,
        // Not an embedded server: nothing for Tusk to stop.
        pid: 0,
        dir: '/nonexistent',
      },
    });
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(session.backend.url);
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await role?.drop();
  });

  it('its edit dialog says the password is kept until Tusk closes, not in the keychain', async () => {
    const demo = page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: /^Demo, / });
    await demo.click();
    await page.keyboard.press('F2');
    const dialog = page.locator('tusk-connection-dialog');
    const password = dialog.getByLabel('Password', { exact: true });
    await password.waitFor();
    expect(await password.getAttribute('placeholder')).toBe('kept until Tusk closes');
    expect(await dialog.getByText('saved in the keychain').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('a statement timeout says to raise it in Preferences (Demo cannot be edited)', async () => {
    const demo = page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: /^Demo, / });
    await demo.dblclick();
    const tab = page.locator('tusk-query-tab:not([hidden])');
    await tab.locator('tusk-sql-editor .cm-content').click();
    await page.keyboard.insertText("SET statement_timeout = '100ms'; SELECT pg_sleep(2)");
    await page.keyboard.press('Control+Shift+Enter');
    const error = tab.locator('tusk-results-panel [data-test=run-error]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/timed out after/);
    expect(await error.innerText()).toMatch(/Preferences \(Ctrl\+,\)/);
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
