import type { Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { focusedElement, queryPage, showTheme, type QueryPage } from '../support/query-page';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** Issue 22: the window's layout, the grid's bar and what can be read, as a new user sees them. */
describe('the workspace at 1280×720 with a million rows (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let q: QueryPage;

  const grid = () => q.results().locator('tusk-result-grid');
  const gridBar = () => grid().locator('tusk-grid-bar');
  const theme = (mode: 'light' | 'dark') => showTheme(page, mode);
  /** The page's vertical overflow and scroll (a shell fits its window exactly). */
  const scroll = () =>
    page.evaluate(() => {
      const root = document.scrollingElement!;
      return {
        top: root.scrollTop + document.body.scrollTop,
        over: root.scrollHeight - innerHeight,
      };
    });
  /** Boxes that must stay inside the window: the results' bar and the status bar. */
  const inside = async () => {
    const { height, width } = page.viewportSize()!;
    const status = (await page.locator('tusk-status-bar').boundingBox())!;
    const barBox = (await gridBar().boundingBox())!;
    expect(status.y + status.height).toBeLessThanOrEqual(height + 0.5);
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(status.y + 0.5);
    expect(barBox.x + barBox.width).toBeLessThanOrEqual(width + 0.5);
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_layout');
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.backend.url });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    const name = `Big ${role.suffix}`;
    expect((await socket.request('connections.save', role.saveParams(name)))['error']).toBe(
      undefined,
    );
    await page.goto(session.backend.url);
    q = queryPage(page);
    await page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .dblclick();
    await q.editor().waitFor();
    await q.typeSql(
      "SELECT g AS id, md5(g::text) AS hash, CASE WHEN g % 333333 = 0 THEN 'marked' END AS tag FROM generate_series(1, 1000000) g",
    );
    await q.runWith();
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await role?.drop();
  });

  it('keeps the editor and results inside the window at any size; the page never scrolls (items 6, 15)', async () => {
    await inside();
    expect(await scroll()).toEqual({ top: 0, over: 0 });
    // The results made taller by keyboard on the splitter, then a smaller window.
    const splitter = q.current().getByRole('separator', { name: 'Results height' });
    await splitter.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('Shift+ArrowUp');
    await inside();
    await page.setViewportSize({ width: 900, height: 480 });
    await inside();
    await page.setViewportSize({ width: 1280, height: 720 });
    await inside();
    await grid().getByRole('grid').focus();
    expect(await scroll()).toEqual({ top: 0, over: 0 });
    for (const mode of ['light', 'dark'] as const) {
      await theme(mode);
      await page.screenshot({ path: shots.path(`workspace-1280x720-${mode}.png`) });
    }
    await theme('light');
  });

  it('a copy too large says so in one line that never widens the tab (item 7)', async () => {
    await grid().getByRole('grid').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await gridBar().getByText('Too large to copy: 1,000,000 rows').waitFor();
    const width = page.viewportSize()!.width;
    const tab = (await q.current().boundingBox())!;
    expect(tab.x + tab.width).toBeLessThanOrEqual(width + 0.5);
    const history = (await q.current().getByRole('button', { name: 'History' }).boundingBox())!;
    expect(history.x + history.width).toBeLessThanOrEqual(width);
    await page.keyboard.press('Escape');
  });

  it('sorting and filtering a million rows show a busy line with Cancel; a cleared filter stays cleared (item 5)', async () => {
    const kept = gridBar().locator('[data-test=kept]');
    await grid().getByRole('grid').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight'); // the hash column: text, the slowest sort
    const busy = gridBar().getByRole('button', { name: 'Cancel' });
    // Sorted, caught busy (and captured), cancelled: in each theme.
    for (const mode of ['light', 'dark'] as const) {
      await theme(mode);
      await grid().getByRole('grid').focus();
      await page.keyboard.press('Alt+s');
      await busy.waitFor();
      await gridBar().screenshot({ path: shots.path(`grid-busy-${mode}.png`) });
      await busy.click();
      await gridBar().getByText('Sorting cancelled').waitFor();
      // The rows stay as they were: not sorted.
      expect(
        await grid().getByRole('columnheader', { name: /hash/ }).getAttribute('aria-sort'),
      ).toBeNull();
    }
    await theme('light');
    // The focus went back to the grid.
    // Sorted after all; then the filter, cleared, and a sort at once.
    await page.keyboard.press('Alt+s');
    await busy.waitFor({ state: 'detached', timeout: 30_000 });
    await page.keyboard.press('Control+f');
    await page.keyboard.insertText('marked');
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await kept.count()) === 1, 20_000);
    expect(await kept.innerText()).toBe('3 of 1,000,000 rows');
    await page.keyboard.press('Escape'); // clears the box
    await page.keyboard.press('Escape'); // back to the grid
    await page.keyboard.press('Alt+s');
    await busy.waitFor({ state: 'detached', timeout: 30_000 });
    await waitUntil(async () => (await kept.count()) === 0, 20_000);
    expect(await kept.count()).toBe(0);
    expect(await gridBar().getByRole('searchbox', { name: 'Filter rows' }).inputValue()).toBe('');
  }, 120_000);

  it('double-click on a header edge fits the column to its content, up to the visible width (item 11)', async () => {
    await q.typeSql(`SELECT repeat('wide ', 40) AS long, 1 AS n`);
    await q.runWith();
    const header = grid().getByRole('columnheader', { name: /long/ });
    const box = (await header.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(361);
    await page.mouse.dblclick(box.x + box.width - 2, box.y + box.height / 2);
    await waitUntil(async () => (await header.boundingBox())!.width > 400, 3000);
    const fitted = (await header.boundingBox())!.width;
    const visible = (await grid().getByRole('grid').boundingBox())!.width;
    expect(fitted).toBeGreaterThan(400);
    expect(fitted).toBeLessThanOrEqual(visible);
  });

  it('muted text reads at 4.5:1 and icons at 3:1, light and dark (item 12)', async () => {
    for (const mode of ['light', 'dark'] as const) {
      await theme(mode);
      const low = await page.evaluate(lowContrast);
      expect({ mode, low }).toEqual({ mode, low: [] });
    }
    await theme('light');
  });

  it('after a reload the restored tab’s editor has the focus (item 9)', async () => {
    await page.reload();
    await q.editor().waitFor();
    await waitUntil(async () => (await focusedElement(page)).role === 'textbox', 5000);
    expect(await focusedElement(page)).toMatchObject({ role: 'textbox' });
  });

  it('renders with no CSP violation or script error (item 15)', () => {
    expect(session.problems).toEqual([]);
  });
});

