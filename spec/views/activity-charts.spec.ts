import type { Locator } from 'playwright-core';
import { setTheme, startSectionsPage, type SectionsPage } from '../support/activity-sections';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { docsScreenshots } from '../support/screenshots';
import { waitUntil } from '../support/wait';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** The live charts of a watched connection, drawn by uPlot in Chromium. */
describe('the activity charts (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let s: SectionsPage;
  let charts: Locator;

  /** The commits per second the transactions chart plots now, oldest first. */
  const commits = () =>
    charts.evaluate(
      (el) =>
        ((el as HTMLElement & { plotted(c: string): number[][] | null }).plotted(
          'transactions',
        ) ?? [[], []])[1]!,
    );

  beforeAll(async () => {
    s = await startSectionsPage(pg, 'tusk_charts');
    await s.shop.admin(`SET ROLE ${s.user.role}; CREATE TABLE load_rows (id serial, v integer)`);
    charts = await s.mount('tusk-activity-charts', { width: 1100, height: 420 });
    // The activity tab watches; here the spec does, as the tab would (every 500 ms).
    await s.page.evaluate(async (id) => {
      const app = document.querySelector('tusk-app') as HTMLElement & {
        services: { activity: { watch(id: string, ms: number): Promise<() => void> } };
      };
      (window as unknown as { unwatch: () => void }).unwatch = await app.services.activity.watch(
        id,
        500,
      );
    }, s.connectionId);
  }, 120_000);
  afterAll(async () => {
    await s?.page.evaluate(() => (window as unknown as { unwatch?: () => void }).unwatch?.());
    await s?.close();
  });

  it('draws a rising transactions-per-second line while the test inserts rows', async () => {
    await waitUntil(async () => (await commits()).length >= 4, 15_000);
    const quiet = await commits();
    expect(quiet.length).toBeGreaterThanOrEqual(4);
    const before = Math.max(...quiet.map((v) => v ?? 0));
    // A load of one-row transactions for three seconds.
    const sql = superuserSql(pg, { database: s.shop.name });
    const started = Date.now();
    let inserted = 0;
    try {
      while (Date.now() - started < 3000) {
        await sql`INSERT INTO load_rows (v) VALUES (${inserted})`;
        inserted += 1;
      }
    } finally {
      await sql.end();
    }
    const perSec = inserted / 3;
    await waitUntil(
      async () => Math.max(...(await commits()).map((v) => v ?? 0)) > perSec / 2,
      5000,
    );
    const during = await commits();
    const peak = Math.max(...during.map((v) => v ?? 0));
    // The line rose during the load, to about the rate the test made.
    expect(peak).toBeGreaterThan(before + perSec / 2);
    expect(peak).toBeGreaterThan(perSec / 2);
    expect(during.length).toBeGreaterThan(quiet.length);
    // Its title says the latest rate; the legend too (not dashes).
    const head = charts.locator('[data-chart=transactions] .now');
    expect(await head.innerText()).toMatch(/^\d/);
    const legend = charts.locator('[data-chart=transactions] .u-series .u-value').nth(1);
    expect(await legend.innerText()).toMatch(/^\d/);
    // Every chart is drawn (a canvas each), with no CSP violation or page error.
    expect(await charts.locator('section.chart canvas').count()).toBe(6);
    expect(s.session.problems).toEqual([]);
    const times = await charts.evaluate(
      (el) => (el as unknown as { drawTimes: number[] }).drawTimes,
    );
    const sorted = [...times].sort((a, b) => a - b);
    console.info(
      `activity charts: ${times.length} samples drawn, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (all six charts, ${during.length} points each)`,
    );
  });

  it('takes its colours from the theme, light and dark', async () => {
    const marker = charts.locator('[data-chart=transactions] .u-series .u-marker').nth(1);
    /** The theme's green (the commits' colour) as the charts inherit it. */
    const look = () =>
      charts.evaluate((el) => {
        const probe = document.createElement('span');
        probe.style.color = 'var(--tusk-conn-green)';
        el.shadowRoot!.append(probe);
        const theme = getComputedStyle(probe).color;
        probe.remove();
        return { theme };
      });
    const markerColour = () => marker.evaluate((m) => getComputedStyle(m).borderColor);
    const light = await look();
    expect(await markerColour()).toBe(light.theme);
    await setTheme(s.page, 'dark');
    try {
      await waitUntil(async () => (await markerColour()) === (await look()).theme, 3000);
      const dark = await look();
      expect(dark.theme).not.toBe(light.theme);
      expect(await markerColour()).toBe(dark.theme);
    } finally {
      await setTheme(s.page, 'light');
    }
  });

  it('follows the width of its pane', async () => {
    /** The tuples chart's width and that of the cell it is drawn in. */
    const widths = () =>
      charts.locator('[data-chart=tuples] .plot').evaluate((cell) => ({
        cell: cell.clientWidth,
        chart: cell.querySelector('.uplot')!.getBoundingClientRect().width,
      }));
    const wide = await widths();
    expect(Math.abs(wide.chart - wide.cell)).toBeLessThanOrEqual(1);
    await s.page.evaluate(() => {
      const host = document
        .querySelector('tusk-app')!
        .shadowRoot!.querySelector<HTMLElement>('#section-host')!;
      host.style.width = '520px';
    });
    await waitUntil(async () => (await widths()).chart > wide.chart + 50, 3000);
    const narrow = await widths();
    // One column now: the chart takes the wider cell.
    expect(narrow.cell).toBeGreaterThan(wide.cell + 50);
    expect(Math.abs(narrow.chart - narrow.cell)).toBeLessThanOrEqual(1);
  });

  it('shows in the activity tab, under Charts', async () => {
    await s.page.evaluate(() =>
      document.querySelector('tusk-app')!.shadowRoot!.querySelector('#section-host')?.remove(),
    );
    await s.page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^activity ${s.user.suffix}, `) })
      .click({ button: 'right' });
    await s.page.getByRole('menuitem', { name: 'Server activity' }).click();
    const tab = s.page.locator('tusk-activity-tab:not([hidden])');
    await tab.getByRole('tab', { name: 'Charts' }).click();
    const inTab = tab.locator('tusk-activity-charts');
    await inTab.locator('[data-chart=transactions] canvas').waitFor();
    await waitUntil(async () => {
      const plotted = await inTab.evaluate((el) =>
        (el as HTMLElement & { plotted(c: string): number[][] | null }).plotted('sessions'),
      );
      return (plotted?.[0]?.length ?? 0) > 12;
    }, 15_000);
    expect(await inTab.locator('section.chart canvas').count()).toBe(6);
    expect(s.session.problems).toEqual([]);
    await s.page.screenshot({ path: shots.path('activity-charts-light.png') });
    await setTheme(s.page, 'dark');
    try {
      await s.page.waitForTimeout(300);
      await s.page.screenshot({ path: shots.path('activity-charts-dark.png') });
    } finally {
      await setTheme(s.page, 'light');
    }
  });
});
