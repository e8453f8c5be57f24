import type { Page } from 'playwright-core';
import type { ShellSession } from '../support/browser';
import { queryPage } from '../support/query-page';
import { startTableShell, type TableShell } from '../support/table-shell';

/**
 * What happens to a tab's open transaction is decided in one place, whatever ends its
 * session: the tab switching connection, its connection disconnected or deleted (closing
 * the tab: query-tabs.spec). Nothing is committed or rolled back without an answer.
 */
describe('an open transaction when its session would end (Chromium, real PostgreSQL)', () => {
  let shell: TableShell;
  let session: ShellSession;
  let page: Page;
  const names = { a: '', b: '', c: '' };
  let table = '';

  const q = () => queryPage(page);
  const sidebar = () => page.locator('tusk-connections-sidebar');
  const item = (name: string, state = '') =>
    sidebar().getByRole('treeitem', { name: new RegExp(`^${name}, ${state}`) });
  const ask = () => page.locator('tusk-confirm-dialog');
  const transaction = () => q().current().locator('[data-test=transaction]');
  const connectionMenu = () => q().current().getByRole('combobox', { name: 'Connection' });
  /** The rows committed to the table, as another session sees them. */
  const committed = () => shell.rows();
  /** Opens a transaction in the visible tab that inserts `n`. */
  const begin = async (n: number) => {
    await q().typeSql(`BEGIN; INSERT INTO ${table} VALUES (${n})`);
    await q().runWith('Control+Shift+Enter');
    expect(await transaction().innerText()).toBe('transaction open');
  };

  beforeAll(async () => {
    shell = await startTableShell('tusk_tx_end', 'tx_end');
    ({ session, page, table } = shell);
    const { suffix } = shell.role;
    names.a = `Txa ${suffix}`;
    names.b = `Txb ${suffix}`;
    names.c = `Txc ${suffix}`;
    for (const name of Object.values(names)) await shell.save(name);
    await page.goto(session.backend.url);
    await item(names.a).dblclick(); // connects and opens a tab on it
    await item(names.a, 'connected').waitFor();
    await q().editor().waitFor();
  }, 60_000);
  afterAll(() => shell?.stop());

  it('switching a tab’s connection asks: keep it, roll back and switch, or commit and switch', async () => {
    await begin(1);
    await connectionMenu().selectOption({ label: names.b });
    await ask()
      .getByText(/has a transaction that is not committed/)
      .waitFor();
    await ask().getByRole('button', { name: 'Cancel' }).click();
    await ask().waitFor({ state: 'detached' });
    // Kept: the tab stays on its connection (the menu says so), its transaction open.
    expect(
      await connectionMenu().evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.label),
    ).toBe(names.a);
    expect(await transaction().innerText()).toBe('transaction open');

    await connectionMenu().selectOption({ label: names.b });
    await ask().getByRole('button', { name: 'Roll back and switch' }).click();
    await ask().waitFor({ state: 'detached' });
    await q().current().locator('[data-test=transaction]').getByText('no transaction').waitFor();
    expect(await committed()).toEqual([]);

    // On B now (connected on its first run); commit and switch back to A.
    await begin(2);
    await connectionMenu().selectOption({ label: names.a });
    await ask().getByRole('button', { name: 'Commit and switch' }).click();
    await ask().waitFor({ state: 'detached' });
    await q().current().locator('[data-test=transaction]').getByText('no transaction').waitFor();
    expect(await committed()).toEqual([2]);
  });

  it('disconnecting with a tab’s open transaction asks; Cancel keeps both, rolling back disconnects', async () => {
    await begin(3);
    await item(names.a).click();
    await sidebar().getByRole('button', { name: 'Disconnect', exact: true }).click();
    await ask()
      .getByText(/has an open transaction\. Disconnecting rolls it back\./)
      .waitFor();
    await ask().getByRole('button', { name: 'Cancel' }).click();
    await ask().waitFor({ state: 'detached' });
    expect(await item(names.a).getAttribute('aria-label')).toMatch(/, connected/);
    expect(await transaction().innerText()).toBe('transaction open');

    await sidebar().getByRole('button', { name: 'Disconnect', exact: true }).click();
    await ask().getByRole('button', { name: 'Roll back and disconnect' }).click();
    await item(names.a, 'disconnected').waitFor();
    expect(await committed()).toEqual([2]);
  });

  it('deleting a connection with a tab’s open transaction asks after the delete itself', async () => {
    await item(names.c).dblclick();
    await item(names.c, 'connected').waitFor();
    await q().editor().waitFor();
    await begin(4);
    await item(names.c).click();
    await page.keyboard.press('Delete');
    await ask().getByRole('button', { name: 'Delete' }).click();
    await ask()
      .getByText(/Deleting the connection rolls it back/)
      .waitFor();
    await ask().getByRole('button', { name: 'Cancel' }).click();
    await ask().waitFor({ state: 'detached' });
    expect(await item(names.c).count()).toBe(1);
    expect(await transaction().innerText()).toBe('transaction open');

    await item(names.c).click();
    await page.keyboard.press('Delete');
    await ask().getByRole('button', { name: 'Delete' }).click();
    await ask().getByRole('button', { name: 'Roll back and delete' }).click();
    await item(names.c).waitFor({ state: 'detached' });
    expect(await committed()).toEqual([2]);
  });

  it('shows no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