/**
 * Text (and icons) of the shell whose contrast against the background behind them is
 * under WCAG AA: 4.5:1 for text, 3:1 for icons. Runs in the page.
 */
function lowContrast(): string[] {
  const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const background = (el: Element): number[] => {
    for (let at: Element | null = el; at;) {
      const bg = parse(getComputedStyle(at).backgroundColor);
      if (bg.length >= 3 && (bg[3] ?? 1) > 0.5) return bg;
      // The flat tree: a slotted element sits where its slot is (a button's label).
      at =
        at.assignedSlot ??
        at.parentElement ??
        ((at.getRootNode() as ShadowRoot).host as Element | undefined) ??
        null;
    }
    return [255, 255, 255];
  };
  const ratio = (a: number[], b: number[]) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };
  const found: string[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden')
        continue;
      const own = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      );
      const icon = el.tagName === 'WA-ICON';
      if (!own && !icon) continue;
      if (el.closest('.cm-editor, [disabled], .cm-gutters')) continue;
      // An icon is drawn by the SVG in its shadow root, in that SVG's colour.
      const drawn = (icon && el.shadowRoot?.querySelector('svg')) || el;
      const fg = parse(getComputedStyle(drawn).color);
      const need = icon ? 3 : 4.5;
      const r = ratio(fg, background(el));
      if (r < need) {
        const text = icon ? `icon ${el.getAttribute('name')}` : (el.textContent ?? '').trim();
        found.push(
          `${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 30)}" ${r.toFixed(2)}: ${fg.join(',')} on ${background(el).join(',')}`,
        );
      }
    }
  };
  walk(document);
  return found;
}
