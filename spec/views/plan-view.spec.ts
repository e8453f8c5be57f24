import type { Locator, Page } from 'playwright-core';
import type { PlanReply } from '../../app/common/plan-shapes';
import type { KeptPlan } from '../../app/views/plan/plan-types';
import { jsonNodes } from '../models/plans/plan-support';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { queryEnd } from '../support/queries';
import { queryPage } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';
import { createLoginRole, type TestRole } from '../support/secrets';
import { createShopDatabase, type ShopDatabase } from '../support/shop-database';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** Polls `check` until it holds (15 s at most). */
async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The JSON's top-level figure `name` (`Execution Time`, `Planning Time`). */
function jsonFigure(reply: PlanReply, name: string): number {
  return (JSON.parse(reply.json!) as Record<string, number>[])[0]![name]!;
}

/** The plan view over real plans of PostgreSQL, drawn in Chromium. */
describe('the plan view (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let user: TestRole;
  let shop: ShopDatabase;
  let socket: TestSocket;
  let connection = '';
  let joined: KeptPlan;
  let count = 0;

  const view = () => page.locator('#plan-host tusk-plan-view');
  const tree = () => view().getByRole('tree', { name: 'Plan nodes' });
  const items = () => tree().getByRole('treeitem');
  const item = (id: number) => tree().locator(`[role=treeitem][data-id="${id}"]`);
  const details = () => view().getByRole('region', { name: 'Node details' });

  /** The data-id of the element that has the focus, through the shadow roots. */
  const focusedId = () =>
    page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('data-id') ?? null;
    });

  /** `queries.explain` of `sql`, then `queries.plan`: a plan as the tab keeps it. */
  const explain = async (
    sql: string,
    analyze = true,
    more: { tabId?: string; settings?: boolean } = {},
  ): Promise<KeptPlan> => {
    const { tabId, settings } = more;
    const { queryId } = await socket.call('queries.explain', {
      connectionId: connection,
      sql,
      analyze,
      options: { ...(analyze ? { buffers: true } : {}), ...(settings ? { settings } : {}) },
      ...(tabId ? { tabId } : {}),
    });
    const end = await queryEnd(socket, queryId, 60_000);
    expect(end.event).toBe('query.completed');
    const reply = (await socket.call('queries.plan', { queryId })) as PlanReply;
    count += 1;
    const label = `#${count} ${analyze ? 'Explain Analyze' : 'Explain'}`;
    return { id: queryId, label, sql, analyze, at: Date.now() + count, reply };
  };

  /** Shows `plan` (with `kept`) in a plan view on the page; resolves with its host. */
  const mount = async (
    plan: KeptPlan,
    kept: KeptPlan[] = [plan],
    size = { width: 1100, height: 440 },
  ): Promise<Locator> => {
    await page.evaluate(
      ({ plan, kept, size }) => {
        document.querySelector('#plan-host')?.remove();
        const host = document.createElement('div');
        host.id = 'plan-host';
        Object.assign(host.style, {
          position: 'fixed',
          left: '0',
          top: '0',
          width: `${size.width}px`,
          height: `${size.height}px`,
          display: 'flex',
          flexDirection: 'column',
          zIndex: '10',
          background: 'var(--tusk-bg)',
        });
        const element = document.createElement('tusk-plan-view') as HTMLElement & {
          plan: unknown;
          kept: unknown;
        };
        element.style.flex = '1';
        element.plan = plan;
        element.kept = kept;
        host.append(element);
        document.body.append(host);
      },
      { plan, kept, size },
    );
    await view().locator('.top').waitFor();
    return page.locator('#plan-host');
  };

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_plan_view');
    shop = await createShopDatabase(pg, user);
    await shop.admin(`SET ROLE ${user.role};
      INSERT INTO customers SELECT g, 'Customer ' || g, (ARRAY['UK','FR','DE','US'])[1 + g % 4]
        FROM generate_series(2, 20000) g;
      INSERT INTO orders SELECT g, 1 + g % 20000, (g % 500)::numeric, now() - g * interval '1 minute'
        FROM generate_series(11, 200010) g;
      ANALYZE customers; ANALYZE orders;
      CREATE TABLE events (id integer, customer_id integer, kind integer)
        WITH (autovacuum_enabled = false);
      INSERT INTO events SELECT g, 1 + g % 20000, g % 100 FROM generate_series(1, 2000) g;
      ANALYZE events;
      INSERT INTO events SELECT g, 1 + g % 20000, 7 FROM generate_series(2001, 202000) g;`);
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1200, height: 700 });
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.backend.url });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    const saved = await socket.call(
      'connections.save',
      user.saveParams(`plans ${user.suffix}`, { database: shop.name }),
    );
    await socket.call('connections.connect', { id: saved.id });
    connection = saved.id;
    await page.goto(session.backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    // The app's bundle holds <tusk-plan-view> (the query tab shows plans with it).
    await page.waitForFunction(() => customElements.get('tusk-plan-view') !== undefined);
    joined = await explain(
      `SELECT c.country, count(*), sum(o.total)
         FROM orders o JOIN customers c ON c.id = o.customer_id
        WHERE o.total > 100
        GROUP BY c.country ORDER BY 3 DESC`,
    );
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await shop?.drop();
    await user?.drop();
  });

  it("shows a join's tree with actual rows and times, the costliest node highlighted", async () => {
    await mount(joined);
    const reply = joined.reply;
    const json = jsonNodes(reply);
    expect(await items().count()).toBe(json.length);
    // The Seq Scan on orders: its actual rows as the server counted them, its times.
    const scanAt = json.findIndex((n) => n['Relation Name'] === 'orders');
    const scan = item(reply.nodes[scanAt]!.id);
    expect(await scan.getAttribute('aria-level')).toBe(String(reply.nodes[scanAt]!.depth + 1));
    const scanText = await scan.innerText();
    expect(scanText).toContain('Seq Scan');
    expect(scanText).toContain('orders o');
    const rows = Number(json[scanAt]!['Actual Rows']);
    expect(scanText.replace(/,/g, '')).toContain(String(rows));
    const excl = Number(await scan.locator('.excl').innerText());
    expect(excl).toBeGreaterThan(0);
    // The execution time at the top is the server's.
    const top = await view().locator('[data-figure=execution]').innerText();
    const shown = Number(/Execution ([\d.,]+) ms/.exec(top)![1]!.replace(/,/g, ''));
    expect(shown).toBeCloseTo(jsonFigure(reply, 'Execution Time'), 0);
    // The costliest node is tinted, its exclusive time bold; the others are not.
    const costliest = reply.nodes.filter((n) => n.costliest);
    expect(costliest.length).toBeGreaterThan(0);
    const look = (id: number) =>
      item(id).evaluate((row) => ({
        background: getComputedStyle(row).backgroundColor,
        weight: getComputedStyle(row.querySelector('.excl')!).fontWeight,
      }));
    const hot = await look(costliest[0]!.id);
    const calm = await look(reply.nodes.find((n) => !n.costliest)!.id);
    expect(hot.background).not.toBe(calm.background);
    expect(hot.weight).toBe('700');
    expect(calm.weight).not.toBe('700');
    expect(await view().locator('tusk-plan-tree .row.costliest').count()).toBe(costliest.length);
  });

  it('moves through the nodes by keyboard; Enter shows the node with all its fields', async () => {
    await mount(joined);
    const nodes = joined.reply.nodes;
    await items().first().focus();
    expect(await focusedId()).toBe(String(nodes[0]!.id));
    await page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe(String(nodes[1]!.id));
    await page.keyboard.press('End');
    expect(await focusedId()).toBe(String(nodes.at(-1)!.id));
    await page.keyboard.press('ArrowLeft'); // a leaf: to its parent
    expect(await focusedId()).toBe(String(nodes.at(-1)!.parentId));
    await page.keyboard.press('Home');
    expect(await focusedId()).toBe(String(nodes[0]!.id));
    // Left collapses the root, Right expands it again.
    await page.keyboard.press('ArrowLeft');
    expect(await items().count()).toBe(1);
    expect(await items().first().getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    expect(await items().count()).toBe(nodes.length);
    await page.keyboard.press('ArrowRight'); // to the first child
    expect(await focusedId()).toBe(String(nodes[1]!.id));
    // Only the focused row is in the Tab order.
    expect(await tree().locator('[tabindex="0"]').count()).toBe(1);
    expect(await item(nodes[1]!.id).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await item(nodes[1]!.id).getAttribute('aria-selected')).toBe('true');
    const json = jsonNodes(joined.reply)[1]!;
    const pane = details();
    await pane.getByText('EXPLAIN fields').waitFor();
    const fields = await pane.locator('.fields:not(.computed) dt').allInnerTexts();
    expect(fields).toEqual(Object.keys(json).filter((k) => k !== 'Plans'));
    const nodeType = pane
      .locator('dt', { hasText: /^Node Type$/ })
      .locator('xpath=following-sibling::dd[1]');
    expect(await nodeType.innerText()).toBe(json['Node Type']);
  });

  it('lists the findings; a click selects and reveals the node, a suggestion is copied', async () => {
    const slow = await explain(
      `SELECT c.country, count(*)
         FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE e.kind = 7 AND e.id % 100 = 0
        GROUP BY c.country`,
    );
    const finding = slow.reply.findings.find((f) => f.kind === 'seq-scan-filter');
    expect(finding?.suggestion).toMatch(/CREATE INDEX .*events/);
    await mount(slow);
    const list = view().getByRole('region', { name: 'Findings' });
    expect(await list.getByRole('listitem').count()).toBe(slow.reply.findings.length);
    const node = slow.reply.nodes.find((n) => n.id === finding!.nodeId)!;
    expect(node.relation).toBe('events');
    // The root collapsed: the scan is out of sight until its finding is clicked.
    await items().first().focus();
    await page.keyboard.press('ArrowLeft');
    expect(await item(node.id).count()).toBe(0);
    await list.getByRole('button', { name: /Seq scan filter/ }).click();
    expect(await item(node.id).getAttribute('aria-selected')).toBe('true');
    expect(await focusedId()).toBe(String(node.id));
    expect(await item(node.id).getByLabel('Has findings').count()).toBe(1);
    expect(await details().locator('.title').innerText()).toMatch(/Seq Scan on events e$/);
    await page.mouse.move(5, 600); // no hover in the pictures
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction(
        (s) => document.documentElement.classList.contains(`wa-${s}`),
        scheme,
      );
      await page.waitForTimeout(300);
      await page
        .locator('#plan-host')
        .screenshot({ path: shots.path(`plan-findings-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await list.getByRole('button', { name: 'Copy' }).first().click();
    await list.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(slow.reply.findings.map((f) => f.suggestion)).toContain(copied);
  });

  it("says on top the settings changed and the triggers' time", async () => {
    const tabId = `plan-tab-${user.suffix}`;
    const { queryId } = await socket.call('queries.execute', {
      connectionId: connection,
      sql: "SET work_mem = '1234kB'",
      tabId,
    });
    expect((await queryEnd(socket, queryId)).event).toBe('query.completed');
    await shop.admin(`SET ROLE ${user.role};
      CREATE FUNCTION events_touch() RETURNS trigger LANGUAGE plpgsql
        AS 'BEGIN NEW.kind := NEW.kind + 1; RETURN NEW; END';
      CREATE TRIGGER events_touch BEFORE INSERT ON events
        FOR EACH ROW EXECUTE FUNCTION events_touch()`);
    const write = await explain(
      'INSERT INTO events SELECT g, 1, 1 FROM generate_series(1, 2000) g',
      true,
      { tabId, settings: true },
    );
    await mount(write);
    expect(await view().locator('[data-figure=settings]').innerText()).toContain(
      'work_mem = 1234kB',
    );
    const triggers = view().locator('[data-figure=triggers]');
    expect(await triggers.innerText()).toMatch(/^Triggers [\d.]+ ms$/);
    expect(await triggers.getAttribute('title')).toMatch(/^events_touch on events: .* 2000 calls$/);
    await shop.admin(`SET ROLE ${user.role}; DROP TRIGGER events_touch ON events`);
  });

  it('has the raw text one click away, as psql shows it, and copies it', async () => {
    await mount(joined);
    await view().getByRole('tab', { name: 'Text' }).click();
    const text = view().getByLabel('Plan text');
    const shown = await text.innerText();
    expect(shown).toBe(joined.reply.text);
    expect(shown).toMatch(/->\s+(Parallel )?Seq Scan on orders o/);
    expect(shown).toMatch(/Execution Time: [\d.]+ ms/);
    await view().getByRole('button', { name: 'Copy' }).click();
    await view().getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(joined.reply.text);
    await view().getByRole('tab', { name: 'JSON' }).click();
    const json = await view().getByLabel('Plan JSON').innerText();
    expect(JSON.parse(json)).toEqual(JSON.parse(joined.reply.json!));
  });

  it('draws the same tree as an icicle, time on the x axis; a click selects the node', async () => {
    await mount(joined);
    await view().getByRole('tab', { name: 'Flame' }).click();
    const flame = view().getByRole('group', { name: 'Flame graph: time on the x axis' });
    const blocks = flame.locator('.block');
    expect(await blocks.count()).toBe(joined.reply.nodes.length);
    const root = await blocks.first().boundingBox();
    const leaf = await blocks.last().boundingBox();
    expect(leaf!.width).toBeLessThan(root!.width);
    await blocks.last().click();
    await details().getByText('EXPLAIN fields').waitFor();
    expect(await blocks.last().getAttribute('class')).toContain('selected');
  });

  it('shows costs and estimated rows for a plan without ANALYZE', async () => {
    const planned = await explain(joined.sql, false);
    expect(planned.reply.analyze).toBe(false);
    await mount(planned);
    const heads = await view().locator('tusk-plan-tree .head').innerText();
    expect(heads).toContain('Est. rows');
    expect(heads).toContain('Total cost');
    expect(heads).not.toContain('Excl. ms');
    const cost = Number(jsonNodes(planned.reply)[0]!['Total Cost']);
    expect(await view().locator('[data-figure=cost]').innerText()).toBe(
      `Estimated cost ${cost.toFixed(2)}`,
    );
    expect(await items().count()).toBe(planned.reply.nodes.length);
  });

  it("shows a user's own EXPLAIN in text format as its text only", async () => {
    const { queryId } = await socket.call('queries.execute', {
      connectionId: connection,
      sql: 'EXPLAIN SELECT * FROM customers WHERE id = 1',
    });
    expect((await queryEnd(socket, queryId)).event).toBe('query.completed');
    const reply = (await socket.call('queries.plan', { queryId })) as PlanReply;
    expect(reply.format).toBe('text');
    await mount({ id: queryId, label: '#9', sql: '', analyze: false, at: Date.now(), reply });
    expect(await tree().count()).toBe(0);
    const text = await view().getByLabel('Plan text').innerText();
    expect(text).toContain('Index Scan using customers_pkey on customers');
  });

  it('compares two plans: before and after an index, both totals and the scan that changed', async () => {
    const sql = 'SELECT * FROM orders WHERE customer_id = 42';
    const before = await explain(sql);
    await shop.admin(`SET ROLE ${user.role}; CREATE INDEX orders_customer ON orders (customer_id)`);
    const after = await explain(sql);
    await mount(after, [joined, before, after]);
    const compare = view().getByRole('tab', { name: /Compare/ });
    expect(await compare.innerText()).toContain('2');
    await compare.click();
    await view().getByRole('combobox').selectOption(before.id);
    const total = (side: string) => view().locator(`.card[data-side="${side}"] .total`).innerText();
    const ms = (text: string) => Number(text.replace(/[^\d.]/g, ''));
    expect(ms(await total('A · before'))).toBeCloseTo(
      jsonFigure(before.reply, 'Execution Time'),
      0,
    );
    expect(ms(await total('B · after'))).toBeCloseTo(jsonFigure(after.reply, 'Execution Time'), 0);
    expect(await view().locator('.card[data-side="change"]').innerText()).toMatch(/faster/);
    const table = view().getByRole('table', { name: 'Nodes compared' });
    const scan = table.getByRole('row').filter({ hasText: 'was Seq Scan on orders' });
    expect(await scan.count()).toBe(1);
    expect(await scan.innerText()).toMatch(/(Index|Bitmap Heap) Scan/);
    const index = table.getByRole('row').filter({ hasText: 'orders_customer' });
    expect(await index.count()).toBeGreaterThan(0);
    await page.locator('#plan-host').screenshot({ path: shots.path('plan-compare-light.png') });
  });

  it('draws a plan of 500 nodes within 200 ms', async () => {
    const union = Array.from({ length: 499 }, (_, i) => `SELECT ${i} AS n`).join(' UNION ALL ');
    const big = await explain(union);
    expect(big.reply.nodes.length).toBeGreaterThanOrEqual(500);
    await mount(joined);
    const ms = await page.evaluate(async (plan) => {
      const element = document.querySelector('#plan-host tusk-plan-view') as HTMLElement & {
        plan: unknown;
        updateComplete: Promise<unknown>;
      };
      const start = performance.now();
      element.plan = plan;
      await element.updateComplete;
      const tree = element.shadowRoot!.querySelector('tusk-plan-tree') as HTMLElement & {
        updateComplete: Promise<unknown>;
      };
      await tree.updateComplete;
      void tree.shadowRoot!.querySelector('.tree')!.getBoundingClientRect(); // laid out
      await new Promise(requestAnimationFrame);
      return performance.now() - start;
    }, big);
    expect(ms).toBeLessThan(200);
    // Only the rows in view are drawn; the keyboard still reaches every node.
    expect(await items().count()).toBeLessThan(80);
    const last = big.reply.nodes.at(-1)!;
    await items().first().focus();
    await page.keyboard.press('End');
    await until(async () => (await focusedId()) === String(last.id));
    expect(await item(last.id).getAttribute('aria-posinset')).toBe(
      String(big.reply.nodes.filter((n) => n.parentId === last.parentId).length),
    );
    expect(await item(last.id).isVisible()).toBe(true);
    await page.keyboard.press('Home');
    await until(async () => (await focusedId()) === String(big.reply.nodes[0]!.id));
  });

  it('looks like a database tool: screenshots light and dark', async () => {
    const host = await mount(joined);
    const scanAt = jsonNodes(joined.reply).findIndex((n) => n['Relation Name'] === 'orders');
    await item(joined.reply.nodes[scanAt]!.id).click();
    await page.mouse.move(5, 600); // no hover in the pictures
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction(
        (s) => document.documentElement.classList.contains(`wa-${s}`),
        scheme,
      );
      await page.waitForTimeout(300);
      await host.screenshot({ path: shots.path(`plan-view-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await view().getByRole('tab', { name: 'Flame' }).click();
    await host.screenshot({ path: shots.path('plan-flame-light.png') });
  });

  it('through a query tab: Explain Analyze of a join shows the tree, the costliest node, the text', async () => {
    await page.evaluate(() => document.querySelector('#plan-host')?.remove());
    const q = queryPage(page);
    await page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^plans ${user.suffix}, `) })
      .dblclick();
    await q.editor().waitFor();
    await q.typeSql(joined.sql);
    await page.keyboard.press('Shift+F7');
    const shown = q.results().locator('tusk-plan-view');
    const tabTree = shown.getByRole('tree', { name: 'Plan nodes' });
    await tabTree.waitFor();
    const plan = await shown.evaluate((el) => (el as unknown as { plan: KeptPlan }).plan);
    expect(plan.reply.analyze).toBe(true);
    const json = jsonNodes(plan.reply);
    expect(await tabTree.getByRole('treeitem').count()).toBe(json.length);
    const at = json.findIndex((n) => n['Relation Name'] === 'customers');
    const row = tabTree.locator(`[data-id="${plan.reply.nodes[at]!.id}"]`);
    expect((await row.innerText()).replace(/,/g, '')).toContain(String(json[at]!['Actual Rows']));
    expect(Number(await row.locator('.excl').innerText())).toBeGreaterThanOrEqual(0);
    const costliest = plan.reply.nodes.filter((n) => n.costliest).map((n) => String(n.id));
    const tinted = await tabTree
      .locator('.row.costliest')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
    expect(tinted).toEqual(costliest);
    await shown.getByRole('tab', { name: 'Text' }).click();
    expect(await shown.getByLabel('Plan text').innerText()).toMatch(/Execution Time: [\d.]+ ms/);
    await shown.getByRole('tab', { name: 'Plan' }).click();
    await page.mouse.move(5, 790);
    await page.waitForTimeout(200);
    await q.current().screenshot({ path: shots.path('plan-tab-light.png') });
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
