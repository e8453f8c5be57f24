import type { Locator, Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { tempScreenshots } from '../support/screenshots';

/** Screenshots to look at while the spec runs (not in the docs). */
const shots = tempScreenshots();

const TABS = 15;
const LONG_TITLE = 'Monthly revenue by customer segment and region';

/** Many query tabs: the strip scrolls, keeps its height, and "All tabs" lists them all. */
describe('tab strip overflow (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  const names = { a: '', b: '' };
  let stripHeight = 0;

  const strip = () => page.locator('tusk-tab-strip');
  const tablist = () => strip().getByRole('tablist', { name: 'Editor tabs' });
  const tabNamed = (title: string) => strip().getByRole('tab', { name: new RegExp(`^${title},`) });
  /** The id of the tab the panel is labelled by (the shown one). */
  const current = () =>
    page.locator('tusk-tab-area').locator('[role=tabpanel]').getAttribute('aria-labelledby');
  const allTabs = () => strip().getByRole('button', { name: 'All tabs', exact: true });
  const menuItems = () => strip().getByRole('menuitem');
  const treeItem = (name: string) =>
    page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) });
  /** The `n`th tab (from 1), once it is the selected one. */
  const selected = (n: number) =>
    strip()
      .getByRole('tab')
      .nth(n - 1)
      .and(strip().locator('[aria-selected=true]'));
  /** The labels of the focused element and its shadow hosts, outermost first. */
  const focused = () =>
    page.evaluate(() => {
      const labels: string[] = [];
      let at: Element | null = document.activeElement;
      while (at) {
        labels.push(at.getAttribute('aria-label') ?? at.localName);
        at = at.shadowRoot?.activeElement ?? null;
      }
      return labels.join(' > ');
    });
  /** Whether the tab is wholly inside the tablist's scroll box. */
  const inView = async (tab: Locator) => {
    const [box, list] = await Promise.all([tab.boundingBox(), tablist().boundingBox()]);
    return box!.x >= list!.x - 0.5 && box!.x + box!.width <= list!.x + list!.width + 0.5;
  };
  const scrollBox = () =>
    tablist().evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      scrollLeft: el.scrollLeft,
    }));
  /** Waits for the menu to be shown (after its animation): an item has the focus. */
  const menuShown = () =>
    page.waitForFunction(() => {
      let at: Element | null = document.activeElement;
      while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
      return at?.localName === 'wa-dropdown-item';
    });
  const menuOpen = () =>
    strip()
      .locator('wa-dropdown')
      .evaluate((el) => (el as HTMLElement & { open: boolean }).open);

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_overflow_view');
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1000, height: 640 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    names.a = `Shop ${role.suffix}`;
    names.b = `Audit ${role.suffix}`;
    for (const [name, color] of [
      [names.a, 'blue'],
      [names.b, 'orange'],
    ] as const) {
      expect(
        (await socket.request('connections.save', role.saveParams(name, { color })))['error'],
      ).toBeUndefined();
    }
    await page.goto(session.backend.url);
    await treeItem(names.a).waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await role?.drop();
  });

  it(`${TABS} tabs overflow the strip, which scrolls and keeps its height`, async () => {
    await treeItem(names.a).dblclick();
    await tabNamed('Query 1').waitFor();
    stripHeight = (await strip().boundingBox())!.height;
    for (let n = 2; n <= TABS; n++) {
      if (n === 8) await treeItem(names.b).dblclick();
      else await page.keyboard.press('Alt+t');
      await tabNamed(`Query ${n}`).waitFor();
    }
    // A long title, to ellipsize within its tab; then End (in the strip) to the last tab.
    await tabNamed('Query 5').dblclick();
    await strip().getByLabel('Tab name').fill(LONG_TITLE);
    await page.keyboard.press('Enter');
    await tabNamed(LONG_TITLE).waitFor();
    await page.keyboard.press('End');
    await selected(TABS).waitFor();

    expect(await strip().getByRole('tab').count()).toBe(TABS);
    const box = await scrollBox();
    expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    expect((await strip().boundingBox())!.height).toBe(stripHeight);
    // One line each, at least a readable width.
    const heights = await strip()
      .getByRole('tab')
      .evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect()));
    for (const rect of heights) {
      expect(rect.height).toBeLessThanOrEqual(stripHeight);
      expect(rect.width).toBeGreaterThanOrEqual(90);
      expect(rect.width).toBeLessThanOrEqual(241);
    }
    // The last opened tab is active and scrolled into view.
    expect(await tabNamed(`Query ${TABS}`).getAttribute('aria-selected')).toBe('true');
    expect(await inView(tabNamed(`Query ${TABS}`))).toBe(true);
  });

  it('the wheel over the strip scrolls it sideways', async () => {
    const before = (await scrollBox()).scrollLeft;
    expect(before).toBeGreaterThan(0);
    const list = (await tablist().boundingBox())!;
    await page.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
    await page.mouse.wheel(0, -200);
    await page.waitForFunction(
      (was) =>
        document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-tab-area')!
          .shadowRoot!.querySelector('tusk-tab-strip')!
          .shadowRoot!.querySelector('[role=tablist]')!.scrollLeft < was,
      before,
    );
  });

  it('"All tabs" lists every tab; one chosen by keyboard is activated and scrolled into view', async () => {
    await allTabs().click();
    await menuShown();
    expect(await menuItems().count()).toBe(TABS);
    const texts = await menuItems().allInnerTexts();
    expect(texts[0]).toContain('Query 1');
    expect(texts[0]).toContain(names.a);
    expect(texts[TABS - 1]).toContain(`Query ${TABS}`);
    expect(texts[TABS - 1]).toContain(names.b);
    expect(
      await menuItems()
        .nth(TABS - 1)
        .getAttribute('aria-current'),
    ).toBe('true');
    expect(await menuItems().first().getAttribute('aria-current')).toBeNull();
    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press('Escape');
    await strip().getByRole('menu').waitFor({ state: 'hidden' });
    expect(await menuOpen()).toBe(false);
    expect(await focused()).toMatch(/> All tabs/);
    // It is the next stop after the tablist and "New tab".
    await page.keyboard.press('Alt+2');
    expect(await focused()).toMatch(new RegExp(`> Query ${TABS},`));
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/> New tab/);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/> All tabs/);
    // Reached by keyboard, opened with Enter, the 2nd chosen with arrows and Enter.
    await page.keyboard.press('Enter');
    await menuShown();
    expect(await menuOpen()).toBe(true);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await selected(2).waitFor();
    expect(await menuOpen()).toBe(false);
    expect(await inView(tabNamed('Query 2'))).toBe(true);
    expect(await inView(tabNamed(`Query ${TABS}`))).toBe(false);
    expect(await current()).toBe(await tabNamed('Query 2').getAttribute('id'));
  });

  it('Alt+PageDown cycling to the last tab scrolls it into view', async () => {
    for (let n = 3; n <= TABS; n++) {
      await page.keyboard.press('Alt+PageDown');
      await selected(n).waitFor();
    }
    expect(await inView(tabNamed(`Query ${TABS}`))).toBe(true);
    expect(await inView(tabNamed('Query 2'))).toBe(false);
  });

  it('is captured with the menu open, light and dark (/tmp)', async () => {
    await allTabs().click();
    await menuShown();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForFunction(
        (dark) => document.documentElement.classList.contains('wa-dark') === dark,
        theme === 'dark',
      );
      await page.waitForTimeout(400);
      const menu = (await strip().getByRole('menu').boundingBox())!;
      const top = (await strip().boundingBox())!;
      await page.screenshot({
        path: shots.path(`overflow-${theme}.png`),
        clip: { x: 0, y: top.y, width: 1000, height: menu.y + menu.height + 12 - top.y },
      });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
  });

  it('shows no CSP violation or script error', () => {
    expect(session.problems).toEqual([]);
  });
});
