import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startBouncedBackend, type BouncedBackend } from '../support/pgbouncer';
import { sharedPgServer } from '../support/postgres';

/**
 * Issue 29: the activity tab of a connection through PgBouncer in transaction mode (the
 * harness's): it samples there too, and says that the sessions listed are the pooler's
 * server connections.
 */
describe('the activity tab behind PgBouncer (Chromium)', () => {
  let bounced: BouncedBackend;
  let browser: Browser;
  let page: Page;
  const name = `Bounced activity ${process.pid}`;
  const activity = () => page.locator('tusk-activity-tab:not([hidden])');

  beforeAll(async () => {
    [bounced, browser] = await Promise.all([
      startBouncedBackend(sharedPgServer(), name),
      launchChromium(),
    ]);
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(bounced.backend.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bounced?.stop();
  });

  it('lists the sessions and says they are the pooler’s server connections', async () => {
    const item = page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^${name}, connected`) });
    await item.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Server activity' }).click();
    const note = activity().locator('[data-test=pooler-note]');
    await note.waitFor();
    expect(await note.innerText()).toBe('PgBouncer: sessions are the pooler’s server connections');
    await activity().locator('tusk-activity-sessions tbody tr[data-pid]').first().waitFor();
    expect(await activity().locator('[data-test=sample-state]').innerText()).toMatch(/^Live/);
  });
});
