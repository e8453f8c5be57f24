import type { Page } from 'playwright-core';
import { startTestBackend, type TestBackend } from '../support/backend';
import { startShellSession, type ShellSession } from '../support/browser';

describe('the shell in Chromium', () => {
  let session: ShellSession;
  let backend: TestBackend;
  let page: Page;

  beforeAll(async () => {
    session = await startShellSession();
    ({ backend, page } = session);
    backend.notices.add({ level: 'warning', message: 'A <b>notice</b> from the backend' });
  }, 60_000);
  afterAll(async () => {
    if (backend !== session?.backend) await backend?.stop(); // the one restarted below
    await session?.close();
  });

  it('loads from the printed address and shows the health data in the status bar', async () => {
    await page.goto(backend.url);
    const status = page.locator('tusk-status-bar');
    await status.getByText('Connected to the Tusk backend').waitFor();
    const health = status.locator('[data-test=health]');
    await health.getByText(`Node ${process.versions.node}`).waitFor();
    const text = await health.innerText();
    expect(text).toContain('Tusk 0.1.0');
    expect(text).toContain(`${process.platform}-${process.arch}`);
    expect(text).toMatch(/up \d+s/);
    expect(text).toContain(`logs: ${backend.dataDir}/logs`);
  });

  it('shows the notices as text, never as markup', async () => {
    const notice = page.locator('tusk-app li.notice');
    await expect(notice.innerText()).resolves.toBe('A <b>notice</b> from the backend');
    expect(await page.locator('tusk-app b').count()).toBe(0);
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });

  it('says when the socket drops, reconnects by itself, and says so', async () => {
    const status = page.locator('tusk-status-bar [data-test=connection]');
    backend.sockets.dropClients();
    await status
      .getByText(/Lost the connection to the Tusk backend .*reconnecting in \d+s/)
      .waitFor();
    await status.getByText('Connected to the Tusk backend').waitFor({ timeout: 10_000 });
  });

  it('keeps trying while the backend is gone and offers "Retry now" from the keyboard', async () => {
    const port = backend.port;
    await backend.close();
    const status = page.locator('tusk-status-bar');
    await status.getByText(/reconnecting in \d+s \(attempt [2-9]\)/).waitFor({ timeout: 15_000 });
    backend = await startTestBackend({ port, dataDir: backend.dataDir! });
    // The new backend has a new token: the old page cannot get in, and says what to do.
    await status
      .getByText(/If you restarted Tusk, open the new address it printed/)
      .waitFor({ timeout: 20_000 });
    const retry = status.getByRole('button', { name: 'Retry now' });
    await retry.focus();
    await page.keyboard.press('Enter');
    await page.goto(backend.url);
    await status.getByText('Connected to the Tusk backend').waitFor();
  }, 60_000);
});
