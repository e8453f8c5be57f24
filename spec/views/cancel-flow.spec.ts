import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { faultProxy, type FaultProxy } from '../support/cancel-proxy';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { queryPage } from '../support/query-page';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

/** Cancel through the page, against a server 60 ms away (issue 21: the stuck tab). */
describe('cancel in a query tab (Chromium, a server 60 ms away)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let proxy: FaultProxy;
  let name = '';

  // The visible query tab's helpers (spec/support/query-page.ts).
  const current = () => queryPage(page).current();
  const editor = () => queryPage(page).editor();
  const typeSql = (sql: string) => queryPage(page).typeSql(sql);
  /** Waits until the visible tab's status line matches `pattern`. */
  const statusMatches = (pattern: RegExp) => queryPage(page).statusMatches(pattern);

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_cancel_view');
    proxy = await faultProxy(pg.port, { latencyMs: 30 });
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    name = `Far ${role.suffix}`;
    const saved = await socket.request(
      'connections.save',
      role.saveParams(name, { host: '127.0.0.1', port: proxy.port, sslMode: 'disable' }),
    );
    expect(saved['error']).toBeUndefined();
    await page.goto(session.backend.url);
    await page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .dblclick();
    await editor().waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    proxy?.close();
    await role?.drop();
  });

  it('the first query of a new tab cancelled while its session logs in: the next one runs', async () => {
    await typeSql('SELECT 41 + 1 AS answer');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Escape');
    await statusMatches(/^(cancelled|completed) in/);
    await page.keyboard.press('Control+Enter');
    await statusMatches(/^completed in .* 1 row$/);
    await current().locator('tusk-result-grid').getByText('42', { exact: true }).waitFor();
  });

  it('Run while a query runs is refused and said; the running one keeps its Cancel; a run right after Cancel waits for it', async () => {
    await typeSql('SELECT pg_sleep(1.5) AS slept');
    await page.keyboard.press('Control+Enter');
    await statusMatches(/^running/);
    await page.keyboard.press('Control+Enter');
    await statusMatches(/^Still running: cancel it \(Esc\) or wait, then run again$/);
    expect(await current().getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    await current().getByRole('button', { name: 'Cancel' }).click();
    await typeSql('SELECT 7 AS seven');
    await page.keyboard.press('Control+Enter');
    await statusMatches(/^completed in .* 1 row$/);
    await current().locator('tusk-result-grid').getByText('7', { exact: true }).waitFor();
    // The tab closes: its session is free.
    const tabs = page.locator('tusk-tab-strip').getByRole('tab');
    const before = await tabs.count();
    await page
      .locator('tusk-tab-strip')
      .getByRole('button', { name: /^Close / })
      .last()
      .click({ force: true });
    await waitUntil(async () => (await tabs.count()) === before - 1, 5000);
    expect(await tabs.count()).toBe(before - 1);
  });
});
