import type { Locator } from 'playwright-core';
import { startSectionsPage, type SectionsPage } from '../support/activity-sections';
import { sharedPgServer } from '../support/postgres';
import { queryPage } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** The activity view's report sections (statements, database, settings) in Chromium. */
describe('the activity reports (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let s: SectionsPage;
  let heavy = '';

  /** The rows of the statements table that ran in the test's database. */
  const ownStatements = (section: Locator) =>
    section
      .getByRole('table', { name: 'Top statements' })
      .locator('tbody tr')
      .filter({ has: section.page().locator(`td:text-is("${s.shop.name}")`) });

  beforeAll(async () => {
    s = await startSectionsPage(pg, 'tusk_reports');
    heavy = `heavy_${s.user.suffix}`;
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('says how to enable pg_stat_statements when the database lacks it', async () => {
    const section = await s.mount('tusk-activity-statements');
    const note = section.locator('[data-test=statements-unavailable]');
    await note.waitFor();
    const text = await note.innerText();
    expect(text).toContain(`not installed in database ${s.shop.name}`);
    expect(text).toContain('shared_preload_libraries');
    const sql = await note.getByLabel('SQL that enables pg_stat_statements').innerText();
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS pg_stat_statements;');
    expect(sql).toContain("shared_preload_libraries = 'pg_stat_statements'");
    await note.getByRole('button', { name: 'Copy the SQL' }).click();
    await note.getByRole('status').getByText('Copied').waitFor();
    expect(await s.page.evaluate(() => navigator.clipboard.readText())).toBe(sql);
  });

  it("lists the test's heaviest statement first by total time; opens and explains it in new tabs", async () => {
    await s.shop.admin(`CREATE EXTENSION pg_stat_statements;
      SET ROLE ${s.user.role};
      CREATE TABLE ${heavy} AS SELECT g AS id FROM generate_series(1, 3000) g;
      CREATE TABLE light_${s.user.suffix} (id integer);`);
    // The heavy statement runs once (over 2 s: heavier than Tusk's own catalog queries in
    // this database however busy the machine); a light one runs many times.
    await s.shop.admin(`SET ROLE ${s.user.role};
      SELECT count(*) FROM ${heavy} a CROSS JOIN ${heavy} b CROSS JOIN pg_sleep(2)
      WHERE a.id % 7 = b.id % 5;`);
    await s.shop.admin(
      `SET ROLE ${s.user.role}; ${Array.from({ length: 20 }, (_, i) => `SELECT * FROM light_${s.user.suffix} WHERE id = ${i};`).join(' ')}`,
    );
    const section = await s.mount('tusk-activity-statements', { width: 1100, height: 420 });
    const rows = ownStatements(section);
    await rows.first().waitFor();
    // Sorted by total time (descending): the heavy cross join first of this database's.
    const total = section.getByRole('columnheader', { name: /Total/ });
    expect(await total.getAttribute('aria-sort')).toBe('descending');
    expect(await rows.first().locator('td.query').innerText()).toContain(`CROSS JOIN ${heavy}`);
    const light = rows.filter({ hasText: `FROM light_${s.user.suffix} WHERE` });
    expect(await light.locator('td.num').first().innerText()).toBe('20');
    await s.page.screenshot({
      path: shots.path('activity-statements-light.png'),
      clip: { x: 0, y: 0, width: 1100, height: 420 },
    });
    // Sorted by calls: the light statement (20 calls) comes before the heavy one (1).
    await section.getByRole('button', { name: /^Calls/ }).click();
    const order = await rows.locator('td.query').allInnerTexts();
    expect(order.findIndex((q) => q.includes(`FROM light_${s.user.suffix} WHERE`))).toBeLessThan(
      order.findIndex((q) => q.includes(`CROSS JOIN ${heavy}`)),
    );
    // Open in a new tab: a query tab on the connection with the statement's text.
    const tabs = () =>
      s.page.evaluate(() => {
        const app = document.querySelector('tusk-app') as HTMLElement & {
          services: { tabs: { value: { tabs: { sql: string; connectionId: string | null }[] } } };
        };
        return app.services.tabs.value.tabs;
      });
    const before = (await tabs()).length;
    const heavyRow = rows.filter({ hasText: `CROSS JOIN ${heavy}` });
    await heavyRow.getByRole('button', { name: 'Open in a new tab' }).click();
    const query = queryPage(s.page);
    await s.page.waitForFunction((n) => {
      const app = document.querySelector('tusk-app') as HTMLElement & {
        services: { tabs: { value: { tabs: unknown[] } } };
      };
      return app.services.tabs.value.tabs.length > n;
    }, before);
    const opened = (await tabs()).at(-1)!;
    expect(opened.connectionId).toBe(s.connectionId);
    expect(opened.sql).toContain(`CROSS JOIN ${heavy}`);
    await s.page.evaluate(() =>
      document.querySelector('tusk-app')!.shadowRoot!.querySelector('#section-host')?.remove(),
    );
    expect(await query.editor().innerText()).toContain(`CROSS JOIN ${heavy}`);
    // Explain (PostgreSQL 16+): a new tab explains the text with its $1 placeholders.
    const again = await s.mount('tusk-activity-statements');
    await ownStatements(again)
      .filter({ hasText: `CROSS JOIN ${heavy}` })
      .getByRole('button', { name: 'Explain' })
      .click();
    await s.page.evaluate(() =>
      document.querySelector('tusk-app')!.shadowRoot!.querySelector('#section-host')?.remove(),
    );
    await query.statusMatches(/^completed in/);
    expect(await query.editor().innerText()).toContain(`CROSS JOIN ${heavy}`);
    expect((await tabs()).length).toBe(before + 2);
    await query.current().locator('tusk-plan-view').waitFor();
  });

  it('shows an unused index the test made, with sizes in KB and MB', async () => {
    const index = `unused_${s.user.suffix}`;
    await s.shop.admin(`SET ROLE ${s.user.role};
      CREATE INDEX ${index} ON ${heavy} (id);`);
    const section = await s.mount('tusk-activity-database');
    const unused = section.getByRole('table', { name: 'Unused indexes' });
    await unused.waitFor();
    const row = unused.locator('tbody tr').filter({ hasText: `public.${index}` });
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(1).innerText()).toBe(heavy);
    expect(await row.locator('td.num').innerText()).toMatch(/^\d+ KB$/);
    const databases = section.getByRole('table', { name: 'Databases' });
    const shop = databases.locator('tbody tr').filter({ hasText: s.shop.name });
    expect(await shop.locator('td.num').innerText()).toMatch(/^\d+(\.\d)? MB$/);
    const tables = section.getByRole('table', { name: 'Largest tables' });
    expect(
      await tables
        .locator('tbody tr')
        .filter({ hasText: `public.${heavy}` })
        .count(),
    ).toBe(1);
  });

  it('finds work_mem by search, the changed settings first and marked', async () => {
    await s.shop.admin(`ALTER ROLE ${s.user.role} SET work_mem = '12MB'`);
    // The report reads on a session of its own: a new login takes the role's setting.
    await s.socket.call('connections.disconnect', { id: s.connectionId });
    await s.socket.call('connections.connect', { id: s.connectionId });
    const section = await s.mount('tusk-activity-settings');
    const table = section.getByRole('table', { name: 'Server settings' });
    await table.waitFor();
    const classes = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.classList.contains('changed')));
    const firstUnchanged = classes.indexOf(false);
    expect(classes.indexOf(true)).toBe(0);
    expect(classes.slice(firstUnchanged).includes(true)).toBe(false);
    await section.getByRole('searchbox', { name: 'Search settings' }).fill('work_mem');
    const row = table.locator('tbody tr[data-name=work_mem]');
    await row.waitFor();
    expect(await table.locator('tbody tr').count()).toBeLessThan(classes.length);
    expect(await row.getAttribute('class')).toContain('changed');
    expect(await row.locator('td.value').innerText()).toBe('12 MB');
    expect(await row.getAttribute('title')).toMatch(/memory/i);
  });
});
