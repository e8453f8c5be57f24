import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { showTheme } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';
import { startTableShell, type TableShell } from '../support/table-shell';
import { waitUntil } from '../support/wait';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/**
 * Issue 29: the activity tab as a user drives it in Chromium, on a role of its own on the
 * shared server: opened from the connection's menu, the status bar and Alt+A (once per
 * connection); a row lock held by session A and waited on by B shown as a tree and a
 * sentence, A terminated from the tree; 200 sessions listed and found by their application;
 * a pg_sleep cancelled from the list; a superuser's backend hidden and its cancel refused
 * with the role needed; no sampling while the tab is hidden.
 */
describe('the activity tab (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let shell: TableShell;
  let page: Page;
  let name = '';
  let connectionId = '';
  /** The `activity.sample` events the page received: [time, connection id]. */
  const samples: [number, string][] = [];
  /** postgres.js clients the test opened (as the role, unless said), ended after each test. */
  const clients: postgres.Sql[] = [];

  const activity = () => page.locator('tusk-activity-tab:not([hidden])');
  const section = (label: string) => activity().getByRole('tab', { name: new RegExp(`^${label}`) });
  const sessionRow = (pid: number) =>
    activity().locator(`tusk-activity-sessions tr[data-pid="${pid}"]`);
  const treeNode = (pid: number) =>
    activity().locator(`tusk-activity-blocking li[data-pid="${pid}"]`);
  const confirmButton = (label: string) =>
    page.locator('tusk-confirm-dialog').getByRole('button', { name: label, exact: true });
  const sessionsBar = () => activity().locator('tusk-activity-sessions .bar');
  const filter = () => activity().getByRole('searchbox', { name: 'Filter sessions' });

  /** A client as the role (or the superuser), its sessions named `application`. */
  const client = (application: string, max = 1, superuser = false) => {
    const sql = superuser
      ? superuserSql(pg, { max, connection: { application_name: application } })
      : postgres({
          host: pg.host,
          port: pg.port,
          database: pg.database,
          username: shell.role.role,
          password: shell.role.password,
          max,
          onnotice: () => {},
          connection: { application_name: application },
        });
    clients.push(sql);
    return sql;
  };
  const pidOf = async (sql: postgres.Sql | postgres.ReservedSql) =>
    (await sql<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid;

  beforeAll(async () => {
    shell = await startTableShell('tusk_act', 'act');
    page = shell.page;
    name = `Activity ${shell.role.suffix}`;
    await shell.save(name);
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const text = String(payload);
        if (!text.includes('"activity.sample"')) return;
        const message = JSON.parse(text) as { payload?: { connectionId?: string } };
        samples.push([Date.now(), message.payload?.connectionId ?? '']);
      }),
    );
    await page.goto(shell.session.backend.url);
    const sidebar = page.locator('tusk-connections-sidebar');
    await sidebar.getByRole('treeitem', { name: new RegExp(`^${name}, `) }).dblclick();
    await page.locator('tusk-query-tab:not([hidden])').waitFor();
    connectionId = await page.evaluate(
      (n) =>
        document
          .querySelector('tusk-app')!
          .services.connections.value.saved.find((c) => c.name === n)!.id,
      name,
    );
  }, 90_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end({ timeout: 1 })));
  });

  afterAll(async () => {
    await shell?.role.terminateBackends();
    await shell?.stop();
  });

  it('opens from the connection’s menu, and again focuses that one tab (status bar, Alt+A)', async () => {
    const sidebar = page.locator('tusk-connections-sidebar');
    await sidebar
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Server activity' }).click();
    await activity().waitFor();
    const strip = page.locator('tusk-tab-strip');
    const activityTabs = strip.getByRole('tab', { name: new RegExp(`^Activity · ${name}`) });
    expect(await activityTabs.count()).toBe(1);
    expect(await activityTabs.getAttribute('aria-selected')).toBe('true');
    // Tusk's own sessions (logged in as the role) are listed and marked.
    await filter().fill(shell.role.role);
    await activity().locator('tusk-activity-sessions tr.tusk').first().waitFor();
    await filter().fill('');
    expect(await section('Sessions').getAttribute('aria-selected')).toBe('true');
    // Back to the query tab, then the status bar's button: the same activity tab.
    await strip
      .getByRole('tab', { name: /^Query/ })
      .first()
      .click();
    await activity().waitFor({ state: 'detached' });
    await page.locator('tusk-status-bar').getByRole('button', { name: 'Activity' }).click();
    await activity().waitFor();
    await strip
      .getByRole('tab', { name: /^Query/ })
      .first()
      .click();
    await page.keyboard.press('Alt+a');
    await activity().waitFor();
    expect(await activityTabs.count()).toBe(1);
  });

  it('shows B waiting under A with the relation, the mode and a sentence; Terminate on A frees B', async () => {
    await shell.fill();
    const a = await client(`act-a-${shell.role.suffix}`).reserve();
    const aPid = await pidOf(a);
    await a`BEGIN`;
    await a.unsafe(`UPDATE ${shell.table} SET n = n WHERE n = 1`);
    const b = client(`act-b-${shell.role.suffix}`);
    const bPid = await pidOf(b);
    let bDone = false;
    const bRun = b
      .unsafe(`UPDATE ${shell.table} SET n = 10 WHERE n = 1`)
      .then(() => (bDone = true));
    await section('Blocking').click();
    const waiter = treeNode(aPid).locator(`li[data-pid="${bPid}"]`);
    await waiter.waitFor();
    const text = await waiter.locator('.node').first().innerText();
    expect(text).toContain(`public.${shell.table}`);
    expect(text).toMatch(/\b\w+Lock\b/);
    const sentence = await waiter.locator('.sentence').first().innerText();
    expect(sentence).toContain(`pid ${bPid}`);
    expect(sentence).toContain(`pid ${aPid}`);
    await activity().getByText(`${aPid}`).first().waitFor();
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await page.screenshot({ path: shots.path(`activity-blocking-${mode}.png`) });
    }
    await section('Sessions').click();
    await filter().fill(shell.role.role);
    await sessionRow(bPid).click();
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await page.screenshot({ path: shots.path(`activity-sessions-${mode}.png`) });
    }
    await filter().fill('');
    await section('Blocking').click();
    expect(bDone).toBe(false);
    await treeNode(aPid)
      .locator('.node')
      .first()
      .getByRole('button', { name: 'Terminate' })
      .click();
    await confirmButton('Terminate').click();
    await bRun;
    expect(bDone).toBe(true);
    await activity().getByText(`Terminated the session of pid ${aPid}.`).waitFor();
    await waitUntil(async () => (await treeNode(aPid).count()) === 0, 5000);
    expect(await treeNode(aPid).count()).toBe(0);
    a.release();
  }, 60_000);

  it('lists 200 sessions the test opened, found by their application name', async () => {
    const application = `act-many-${shell.role.suffix}`;
    const many = client(application, 200);
    await Promise.all(Array.from({ length: 200 }, () => many`SELECT pg_sleep(0.3)`));
    await section('Sessions').click();
    await filter().fill(application);
    await activity()
      .locator('[data-test=session-count]')
      .getByText(/^200 of \d+ sessions$/)
      .waitFor();
    // Their queries ended: every one of them is idle once a later sample came. Only the
    // rows in view are drawn: read them a page at a time, scrolling as a user would.
    const statesByPid = async () => {
      const states = new Map<number, string>();
      const scroller = activity().locator('tusk-activity-sessions .scroll');
      await scroller.evaluate((el) => (el.scrollTop = 0));
      for (;;) {
        await page.evaluate(() => new Promise(requestAnimationFrame));
        await page.evaluate(() => new Promise(requestAnimationFrame));
        const rows = await activity()
          .locator('tusk-activity-sessions tbody tr[data-pid]')
          .evaluateAll((trs) =>
            trs.map(
              (r) =>
                [
                  Number(r.getAttribute('data-pid')),
                  r.querySelectorAll('td')[4]!.textContent!.trim(),
                ] as const,
            ),
          );
        for (const [pid, state] of rows) states.set(pid, state);
        const more = await scroller.evaluate((el) => {
          const before = el.scrollTop;
          el.scrollTop += el.clientHeight;
          return el.scrollTop > before;
        });
        if (!more) return states;
      }
    };
    await waitUntil(
      async () => [...(await statesByPid()).values()].every((state) => state === 'idle'),
      5000,
    );
    const states = await statesByPid();
    expect(states.size).toBe(200);
    expect(new Set(states.values())).toEqual(new Set(['idle']));
    // The keyboard reaches rows not drawn yet: End selects the last one and shows it.
    const pids = [...states.keys()].sort((a, b) => a - b);
    await activity()
      .locator('tusk-activity-sessions .scroll')
      .evaluate((el) => (el.scrollTop = 0));
    await sessionRow(pids[0]!).click();
    await page.keyboard.press('End');
    const last = sessionRow(pids.at(-1)!);
    await waitUntil(async () => (await last.getAttribute('aria-selected')) === 'true', 3000);
    expect(await last.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(
      true,
    );
    await page.keyboard.press('Home');
    await waitUntil(
      async () => (await sessionRow(pids[0]!).getAttribute('aria-selected')) === 'true',
      3000,
    );
    await page.keyboard.press('Escape');
    await filter().fill('');
  }, 60_000);

  it('cancels a pg_sleep(60) from the list: it ends within 1 s', async () => {
    const sleeper = client(`act-sleep-${shell.role.suffix}`);
    const pid = await pidOf(sleeper);
    const ended = sleeper`SELECT pg_sleep(60)`.then(
      () => 'finished',
      (e: { code?: string }) => e.code ?? 'error',
    );
    await section('Sessions').click();
    await filter().fill(`act-sleep-${shell.role.suffix}`);
    const row = sessionRow(pid);
    await row.locator('td', { hasText: 'active' }).waitFor();
    await row.click();
    await sessionsBar().getByRole('button', { name: 'Cancel query' }).click();
    await confirmButton('Cancel query').click();
    const asked = Date.now();
    expect(await ended).toBe('57014'); // query_canceled
    expect(Date.now() - asked).toBeLessThan(1000);
    await filter().fill('');
  });

  it('shows a superuser’s backend as hidden, and its cancel refused with the role needed', async () => {
    const admin = client(`act-admin-${shell.role.suffix}`, 1, true);
    const pid = await pidOf(admin);
    const sleeping = admin`SELECT pg_sleep(30)`.catch(() => undefined);
    await filter().fill(`act-admin-${shell.role.suffix}`);
    const row = sessionRow(pid);
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('hidden');
    expect(await row.locator('td.query').innerText()).toBe('hidden');
    await row.click();
    await sessionsBar().getByRole('button', { name: 'Cancel query' }).click();
    await confirmButton('Cancel query').click();
    const refusal = activity().locator('.outcome.refused');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/superuser/i);
    const other = superuserSql(pg);
    await other`SELECT pg_cancel_backend(${pid})`;
    await other.end();
    await sleeping;
    await filter().fill('');
  });

  it('stops sampling its connection while its tab is hidden', async () => {
    await waitUntil(() => samples.some(([at]) => at > Date.now() - 1500), 5000);
    expect(samples.filter(([, id]) => id === connectionId).length).toBeGreaterThan(0);
    await page
      .locator('tusk-tab-strip')
      .getByRole('tab', { name: /^Query/ })
      .first()
      .click();
    await activity().waitFor({ state: 'detached' });
    const hiddenAt = Date.now() + 300; // one sample may be on its way
    await page.waitForTimeout(2500);
    expect(samples.filter(([at, id]) => id === connectionId && at > hiddenAt)).toEqual([]);
    const watching = await page.evaluate(
      (id) => document.querySelector('tusk-app')!.services.activity.of(id).watching,
      connectionId,
    );
    expect(watching).toBe(false);
  });

  it('is restored after a reload on its section and rate, sampling only once shown', async () => {
    const strip = page.locator('tusk-tab-strip');
    const activityTab = strip.getByRole('tab', { name: new RegExp(`^Activity · ${name}`) });
    await activityTab.click();
    await section('Locks').click();
    await activity()
      .locator('[data-test=lock-count]')
      .getByText(/^\d+ locks/)
      .waitFor();
    await activity().getByRole('radio', { name: '5 s' }).click();
    await strip
      .getByRole('tab', { name: /^Query/ })
      .first()
      .click();
    await activity().waitFor({ state: 'detached' });
    await page.reload();
    await activityTab.waitFor();
    const reloadedAt = Date.now() + 300;
    await page.waitForTimeout(2000);
    expect(samples.filter(([at, id]) => id === connectionId && at > reloadedAt)).toEqual([]);
    await activityTab.click();
    expect(await section('Locks').getAttribute('aria-selected')).toBe('true');
    expect(await activity().getByRole('radio', { name: '5 s' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await waitUntil(() => samples.some(([at, id]) => id === connectionId && at > reloadedAt), 8000);
    expect(samples.some(([at, id]) => id === connectionId && at > reloadedAt)).toBe(true);
    await activity()
      .locator('[data-test=lock-count]')
      .getByText(/^\d+ locks/)
      .waitFor();
  }, 60_000);

  it('stops sampling while the window is hidden, and samples again when it shows', async () => {
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((v) => {
        Object.defineProperty(document, 'visibilityState', { value: v, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await activity().waitFor();
    await activity().getByRole('radio', { name: '1 s' }).click();
    await setVisibility('hidden');
    const hiddenAt = Date.now() + 300;
    await page.waitForTimeout(2500);
    expect(samples.filter(([at, id]) => id === connectionId && at > hiddenAt)).toEqual([]);
    await setVisibility('visible');
    const shownAt = Date.now();
    await waitUntil(() => samples.some(([at, id]) => id === connectionId && at > shownAt), 5000);
    expect(samples.some(([at, id]) => id === connectionId && at > shownAt)).toBe(true);
  });

  it('renders with no script error', () => {
    expect(shell.session.problems).toEqual([]);
  });
});
