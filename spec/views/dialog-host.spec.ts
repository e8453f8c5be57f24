import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { queryPage } from '../support/query-page';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/** The dialogs (elements whose tag ends in -dialog, prompts, the viewer) in the page now, by where they are. */
function dialogsInPage(page: Page): Promise<{ tag: string; inShell: boolean }[]> {
  return page.evaluate(() => {
    const shell = document.querySelector('tusk-app')!.shadowRoot!;
    const found: { tag: string; inShell: boolean }[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (/^tusk-.*(-dialog|-prompt|-viewer)$/.test(el.localName))
          found.push({ tag: el.localName, inShell: el.parentNode === shell });
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

/**
 * One way to open a dialog: every dialog goes through the shell's dialog host, is mounted
 * there while it is open and removed once closed; what a dialog answers goes back to the
 * component that asked (the history's "Insert" into the active tab's editor).
 */
describe('dialogs through the one dialog host (Chromium)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  const name = { value: '' };

  const q = () => queryPage(page);
  const sidebar = () => page.locator('tusk-connections-sidebar');

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_dialogs');
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1200, height: 760 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    name.value = `Dialogs ${role.suffix}`;
    expect((await socket.request('connections.save', role.saveParams(name.value)))['error']).toBe(
      undefined,
    );
    await page.goto(session.backend.url);
    await sidebar()
      .getByRole('treeitem', { name: new RegExp(`^${name.value}, `) })
      .waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await role?.drop();
  });

  it('no dialog is in the page until asked for; one opened is in the shell’s host, and gone once closed', async () => {
    expect(await dialogsInPage(page)).toEqual([]);
    await page.locator('body').click({ position: { x: 600, y: 5 } });
    await page.keyboard.press('F1');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await dialogsInPage(page)).toEqual([{ tag: 'tusk-shortcuts-dialog', inShell: true }]);
    await page.keyboard.press('Escape');
    await page.locator('tusk-shortcuts-dialog').waitFor({ state: 'detached' });

    // Asked twice while open: the same dialog, keeping what is being edited.
    await page.keyboard.press('Control+,');
    const sheet = page.locator('tusk-preferences-dialog');
    await sheet.getByLabel('Editor font size', { exact: true }).fill('19');
    await sidebar().getByRole('button', { name: 'Preferences' }).click({ force: true });
    expect(await dialogsInPage(page)).toEqual([{ tag: 'tusk-preferences-dialog', inShell: true }]);
    expect(await sheet.getByLabel('Editor font size', { exact: true }).inputValue()).toBe('19');
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });
    expect(await dialogsInPage(page)).toEqual([]);
  });

  it('a question asked while another is open: the older one is answered "cancel", the newer one shown', async () => {
    const answers = page.evaluate(async () => {
      const ask = (title: string) => {
        const event = Object.assign(
          new Event('tusk-show-dialog', { bubbles: true, composed: true }),
          {
            dialog: 'tusk-confirm-dialog',
            params: { title, message: `${title}?`, confirmLabel: 'Yes' },
            answer: null as Promise<unknown> | null,
          },
        );
        document.querySelector('tusk-app')!.dispatchEvent(event);
        return event.answer!;
      };
      const first = ask('First');
      const second = ask('Second');
      return Promise.all([first, second]);
    });
    const dialog = page.locator('tusk-confirm-dialog');
    await dialog.getByRole('dialog', { name: 'Second' }).waitFor();
    expect(await dialog.count()).toBe(1);
    await dialog.getByRole('button', { name: 'Yes' }).click();
    expect(await answers).toEqual(['cancel', 'confirm']);
    await dialog.waitFor({ state: 'detached' });
  });

  it('the history’s answers reach the tab area: Insert puts the SQL at the active editor’s cursor, Run again runs it in a new tab', async () => {
    await sidebar()
      .getByRole('treeitem', { name: new RegExp(`^${name.value}, `) })
      .dblclick();
    await q().editor().waitFor();
    await q().typeSql("SELECT 'from the history' AS said");
    await q().runWith('Control+Enter');
    await q().typeSql('-- here: ');
    await page.keyboard.press('Control+Shift+H');
    const history = page.locator('tusk-history-dialog');
    await history.getByLabel('Search history').fill('history');
    await history.getByRole('option').filter({ hasText: 'from the history' }).first().waitFor();
    await history.getByRole('button', { name: 'Insert' }).click();
    await history.waitFor({ state: 'detached' });
    await q().editor().getByText("-- here: SELECT 'from the history' AS said").waitFor();
    // The focus is back in the editor, at the end of what was inserted.
    await page.keyboard.type(';');
    await q().editor().getByText("-- here: SELECT 'from the history' AS said;").waitFor();

    const tabs = page.locator('tusk-tab-strip').getByRole('tab');
    expect(await tabs.count()).toBe(1);
    await page.keyboard.press('Control+Shift+H');
    await history.getByRole('option').filter({ hasText: 'from the history' }).first().waitFor();
    await history.getByRole('button', { name: 'Run again' }).click();
    await history.waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-tab-area')!
          .shadowRoot!.querySelectorAll('tusk-query-tab').length === 2,
    );
    await q().statusMatches(/^completed in/);
    await q()
      .results()
      .locator('tusk-result-grid')
      .getByRole('gridcell', { name: 'from the history', exact: true })
      .waitFor();
  });

  it('shows no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
