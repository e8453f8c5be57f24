import type { Page } from 'playwright-core';
import type { KeptPlan } from '../../app/views/plan/plan-types';
import type { ShellSession } from '../support/browser';
import { queryPage } from '../support/query-page';
import type { TestSocket } from '../support/socket';
import { startTableShell, type TableShell } from '../support/table-shell';

/**
 * Issue 28: Explain and Explain Analyze in a query tab, from the toolbar and from F7 /
 * Shift+F7, shown in the plan view; ANALYZE of a write asks first and is always rolled
 * back (to a savepoint inside the tab's open transaction); the options reach the backend;
 * a user's own EXPLAIN (JSON or text) shows as a plan too.
 */
describe('Explain in a query tab (Chromium, real PostgreSQL)', () => {
  let shell: TableShell;
  let session: ShellSession;
  let page: Page;
  let socket: TestSocket;
  let table = '';
  let name = '';

  const q = () => queryPage(page);
  const ask = () => page.locator('tusk-confirm-dialog');
  const answered = () => ask().getByRole('button', { name: 'Cancel' }).waitFor({ state: 'hidden' });
  const toolbar = () => q().current().locator('[role=toolbar]');
  const planView = () => q().results().locator('tusk-plan-view');
  const view = planView;
  /** The plan the plan view was given (what it draws). */
  const shownPlan = async (): Promise<KeptPlan> => {
    await planView().waitFor();
    return planView().evaluate((el) => (el as unknown as { plan: KeptPlan }).plan);
  };
  /** The plan view's plan once it shows the plan of query `queryId` (its first result). */
  const planOf = async (queryId: string): Promise<KeptPlan> => {
    await page.waitForFunction(
      (id) => {
        const find = (root: Document | ShadowRoot): Element | null => {
          const here = root.querySelector('tusk-plan-view');
          if (here) return here;
          for (const el of root.querySelectorAll('*')) {
            const inner = el.shadowRoot && find(el.shadowRoot);
            if (inner) return inner;
          }
          return null;
        };
        const view = find(document) as (Element & { plan?: KeptPlan }) | null;
        return view?.plan?.id === `${id}:0`;
      },
      queryId,
      { polling: 50 },
    );
    return shownPlan();
  };
  /** The query id of the tab's latest run. */
  const lastQuery = async () => (await q().runStatus().getAttribute('data-query')) ?? '';
  const rows = () => shell.rows();
  const fill = () => shell.fill();
  /**
   * Presses `keys` (or clicks `button`) and waits for the explain run it starts to end;
   * resolves with its query id.
   */
  const explainWith = async (how: { keys: string } | { button: string }): Promise<string> => {
    const before = await lastQuery();
    if ('keys' in how) await page.keyboard.press(how.keys);
    else await toolbar().locator(`[data-test=${how.button}]`).click();
    await page.waitForFunction((previous) => {
      const tab = document
        .querySelector('tusk-app')!
        .shadowRoot!.querySelector('tusk-tab-area')!
        .shadowRoot!.querySelector('tusk-query-tab:not([hidden])')!;
      const status = tab.shadowRoot!.querySelector('[data-test=run-status]');
      const query = status?.getAttribute('data-query') ?? '';
      return query && query !== previous && /^(completed|failed) in/.test(status!.textContent!);
    }, before);
    return lastQuery();
  };

  beforeAll(async () => {
    shell = await startTableShell('tusk_explain', 'explain');
    ({ session, page, socket, table } = shell);
    const { suffix } = shell.role;
    name = `Explain ${suffix}`;
    await shell.save(name);
    await page.goto(session.backend.url);
    const item = (state = '') =>
      page
        .locator('tusk-connections-sidebar')
        .getByRole('treeitem', { name: new RegExp(`^${name}, ${state}`) });
    await item().dblclick();
    await item('connected').waitFor();
    await q().editor().waitFor();
    await fill();
  }, 60_000);
  afterAll(() => shell?.stop());

  it('the Explain button and F7 explain the statement at the cursor; Shift+F7 analyzes a read at once', async () => {
    await q().typeSql(`SELECT 1;\nSELECT n FROM ${table} WHERE n > 1`);
    const first = await planOf(await explainWith({ button: 'explain' }));
    expect(first.label).toMatch(/^#1 Explain · /);
    expect(first.sql).toBe(`SELECT n FROM ${table} WHERE n > 1`);
    expect(first.reply.analyze).toBe(false);
    expect(first.reply.nodes[0]).toMatchObject({ nodeType: 'Seq Scan', relation: table });
    expect(first.reply.nodes[0]!.rowsActual).toBeNull();

    // F7 reaches the page, which keeps it from the browser (Chromium's caret browsing).
    await page.evaluate(() => {
      const seen: KeyboardEvent[] = [];
      (window as unknown as { f7: KeyboardEvent[] }).f7 = seen;
      window.addEventListener('keydown', (e) => e.key === 'F7' && seen.push(e), true);
    });
    const second = await planOf(await explainWith({ keys: 'F7' }));
    expect(second.label).toMatch(/^#2 Explain · /);
    expect(
      await page.evaluate(() =>
        (window as unknown as { f7: KeyboardEvent[] }).f7.map((e) => e.defaultPrevented),
      ),
    ).toEqual([true]);

    const analyzed = await planOf(await explainWith({ keys: 'Shift+F7' }));
    expect(analyzed.label).toMatch(/^#3 Explain Analyze · /);
    expect(analyzed.reply.analyze).toBe(true);
    expect(analyzed.reply.nodes[0]).toMatchObject({ nodeType: 'Seq Scan', rowsActual: 2 });
    // BUFFERS is on by default with ANALYZE.
    expect(analyzed.reply.json).toMatch(/"Shared Hit Blocks"/);
    const kept = await planView().evaluate((el) => (el as unknown as { kept: KeptPlan[] }).kept);
    expect(kept.map((k) => k.label.split(' · ')[0])).toEqual([
      '#1 Explain',
      '#2 Explain',
      '#3 Explain Analyze',
    ]);
  });

  it('Explain Analyze of DELETE FROM t asks first (Cancel focused); yes leaves every row in place', async () => {
    await fill();
    await q().typeSql(`DELETE FROM ${table}`);
    await toolbar().locator('[data-test=explain-analyze]').click();
    await ask().getByText('Run this statement to analyze it?').waitFor();
    expect(await ask().locator('pre').innerText()).toBe(`DELETE FROM ${table}`);
    const words = await ask().locator('p').innerText();
    expect(words).toMatch(/executes this statement.*rolls back what it changed/s);
    expect(words).toMatch(/Sequences it advances and effects outside the database are not undone/);
    const before = await q().runStatus().getAttribute('data-query');
    await page.keyboard.press('Enter'); // Cancel is focused
    await answered();
    expect(await q().runStatus().getAttribute('data-query')).toBe(before);

    await q().editor().click();
    const asked = page.keyboard.press('Shift+F7');
    await ask().getByRole('button', { name: 'Analyze and roll back' }).click();
    await asked;
    await q().statusMatches(/^completed in/);
    const plan = await planOf(await lastQuery());
    expect(plan.reply.analyze).toBe(true);
    expect(plan.reply.nodes.find((n) => n.nodeType === 'Seq Scan')?.rowsActual).toBe(3);
    expect(await rows()).toEqual([1, 2, 3]);
    expect(await toolbar().locator('[data-test=transaction]').innerText()).toBe('no transaction');
  });

  it('inside the tab’s open transaction, Explain Analyze keeps the insert and the transaction', async () => {
    await fill();
    await q().typeSql(`BEGIN; INSERT INTO ${table} VALUES (4)`);
    await q().runWith('Control+Shift+Enter');
    expect(await toolbar().locator('[data-test=transaction]').innerText()).toBe('transaction open');
    await q().typeSql(`DELETE FROM ${table}`);
    const asked = page.keyboard.press('Shift+F7');
    await ask()
      .getByText(/to a savepoint: your open transaction and its work stay/)
      .waitFor();
    await ask().getByRole('button', { name: 'Analyze and roll back' }).click();
    await asked;
    await q().statusMatches(/^completed in/);
    expect(
      (await planOf(await lastQuery())).reply.nodes.find((n) => n.nodeType === 'Seq Scan')
        ?.rowsActual,
    ).toBe(4);
    expect(await toolbar().locator('[data-test=transaction]').innerText()).toBe('transaction open');
    expect(await rows()).toEqual([1, 2, 3]); // not committed yet
    await q().typeSql('COMMIT');
    await q().runWith();
    expect(await rows()).toEqual([1, 2, 3, 4]);
  });

  it('the options reach the backend and are kept: VERBOSE, GENERIC_PLAN on 16+', async () => {
    const menu = toolbar().locator('wa-dropdown');
    await menu.getByRole('button', { name: 'EXPLAIN options' }).click();
    await menu.locator('wa-dropdown-item[value=verbose]').click();
    await page.keyboard.press('Escape');
    /** The options kept in the layout, once they are `want` (saved a moment after a change). */
    const saved = async (want: object) => {
      for (let i = 0; i < 50; i += 1) {
        const { layout } = await socket.call('workspace.get', {});
        if (JSON.stringify(layout.explain) === JSON.stringify(want)) return layout.explain;
        await page.waitForTimeout(100);
      }
      return (await socket.call('workspace.get', {})).layout.explain;
    };
    expect(await saved({ verbose: true })).toEqual({ verbose: true });
    await q().typeSql(`SELECT n FROM ${table}`);
    const verbose = await planOf(await explainWith({ keys: 'F7' }));
    expect(verbose.reply.json).toMatch(/"Output": \[/);
    // What psql would show: the scan's output columns.
    await view().getByRole('tab', { name: 'Text' }).click();
    expect(await view().getByLabel('Plan text').innerText()).toMatch(
      // (With compute_query_id on, as pg_stat_statements turns it, VERBOSE adds the query's id.)
      new RegExp(
        `^Seq Scan on public\\.${table} .*\\n\\s+Output: n(\\nQuery Identifier: -?\\d+)?$`,
      ),
    );
    await view().getByRole('tab', { name: 'Plan' }).click();

    await menu.getByRole('button', { name: 'EXPLAIN options' }).click();
    await menu.locator('wa-dropdown-item[value=verbose]').click();
    const generic = menu.locator('wa-dropdown-item[value=genericPlan]');
    const major = Number(
      (await socket.call('connections.status', {}))
        .find((s) => s.serverVersion)!
        .serverVersion.split('.')[0],
    );
    if (major >= 16) {
      await generic.click();
      await page.keyboard.press('Escape');
      const want = { verbose: false, genericPlan: true };
      expect(await saved(want)).toEqual(want);
      await q().typeSql(`SELECT n FROM ${table} WHERE n = $1`);
      const plan = await planOf(await explainWith({ keys: 'F7' }));
      expect(plan.reply.json).toMatch(/\$1/);
      expect(await page.locator('tusk-sql-params-dialog wa-dialog[open]').count()).toBe(0);
      await menu.getByRole('button', { name: 'EXPLAIN options' }).click();
      await generic.click();
    } else {
      expect(await generic.getAttribute('disabled')).not.toBeNull();
    }
    await page.keyboard.press('Escape');
  });

  it('a user’s own EXPLAIN (FORMAT JSON) and a plain EXPLAIN show as plans; Rows is a click away', async () => {
    await q().typeSql(`EXPLAIN (FORMAT JSON) SELECT n FROM ${table}`);
    await q().runWith();
    const json = await planOf(await lastQuery());
    expect(json.label).toMatch(/ EXPLAIN · /);
    expect(json.reply.format).toBe('json');
    expect(json.reply.nodes[0]).toMatchObject({ nodeType: 'Seq Scan', relation: table });
    const toggle = q().results().getByRole('group', { name: 'Show as' });
    await toggle.getByRole('button', { name: 'Rows' }).click();
    await q().results().locator('tusk-result-grid').waitFor();
    expect(await planView().count()).toBe(0);
    await toggle.getByRole('button', { name: 'Plan' }).click();
    await planView().waitFor();

    await q().typeSql(`EXPLAIN SELECT n FROM ${table}`);
    await q().runWith();
    const text = await planOf(await lastQuery());
    expect(text.reply.format).toBe('text');
    expect(text.reply.text).toMatch(new RegExp(`^Seq Scan on ${table}`));
    await planView()
      .getByText(/Seq Scan on/)
      .first()
      .waitFor();
  });

  it('an Explain Analyze that runs long is cancelled with Escape, as a run is', async () => {
    await q().typeSql('SELECT pg_sleep(30)');
    await page.keyboard.press('Shift+F7');
    await q().statusMatches(/^running /);
    await page.keyboard.press('Escape');
    await q().statusMatches(/^cancelled in/);
    expect(
      await q()
        .results()
        .getByText(/^Cancelled after/)
        .count(),
    ).toBe(1);
    expect(await planView().count()).toBe(0);
  });

  it('a failed explain shows its error in Messages, underlined at its place in the editor', async () => {
    await q().typeSql(`SELECT 1;\nSELECT nope FROM ${table}`);
    await explainWith({ button: 'explain' });
    const error = q().results().locator('[data-test=run-error]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/column "nope" does not exist/);
    expect(await error.locator('.where').innerText()).toBe('line 1, column 8');
    const underlined = q().current().locator('tusk-sql-editor .cm-lintRange-error');
    await underlined.waitFor();
    expect(await underlined.innerText()).toBe('nope');
  });

  it('renders with no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
