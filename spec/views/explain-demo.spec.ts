import type { Page } from 'playwright-core';
import { DEMO_SCHEMA_SQL } from '../../app/models/app/demo-schema';
import type { KeptPlan } from '../../app/views/plan/plan-types';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { queryPage } from '../support/query-page';
import { createLoginRole, type TestRole } from '../support/secrets';

/**
 * Issue 28, in Chromium: Explain Analyze of a join in the demo database (its schema and
 * rows, in a database of the test server) shows the tree with actual rows and times, the
 * costliest node highlighted; the keyboard moves through the nodes; the raw text is one
 * click away.
 */
describe('Explain Analyze of a join in the demo database (Chromium)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let database = '';

  const q = () => queryPage(page);
  const view = () => q().results().locator('tusk-plan-view');
  const items = () => view().locator('[role=treeitem]');

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_explain_demo');
    database = `demo_${role.suffix}`;
    const admin = superuserSql(pg);
    await admin.unsafe(`CREATE DATABASE ${database} OWNER ${role.role}`);
    await admin.end();
    const demo = superuserSql({ ...pg, database });
    await demo.unsafe(DEMO_SCHEMA_SQL);
    await demo.unsafe(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role.role}; ANALYZE`);
    await demo.end();
    session = await startShellSession({
      demo: {
        host: pg.host,
        port: pg.port,
        database,
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
  }, 90_000);
  afterAll(async () => {
    await session?.close();
    const admin = superuserSql(pg);
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    await role?.drop();
  });

  it('shows the tree with actual rows and times, the costliest node highlighted; keys move; the text is one click away', async () => {
    await page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: /^Demo, / })
      .dblclick();
    await q().editor().waitFor();
    await q().typeSql(
      'SELECT c.country, count(*) AS orders\n' +
        'FROM orders o JOIN customers c ON c.id = o.customer_id\n' +
        "WHERE o.status <> 'cancelled'\nGROUP BY c.country ORDER BY orders DESC",
    );
    await page.keyboard.press('Shift+F7');
    await q().statusMatches(/^completed in/);
    await items().first().waitFor();
    const plan = await view().evaluate((el) => (el as unknown as { plan: KeptPlan }).plan);
    const { nodes } = plan.reply;
    expect(plan.reply.analyze).toBe(true);
    expect(await items().count()).toBe(nodes.length);

    // The scan of orders: the rows the server counted and its exclusive time.
    const scan = nodes.find((n) => n.relation === 'orders')!;
    expect(scan.rowsActual).toBe(1500);
    const row = items().and(view().locator(`[data-id="${scan.id}"]`));
    expect((await row.innerText()).replace(/,/g, '')).toContain('1500');
    expect(await row.getAttribute('aria-label')).toMatch(/1,500 rows, [\d.]+ ms exclusive/);

    // The costliest node is highlighted, and only the costliest.
    const costliest = nodes.filter((n) => n.costliest).map((n) => String(n.id));
    expect(costliest.length).toBeGreaterThan(0);
    const marked = await view()
      .locator('[role=treeitem].costliest')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(marked).toEqual(costliest);

    // The keyboard moves through the nodes.
    await items().first().focus();
    await page.keyboard.press('ArrowDown');
    const focused = () =>
      view().evaluate((el) => {
        let at: Element | null = el;
        while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
        return at?.getAttribute('data-id') ?? null;
      });
    expect(await focused()).toBe(String(nodes[1]!.id));
    await page.keyboard.press('End');
    expect(await focused()).toBe(String(nodes.at(-1)!.id));

    // The raw text, as psql shows it, one click away.
    await view().getByRole('tab', { name: 'Text' }).click();
    const text = await view().getByLabel('Plan text').innerText();
    expect(text).toBe(plan.reply.text);
    expect(text).toMatch(/Seq Scan on orders o/);
    expect(text).toMatch(/Execution Time: [\d.]+ ms/);
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
