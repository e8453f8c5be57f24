import type { Locator, Page } from 'playwright-core';

/** What a Chromium spec uses of the shell's visible query tab. */
export interface QueryPage {
  /** The visible query tab. */
  current(): Locator;
  editor(): Locator;
  results(): Locator;
  runStatus(): Locator;
  /** Replaces the editor's text with `sql`. */
  typeSql(sql: string): Promise<void>;
  /** Presses `keys` to run, and waits for that run (a new query id) to end. */
  runWith(keys?: string): Promise<void>;
  /** Waits until the visible tab's run status matches `pattern`. */
  statusMatches(pattern: RegExp): Promise<void>;
}

/** The visible query tab of `page`'s shell. */
export function queryPage(page: Page): QueryPage {
  const current = () => page.locator('tusk-query-tab:not([hidden])');
  const editor = () => current().locator('tusk-sql-editor .cm-content');
  const runStatus = () => current().locator('[data-test=run-status]');
  const statusMatches = async (pattern: RegExp) => {
    await page.waitForFunction((source) => {
      const text = document
        .querySelector('tusk-app')!
        .shadowRoot!.querySelector('tusk-tab-area')!
        .shadowRoot!.querySelector('tusk-query-tab:not([hidden])')!
        .shadowRoot!.querySelector('[data-test=run-status]')!
        .textContent!.trim();
      return new RegExp(source).test(text);
    }, pattern.source);
  };
  return {
    current,
    editor,
    results: () => current().locator('tusk-results-panel'),
    runStatus,
    statusMatches,
    async typeSql(sql) {
      await editor().click();
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(sql);
    },
    async runWith(keys = 'Control+Enter') {
      const before = (await runStatus().getAttribute('data-query')) ?? '';
      await page.keyboard.press(keys);
      await page.waitForFunction((previous) => {
        const tab = document
          .querySelector('tusk-app')!
          .shadowRoot!.querySelector('tusk-tab-area')!
          .shadowRoot!.querySelector('tusk-query-tab:not([hidden])')!;
        const status = tab.shadowRoot!.querySelector('[data-test=run-status]');
        const text = status?.textContent?.trim() ?? '';
        const query = status?.getAttribute('data-query') ?? '';
        return (
          query !== '' &&
          query !== previous &&
          /^(completed|failed|cancelled|timed out) in/.test(text)
        );
      }, before);
    },
  };
}

/** The element that has the focus, through shadow roots (its tag and role, for asserts). */
export async function focusedElement(
  page: Page,
): Promise<{ tag: string; role: string; text: string }> {
  return page.evaluate(() => {
    let at: Element | null = document.activeElement;
    while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
    // A component's inner button shows its host's text (wa-button's label is slotted).
    const root = at?.getRootNode();
    const own = (at?.textContent ?? '').trim();
    const text = own || (root instanceof ShadowRoot ? (root.host.textContent ?? '').trim() : '');
    return {
      tag: at?.tagName.toLowerCase() ?? '',
      role: at?.getAttribute('role') ?? '',
      text: text.slice(0, 80),
    };
  });
}

/** Shows the page in the light or dark theme (as the OS would ask; Tusk follows "System"). */
export async function showTheme(page: Page, mode: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: mode });
  await page.waitForFunction((m) => document.documentElement.classList.contains(`wa-${m}`), mode);
  // Colours change through short transitions (Web Awesome's, 120 ms): let them end.
  await page.waitForTimeout(300);
}
