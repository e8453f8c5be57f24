import type { Page } from 'playwright-core';
import type { ShellSession } from '../support/browser';
import { queryPage, showTheme } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';
import { startTableShell, type TableShell } from '../support/table-shell';

/**
 * The editor asks before a statement that changes every row (an UPDATE or DELETE without
 * WHERE, a TRUNCATE: found in the parse tree) and, on a connection marked production,
 * before any write; answering no runs nothing. A production connection carries its PROD
 * mark in the tab strip and the sidebar.
 */
describe('asking before dangerous writes (Chromium, real PostgreSQL)', () => {
  let shell: TableShell;
  let session: ShellSession;
  let page: Page;
  let table = '';
  const names = { plain: '', prod: '' };
  const shots = docsScreenshots();

  const q = () => queryPage(page);
  const sidebar = () => page.locator('tusk-connections-sidebar');
  const item = (name: string, state = '') =>
    sidebar().getByRole('treeitem', { name: new RegExp(`^${name}, ${state}`) });
  const ask = () => page.locator('tusk-confirm-dialog');
  /** Whether a question is open. */
  const asking = () => page.locator('tusk-confirm-dialog wa-dialog[open]').count();
  const answered = () => ask().getByRole('button', { name: 'Cancel' }).waitFor({ state: 'hidden' });
  const rows = () => shell.rows();
  const fill = () => shell.fill();
  /** Types `sql`, presses Ctrl+Enter and waits for the question. */
  const runAndAsk = async (sql: string) => {
    await q().typeSql(sql);
    await page.keyboard.press('Control+Enter');
    await ask().getByRole('button', { name: 'Cancel' }).waitFor();
  };
  /** Types `sql` and runs it to its end (no question expected). */
  const run = async (sql: string) => {
    await q().typeSql(sql);
    await q().runWith('Control+Enter');
  };
  const open = async (name: string) => {
    await item(name).dblclick();
    await item(name, 'connected').waitFor();
    await q().editor().waitFor();
  };

  beforeAll(async () => {
    shell = await startTableShell('tusk_safety', 'safety');
    ({ session, page, table } = shell);
    const { suffix } = shell.role;
    names.plain = `Plain ${suffix}`;
    names.prod = `Shop prod ${suffix}`;
    await shell.save(names.plain);
    await shell.save(names.prod, { production: true, color: 'red' });
    await page.goto(session.backend.url);
  }, 60_000);
  afterAll(() => shell?.stop());

  it('DELETE without WHERE asks, shows the statement; No runs nothing, Yes deletes every row', async () => {
    await fill();
    await open(names.plain);
    await runAndAsk(`DELETE FROM ${table}`);
    await ask().getByText('Delete every row?').waitFor();
    expect(await ask().locator('pre').innerText()).toBe(`DELETE FROM ${table}`);
    // Cancel is focused first: Enter answers no.
    await page.keyboard.press('Enter');
    await answered();
    expect(await q().runStatus().innerText()).not.toMatch(/completed/);
    expect(await rows()).toEqual([1, 2, 3]);

    await runAndAsk(`UPDATE ${table} SET n = n + 10`);
    await ask().getByText('Update every row?').waitFor();
    await ask().getByRole('button', { name: 'Cancel' }).click();
    await answered();
    expect(await rows()).toEqual([1, 2, 3]);

    await runAndAsk(`TRUNCATE ${table}`);
    await ask().getByRole('button', { name: 'Run it' }).click();
    await q().statusMatches(/^completed in/);
    expect(await rows()).toEqual([]);
  });

  it('with a WHERE, or a mere SELECT, nothing is asked on a plain connection', async () => {
    await fill();
    await run(`DELETE FROM ${table} WHERE n = 3`);
    await run(`SELECT 'DELETE FROM ${table}' AS words`);
    expect(await asking()).toBe(0);
    expect(await rows()).toEqual([1, 2]);
  });

  it('a production connection shows PROD in the sidebar and on its tab, and asks before any write', async () => {
    await fill();
    expect(await item(names.prod).getAttribute('aria-label')).toMatch(/production/);
    expect(await item(names.prod).locator('.prod').innerText()).toBe('PROD');
    await open(names.prod);
    const tab = page.locator('tusk-tab-strip [role=tab][aria-selected=true]');
    expect(await tab.getAttribute('aria-label')).toMatch(/production/);
    expect(await tab.locator('.prod').innerText()).toBe('PROD');

    await run(`SELECT count(*) FROM ${table}`); // reading asks nothing
    expect(await asking()).toBe(0);

    await runAndAsk(`INSERT INTO ${table} VALUES (4)`);
    await ask()
      .getByText(/Write to production/)
      .waitFor();
    expect(await ask().locator('p').innerText()).toMatch(/is marked production/);
    await page.keyboard.press('Escape');
    await answered();
    expect(await rows()).toEqual([1, 2, 3]);

    await runAndAsk(`INSERT INTO ${table} VALUES (4)`);
    await ask().getByRole('button', { name: 'Run it' }).click();
    await q().statusMatches(/^completed in/);
    expect(await rows()).toEqual([1, 2, 3, 4]);

    // A DELETE without WHERE on production: one question that says both.
    await runAndAsk(`DELETE FROM ${table}`);
    expect(await ask().locator('p').innerText()).toMatch(
      /deletes every row.*on the production connection/s,
    );
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await page.screenshot({ path: shots.path(`ask-delete-${mode}.png`) });
    }
    await showTheme(page, 'light');
    await ask().getByRole('button', { name: 'Cancel' }).click();
    await answered();
    expect(await rows()).toEqual([1, 2, 3, 4]);
  });
});
