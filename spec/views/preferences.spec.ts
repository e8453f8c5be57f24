import { rmSync } from 'node:fs';
import type { Browser, Page, WebSocket as PageSocket } from 'playwright-core';
import { getLogLevel, setLogLevel } from '../../app/models/logging/logging';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';
import { launchChromium } from '../support/browser';
import { openSocket } from '../support/socket';
import { waitUntil } from '../support/wait';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** The preferences as the backend has them now, through a socket of the test's own. */
async function savedPreferences(backend: TestBackend): Promise<Record<string, unknown>> {
  const socket = await openSocket(`${backend.url.replace(/^http/, 'ws')}ws`);
  try {
    const reply = await socket.request('preferences.get', {});
    return reply['result'] as Record<string, unknown>;
  } finally {
    socket.close();
  }
}

describe('the preferences dialog in Chromium', () => {
  const dataDir = tempDir('tusk-prefs-data-');
  let browser: Browser;
  let backend: TestBackend;
  let page: Page;
  const problems: string[] = [];
  /** Replies the page received on its socket, as text. */
  const received: string[] = [];

  const dialog = () => page.getByRole('dialog', { name: 'Preferences' });
  /** The dialog's content (slotted into wa-dialog: in the flat tree, not under its <dialog>). */
  const sheet = () => page.locator('tusk-preferences-dialog');
  const field = (label: string) => sheet().getByLabel(label, { exact: true });

  async function load(): Promise<void> {
    await page.goto(backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    await page.waitForFunction(() => document.documentElement.classList.length > 0);
  }

  async function openByKeys(): Promise<void> {
    await page.locator('body').click({ position: { x: 600, y: 5 } });
    await page.keyboard.press('Control+,');
    await dialog().waitFor();
    await field('Editor font size').waitFor();
  }

  async function closed(): Promise<void> {
    await dialog().waitFor({ state: 'hidden' });
  }

  /** The element that has the focus, through the shadow roots. */
  function focused(): Promise<string> {
    return page.evaluate(() => {
      let at: Element | null = document.activeElement;
      while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
      return at ? `${at.localName}#${at.id}` : '';
    });
  }

  /** Presses Tab until `target` (`tag#id`) has the focus; fails when it never does. */
  async function tabTo(target: string): Promise<void> {
    let at = '';
    for (let i = 0; i < 12 && at !== target; i++) {
      await page.keyboard.press('Tab');
      at = await focused();
    }
    expect(at).toBe(target);
  }

  beforeAll(async () => {
    [browser, backend] = await Promise.all([launchChromium(), startTestBackend({ dataDir })]);
    page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('websocket', (ws: PageSocket) =>
      ws.on('framereceived', (frame) => received.push(String(frame.payload))),
    );
    await load();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens with Ctrl+, and shows every preference, labelled, in units people know', async () => {
    await openByKeys();
    const saved = await savedPreferences(backend);
    for (const key of Object.keys(saved)) {
      await expect(sheet().locator(`[data-pref=${key}]`).count()).resolves.toBe(1);
    }
    await expect(field('Default statement timeout').inputValue()).resolves.toBe('30'); // 30000 ms
    await expect(field('Memory per result').inputValue()).resolves.toBe('512');
    await expect(field('Keep query history').inputValue()).resolves.toBe('90');
    expect(await sheet().getByRole('radiogroup', { name: 'Theme' }).isVisible()).toBe(true);
    expect(await sheet().getByRole('combobox', { name: 'Log level' }).isVisible()).toBe(true);
    for (const label of [
      'Editor font size',
      'Pool size',
      'Tab sessions per connection',
      'Idle-in-transaction timeout',
      'Row cap',
      'Memory for all results',
    ]) {
      expect(await field(label).isVisible()).toBe(true);
    }
    expect(await sheet().getByRole('button', { name: 'Save' }).isVisible()).toBe(true);
    await sheet().getByRole('button', { name: 'Cancel' }).click();
    await closed();
  });

  it('works from the keyboard alone: Tab reaches the fields, Escape keeps nothing, Enter saves', async () => {
    await openByKeys();
    await tabTo('input#pref-editorFontSize');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('22');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('input#pref-statementTimeoutMs');
    await page.keyboard.press('Escape');
    await closed();
    expect((await savedPreferences(backend))['editorFontSize']).toBe(14);
    await openByKeys();
    await expect(field('Editor font size').inputValue()).resolves.toBe('14');
    await tabTo('input#pref-editorFontSize');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('16');
    await page.keyboard.press('Enter'); // Enter in a box saves
    await closed();
    expect((await savedPreferences(backend))['editorFontSize']).toBe(16);
  });

  it('previews a theme at once and Cancel puts the saved one back', async () => {
    const before = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await openByKeys();
    await sheet().getByRole('radio', { name: 'Dark' }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-dark'));
    await sheet().getByRole('button', { name: 'Cancel' }).click();
    await closed();
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-light'));
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(before);
    expect((await savedPreferences(backend))['theme']).toBe('system');
  });

  it('shows an invalid value next to its field, and saves nothing', async () => {
    await openByKeys();
    const box = field('Memory per result');
    await box.fill('10');
    await box.press('Tab'); // the view checks a box when it is left
    const row = sheet().locator('[data-pref=resultMemoryMb]');
    const message = 'Must be from 16 to 16,384 MB.';
    await row.getByText(message).waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await box.getAttribute('aria-describedby')).toContain(
      (await row.locator('[data-test=field-error]').getAttribute('id'))!,
    );
    // Save asks the backend, whose `validation` error names the field: the same words, there.
    await field('Row cap').fill('-5');
    received.length = 0;
    await sheet().getByRole('button', { name: 'Save' }).click();
    const refusal = () => received.find((f) => f.includes('"kind":"validation"'));
    await waitUntil(() => refusal() !== undefined, 5_000);
    expect(refusal()).toContain('values.resultMemoryMb');
    await sheet().locator('[data-pref=rowCap]').getByText('Must be from 0 to').waitFor();
    expect(await row.getByText(message).isVisible()).toBe(true);
    expect(await field('Row cap').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog().isVisible()).toBe(true);
    // A box that holds no number is not sent at all.
    await box.fill('');
    received.length = 0;
    await sheet().getByRole('button', { name: 'Save' }).click();
    await row.getByText('Enter a number from 16 to 16,384 MB.').waitFor();
    expect(received.filter((f) => f.includes('validation'))).toEqual([]);
    const saved = await savedPreferences(backend);
    expect([saved['resultMemoryMb'], saved['rowCap']]).toEqual([512, 0]);
    await page.keyboard.press('Escape');
    await closed();
  });

  it('saves theme, font size and log level; they hold after a reload and a backend restart', async () => {
    setLogLevel('info');
    const lightBackground = await page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    await openByKeys();
    await sheet().getByRole('radio', { name: 'Dark' }).click();
    await field('Editor font size').fill('18');
    await sheet().getByRole('combobox', { name: 'Log level' }).click();
    await sheet().getByRole('option', { name: 'Debug' }).click();
    await sheet().getByRole('button', { name: 'Save' }).click();
    await closed();
    const dark = () =>
      page.evaluate(() => ({
        dark: document.documentElement.classList.contains('wa-dark'),
        background: getComputedStyle(document.body).backgroundColor,
        fontSize: document.documentElement.style.getPropertyValue('--tusk-editor-font-size'),
      }));
    const after = await dark();
    expect(after.dark).toBe(true);
    expect(after.background).not.toBe(lightBackground);
    expect(after.fontSize).toBe('18px');
    expect(getLogLevel()).toBe('debug'); // applied at once, by the backend
    expect(await savedPreferences(backend)).toMatchObject({
      theme: 'dark',
      editorFontSize: 18,
      logLevel: 'debug',
    });

    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-dark'));

    setLogLevel('info');
    await page.goto('about:blank'); // no reconnecting page while the backend is down
    await backend.close();
    backend = await startTestBackend({ dataDir });
    expect(getLogLevel()).toBe('debug');
    await load();
    expect(await dark()).toEqual(after);
    await openByKeys();
    await expect(field('Editor font size').inputValue()).resolves.toBe('18');
    const checked = sheet().getByRole('radio', { name: 'Dark' });
    await expect(checked.getAttribute('aria-checked')).resolves.toBe('true');
    await expect(sheet().getByRole('combobox', { name: 'Log level' }).inputValue()).resolves.toBe(
      'Debug',
    );
    await page.keyboard.press('Escape');
    await closed();
  }, 60_000);

  it('is captured in light and dark for the README (docs/screenshots)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await openByKeys();
      await sheet()
        .getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' })
        .click();
      await page.waitForFunction(
        (t) => document.documentElement.classList.contains(`wa-${t}`),
        theme,
      );
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300); // the dialog's show animation
      await page.screenshot({ path: shots.path(`preferences-${theme}.png`) });
      await page.keyboard.press('Escape');
      await closed();
    }
  });

  it('renders with no CSP violation or script error', () => {
    expect(problems).toEqual([]);
  });
});
