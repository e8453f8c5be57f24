import type { Browser, Page } from 'playwright-core';
import {
  DATA_KEYS,
  GRID_EDIT_KEYS,
  LIST_KEYS,
  SHORTCUTS,
  TREE_KEYS,
} from '../../app/views/shared/shortcuts';
import { startTestBackend, type TestBackend } from '../support/backend';
import { launchChromium } from '../support/browser';
import { tempScreenshots } from '../support/screenshots';

/** Screenshots to look at while the spec runs (not in the docs). */
const shots = tempScreenshots();

describe('the keyboard shortcuts dialog in Chromium', () => {
  let browser: Browser;
  let backend: TestBackend;
  let page: Page;
  const problems: string[] = [];

  const dialog = () => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  /** The dialog's content (slotted into wa-dialog: in the flat tree, not under its <dialog>). */
  const sheet = () => page.locator('tusk-shortcuts-dialog');

  beforeAll(async () => {
    [browser, backend] = await Promise.all([launchChromium(), startTestBackend()]);
    page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('opens with F1 and lists every shortcut, with Preferences and its keys', async () => {
    await page.keyboard.press('F1');
    await dialog().waitFor();
    const preferences = sheet().getByRole('row', { name: /^Preferences/ });
    await preferences.waitFor();
    expect(await preferences.locator('kbd kbd').allInnerTexts()).toEqual(['Ctrl', ',']);
    for (const { label } of [
      ...SHORTCUTS,
      ...LIST_KEYS,
      ...TREE_KEYS,
      ...GRID_EDIT_KEYS,
      ...DATA_KEYS,
    ]) {
      expect(await sheet().getByRole('rowheader', { name: label, exact: true }).count()).toBe(1);
    }
    // Where each works: Ctrl+N is the desktop app's only (a browser opens a window with it).
    const newConnection = sheet().getByRole('row', { name: /^New connection/ });
    expect(await newConnection.innerText()).toMatch(
      /Ctrl\s*\+\s*N\s*\(desktop app only\)\s*or\s*Alt\s*\+\s*N/,
    );
    expect(await sheet().getByRole('table').count()).toBeGreaterThanOrEqual(3);
  });

  it('closes with Escape and opens again with Ctrl+/', async () => {
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+/');
    await dialog().waitFor();
    await page.waitForTimeout(300); // the dialog's show animation
    await page.screenshot({ path: shots.path('shortcuts.png') });
    await dialog().getByRole('button', { name: 'Close' }).click(); // the header's ×
    await dialog().waitFor({ state: 'hidden' });
  });

  it('renders with no CSP violation or script error', () => {
    expect(problems).toEqual([]);
  });
});
