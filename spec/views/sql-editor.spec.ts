import type { Page } from 'playwright-core';
import { formatSql } from '../../app/views/query-tab/sql-format';
import { startShellSession, type ShellSession } from '../support/browser';
import { docsScreenshots } from '../support/screenshots';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

interface Fired {
  type: string;
  sql?: string;
  start?: number;
  mode?: string;
  value?: string;
  cursor?: number;
}

/** The SQL editor in Chromium with the real backend's `queries.split`. */
describe('<tusk-sql-editor> in Chromium', () => {
  let session: ShellSession;
  let page: Page;

  const content = () => page.locator('tusk-sql-editor .cm-content');
  const fired = (): Promise<Fired[]> => page.evaluate(() => window.__fired);
  const clearFired = () => page.evaluate(() => (window.__fired = []));
  const setValue = (sql: string) =>
    page.evaluate((v) => (document.querySelector('tusk-sql-editor')!.value = v), sql);
  const setCursor = (offset: number) =>
    page.evaluate((o) => {
      const editor = document.querySelector('tusk-sql-editor')!;
      editor.setCursor(o);
      editor.focus();
    }, offset);
  const value = () => page.evaluate(() => document.querySelector('tusk-sql-editor')!.value);
  const nextRun = async (): Promise<Fired> => {
    await page.waitForFunction(() => window.__fired.some((e) => e.type === 'tusk-run'));
    return (await fired()).find((e) => e.type === 'tusk-run')!;
  };

  beforeAll(async () => {
    session = await startShellSession();
    page = session.page;
    await page.setViewportSize({ width: 1100, height: 720 });
    page.setDefaultTimeout(10_000);
    await page.goto(session.backend.url);
    await page.locator('tusk-status-bar').getByText('Connected to the Tusk backend').waitFor();
    // The editor's chunk loads after the shell.
    await page.waitForFunction(() => customElements.get('tusk-sql-editor') !== undefined);
    await page.evaluate(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`),
      );
      const frame = document.createElement('div');
      frame.id = 'editor-frame';
      // CSSOM, which the CSP allows (a style attribute it would refuse).
      Object.assign(frame.style, {
        position: 'fixed',
        left: '0',
        top: '0',
        width: '760px',
        height: '300px',
        zIndex: '10',
        borderBottom: '1px solid var(--tusk-border)',
      });
      const editor = document.createElement('tusk-sql-editor');
      const app = document.querySelector('tusk-app')!;
      editor.splitter = (sql) => app.services.client.call('queries.split', { sql });
      window.__fired = [];
      for (const type of ['tusk-sql-change', 'tusk-run', 'tusk-cancel'] as const) {
        editor.addEventListener(type, (e) => {
          const event = e as Event & Partial<Fired>;
          window.__fired.push({
            type,
            ...(type === 'tusk-run'
              ? { sql: event.sql, start: event.start, mode: event.mode }
              : {}),
            ...(type === 'tusk-sql-change' ? { value: event.value, cursor: event.cursor } : {}),
          });
        });
      }
      frame.append(editor);
      document.body.append(frame);
    });
    await content().waitFor();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  beforeEach(() => clearFired());

  it('typing fires tusk-sql-change with the text and the cursor (code points)', async () => {
    await content().click();
    await page.keyboard.type('select 🐘 from t');
    const changes = (await fired()).filter((e) => e.type === 'tusk-sql-change');
    expect(changes.length).toBeGreaterThanOrEqual(15);
    expect(changes.at(-1)).toEqual({
      type: 'tusk-sql-change',
      value: 'select 🐘 from t',
      cursor: 15,
    });
    // Highlighted by lang-sql's PostgreSQL grammar: `select` and `from` are keywords.
    const keywordColor = await page.evaluate(() => {
      const root = document.querySelector('tusk-sql-editor')!.shadowRoot!;
      const span = [...root.querySelectorAll('.cm-line span')].find(
        (s) => s.textContent === 'from',
      );
      return span ? getComputedStyle(span).color : null;
    });
    const textColor = await content().evaluate((e) => getComputedStyle(e).color);
    expect(keywordColor).toMatch(/^(rgb|color)\(/);
    expect(keywordColor).not.toBe(textColor);
  });

  it('setting value replaces the text without a change event', async () => {
    await setValue('select 1;');
    expect(await value()).toBe('select 1;');
    expect(await fired()).toEqual([]);
  });

  it('Ctrl+Enter runs the 2nd of three statements: exactly it (with its ; as psql sends it), its offset, highlighted first', async () => {
    const sql = 'select 1;\nselect 2 + 2 as four;\nselect 3;';
    await setValue(sql);
    await setCursor(15);
    await page.keyboard.press('Control+Enter');
    const run = await nextRun();
    expect(run).toEqual({
      type: 'tusk-run',
      sql: 'select 2 + 2 as four;',
      start: 10,
      mode: 'statement',
    });
    const flashed = await page.evaluate(() =>
      [...document.querySelector('tusk-sql-editor')!.shadowRoot!.querySelectorAll('.cm-tusk-run')]
        .map((e) => e.textContent)
        .join(''),
    );
    expect(flashed).toBe('select 2 + 2 as four;');
    // Gone after a moment.
    await page.waitForFunction(
      () => !document.querySelector('tusk-sql-editor')!.shadowRoot!.querySelector('.cm-tusk-run'),
    );
  });

  it('Ctrl+Enter with emoji before the statement: offsets in code points', async () => {
    const first = "select '🐘🐘' as elephants;\n";
    const second = "select '😀' || name from t";
    await setValue(`${first}${second};\nselect 3;`);
    const start = [...first].length;
    await setCursor(start + [...second].length - 2); // inside `t`… near its end
    await page.keyboard.press('Control+Enter');
    expect(await nextRun()).toEqual({
      type: 'tusk-run',
      sql: `${second};`,
      start,
      mode: 'statement',
    });
    expect([...first].length).not.toBe(first.length); // the case is the astral one
  });

  it('Ctrl+Shift+Enter runs the whole script', async () => {
    const sql = 'select 1;\nselect 2;\nselect 3;';
    await setValue(sql);
    await setCursor(3);
    await page.keyboard.press('Control+Shift+Enter');
    expect(await nextRun()).toEqual({ type: 'tusk-run', sql, start: 0, mode: 'script' });
  });

  it('Ctrl+Enter with a selection runs the selection', async () => {
    await setValue('select 1;\nselect 🐘, 2;\nselect 3;');
    await setCursor(10); // line 2's start
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Control+Enter');
    expect(await nextRun()).toEqual({
      type: 'tusk-run',
      sql: 'select 🐘, 2;',
      start: 10,
      mode: 'selection',
    });
  });

  it('showError underlines the token at the right column of line 2, with the message on hover; an edit clears it', async () => {
    const line1 = "select '🐘';\n";
    const line2 = 'select * fron t;';
    await setValue(`${line1}${line2}`);
    // As a host computes it: the statement's start (line 2's) + PostgreSQL's position.
    const position = [...line1].length + line2.indexOf('fron') + 1;
    await page.evaluate(
      (p) =>
        document
          .querySelector('tusk-sql-editor')!
          .showError({ position: p, message: 'syntax error at or near "fron"' }),
      position,
    );
    const underline = page.locator('tusk-sql-editor .cm-lintRange-error');
    await underline.waitFor();
    expect(await underline.allInnerTexts()).toEqual(['fron']);
    const where = await page.evaluate(() => {
      const editor = document.querySelector('tusk-sql-editor')!;
      const mark = editor.shadowRoot!.querySelector('.cm-lintRange-error')!;
      const view = editor.view!;
      const pos = view.posAtDOM(mark, 0);
      const line = view.state.doc.lineAt(pos);
      return { line: line.number, column: pos - line.from + 1 };
    });
    expect(where).toEqual({ line: 2, column: 10 });
    await underline.hover();
    const tooltip = page.locator('tusk-sql-editor .cm-tooltip-lint');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toBe('syntax error at or near "fron"');
    await content().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await underline.waitFor({ state: 'detached' });
  });

  it('a run clears the error shown', async () => {
    await setValue('select * fron t;');
    await page.evaluate(() =>
      document.querySelector('tusk-sql-editor')!.showError({ position: 10, message: 'bad' }),
    );
    await page.locator('tusk-sql-editor .cm-lintRange-error').waitFor();
    await setCursor(2);
    await page.keyboard.press('Control+Enter');
    await nextRun();
    await page.locator('tusk-sql-editor .cm-lintRange-error').waitFor({ state: 'detached' });
  });

  it('Shift+Alt+F formats the statement under the cursor (PostgreSQL dialect); undo restores it', async () => {
    const statement = 'select a,b from t where x=1 and y::text=$1';
    const rest = ';\nselect   2;';
    await setValue(`${statement}${rest}`);
    await setCursor(5);
    await page.keyboard.press('Shift+Alt+F');
    const formatted = formatSql(statement);
    expect(formatted).toContain('\nfrom\n');
    expect(formatted).toContain('y::text = $1');
    await page.waitForFunction(
      (v) => document.querySelector('tusk-sql-editor')!.value === v,
      `${formatted}${rest}`,
    );
    expect((await fired()).some((e) => e.type === 'tusk-sql-change')).toBe(true);
    await page.keyboard.press('Control+z');
    expect(await value()).toBe(`${statement}${rest}`);
  });

  it('format() formats the selection only', async () => {
    await setValue('select 1;\nselect x,y from t;');
    await page.evaluate(() => {
      const editor = document.querySelector('tusk-sql-editor')!;
      editor.view!.dispatch({ selection: { anchor: 10, head: 28 } });
      return editor.format();
    });
    expect(await value()).toBe(`select 1;\n${formatSql('select x,y from t;')}`);
  });

  it('Escape fires tusk-cancel only while the host says a query runs', async () => {
    await content().click();
    await page.keyboard.press('Escape');
    expect((await fired()).filter((e) => e.type === 'tusk-cancel')).toEqual([]);
    await page.evaluate(() => (document.querySelector('tusk-sql-editor')!.running = true));
    await page.keyboard.press('Escape');
    expect((await fired()).filter((e) => e.type === 'tusk-cancel')).toEqual([
      { type: 'tusk-cancel' },
    ]);
    await page.evaluate(() => (document.querySelector('tusk-sql-editor')!.running = false));
  });

  it('Tab indents; Escape then Tab leaves the editor (no keyboard trap)', async () => {
    await setValue('select 1');
    await setCursor(0);
    await page.keyboard.press('Home'); // any key ends the Tab-leaves moment of an earlier Escape
    await page.keyboard.press('Tab');
    expect(await value()).toMatch(/^\s+select 1$/);
    const inEditor = () =>
      page.evaluate(() => document.activeElement?.localName === 'tusk-sql-editor');
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(false);
  });

  it('Ctrl+/ toggles a comment in the editor and does not open Keyboard shortcuts', async () => {
    await setValue('select 1;\nselect 2;');
    await setCursor(12);
    await page.keyboard.press('Control+/');
    expect(await value()).toBe('select 1;\n-- select 2;');
    await page.keyboard.press('Control+/');
    expect(await value()).toBe('select 1;\nselect 2;');
    await page.waitForTimeout(200);
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(false);
  });

  it('brackets close and match; Ctrl+D adds the next occurrence; Alt+click adds a cursor', async () => {
    await setValue('');
    await content().click();
    await page.keyboard.type('select count(');
    expect(await value()).toBe('select count()');
    await setValue('select a, a, a from t');
    await setCursor(7);
    await page.keyboard.press('Control+d'); // selects the word `a`
    await page.keyboard.press('Control+d'); // and the next `a`
    await page.keyboard.type('b');
    expect(await value()).toBe('select b, b, a from t');
    await setValue('select 1;\nselect 2;');
    await setCursor(0);
    const line2 = page.locator('tusk-sql-editor .cm-line').nth(1);
    const box = (await line2.boundingBox())!;
    await page.keyboard.down('Alt');
    await page.mouse.click(box.x + 2, box.y + box.height / 2);
    await page.keyboard.up('Alt');
    expect(
      await page.evaluate(
        () => document.querySelector('tusk-sql-editor')!.view!.state.selection.ranges.length,
      ),
    ).toBe(2);
    await page.keyboard.type('x');
    expect(await value()).toBe('xselect 1;\nxselect 2;');
  });

  it('Ctrl+F finds, Ctrl+H replaces', async () => {
    await setValue('select foo, foo from t');
    await setCursor(0);
    await page.keyboard.press('Control+f');
    const search = page.locator('tusk-sql-editor .cm-search input[name=search]');
    await search.waitFor();
    await search.fill('foo');
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'detached' });
    await setCursor(0);
    await page.keyboard.press('Control+h');
    const replace = page.locator('tusk-sql-editor .cm-search input[name=replace]');
    expect(await replace.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(
      true,
    );
    await page.locator('tusk-sql-editor .cm-search input[name=search]').fill('foo');
    await replace.fill('bar');
    await page.locator('tusk-sql-editor .cm-search button[name=replaceAll]').click();
    expect(await value()).toBe('select bar, bar from t');
    await page.locator('tusk-sql-editor .cm-search button[name=close]').click();
  });

  it('insertText inserts at the cursor; readOnly refuses edits', async () => {
    await setValue('select  from t');
    await setCursor(7);
    await page.evaluate(() => document.querySelector('tusk-sql-editor')!.insertText('now()'));
    expect(await value()).toBe('select now() from t');
    await page.evaluate(() => (document.querySelector('tusk-sql-editor')!.readOnly = true));
    await page.keyboard.type('zzz');
    expect(await value()).toBe('select now() from t');
    await page.evaluate(() => (document.querySelector('tusk-sql-editor')!.readOnly = false));
  });

  it('keeps its text and undo history when moved in the page; a failing splitter runs nothing and says why', async () => {
    await setValue('select 1;');
    await setCursor(9);
    await page.keyboard.type(' select 2;');
    await page.evaluate(() => {
      const editor = document.querySelector('tusk-sql-editor')!;
      const frame = editor.parentElement!;
      editor.remove();
      frame.append(editor);
      editor.focus();
    });
    expect(await value()).toBe('select 1; select 2;');
    await page.keyboard.press('Control+z');
    expect(await value()).toBe('select 1;');
    await clearFired();
    await page.evaluate(() => {
      const editor = document.querySelector('tusk-sql-editor')!;
      const splitter = editor.splitter;
      editor.splitter = () => Promise.reject(new Error('the backend is not reachable'));
      return editor.run().finally(() => (editor.splitter = splitter));
    });
    expect(await fired()).toEqual([]);
    const warning = page.locator('tusk-sql-editor .cm-lintRange-warning');
    await warning.waitFor();
    await warning.hover();
    await page
      .locator('tusk-sql-editor .cm-tooltip-lint')
      .getByText('Could not find the statement under the cursor: the backend is not reachable')
      .waitFor();
  });

  it('font size: the fontSize property, else --tusk-editor-font-size; lines are measured again', async () => {
    await setValue('select 1;\nselect 2;\nselect 3;');
    const measure = () =>
      page.evaluate(() => {
        const root = document.querySelector('tusk-sql-editor')!.shadowRoot!;
        const line = root.querySelectorAll('.cm-line')[2]!;
        const number = root.querySelectorAll('.cm-lineNumbers .cm-gutterElement')[3]!;
        return {
          size: getComputedStyle(root.querySelector('.cm-content')!).fontSize,
          lineTop: Math.round(line.getBoundingClientRect().top),
          numberTop: Math.round(number.getBoundingClientRect().top),
        };
      });
    await page.evaluate(() => (document.querySelector('tusk-sql-editor')!.fontSize = 20));
    await page.waitForFunction(() =>
      document.querySelector('tusk-sql-editor')!.shadowRoot!.querySelector('.cm-content')
        ? getComputedStyle(
            document.querySelector('tusk-sql-editor')!.shadowRoot!.querySelector('.cm-content')!,
          ).fontSize === '20px'
        : false,
    );
    await page.waitForTimeout(100);
    const big = await measure();
    expect(big.size).toBe('20px');
    expect(big.numberTop).toBe(big.lineTop); // the gutter follows the taller lines
    await page.evaluate(() => {
      document.querySelector('tusk-sql-editor')!.fontSize = 0;
      document.documentElement.style.setProperty('--tusk-editor-font-size', '15px');
    });
    await page.waitForTimeout(100);
    const preference = await measure();
    expect(preference.size).toBe('15px');
    expect(preference.numberTop).toBe(preference.lineTop);
    expect(preference.lineTop).toBeLessThan(big.lineTop);
    await page.evaluate(() =>
      document.documentElement.style.removeProperty('--tusk-editor-font-size'),
    );
  });

  it('the parameters dialog, by keyboard: a value each, NULL by its box, Escape cancels', async () => {
    const ask = (count: number, initial?: (string | null)[]) =>
      page.evaluate(
        ([n, values]) => {
          const dialogClass = customElements.get('tusk-sql-params-dialog') as unknown as {
            askParameters(
              host: Element,
              count: number,
              initial?: (string | null)[],
            ): Promise<never>;
          };
          const host = document.querySelector('tusk-sql-editor')!;
          window.__params = dialogClass.askParameters(host, n, values);
        },
        [count, initial] as const,
      );
    const dialog = page.getByRole('dialog', { name: 'Query parameters' });
    const focusedLabel = () =>
      page.evaluate(() => {
        const root = document.querySelector('tusk-sql-params-dialog')?.shadowRoot;
        const focused = root?.activeElement;
        return focused?.getAttribute('label') ?? focused?.textContent?.trim() ?? null;
      });

    await ask(2);
    await dialog.waitFor();
    await page.waitForFunction(
      () =>
        document
          .querySelector('tusk-sql-params-dialog')
          ?.shadowRoot?.activeElement?.getAttribute('label') === '$1',
    );
    expect(
      await page.locator('tusk-sql-params-dialog').getByLabel('$2', { exact: true }).count(),
    ).toBe(1);
    await page.keyboard.type('42');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('NULL for $1');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('$2');
    await page.keyboard.type('it’s text');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.__params)).toEqual(['42', 'it’s text']);
    await page.locator('tusk-sql-params-dialog').waitFor({ state: 'detached' });

    await ask(2, ['7', 'x']); // the last run's values, filled in
    await dialog.waitFor();
    await page.waitForFunction(
      () =>
        document
          .querySelector('tusk-sql-params-dialog')
          ?.shadowRoot?.activeElement?.getAttribute('label') === '$1',
    );
    await page.keyboard.press('Tab'); // from $1 to its NULL box
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('$2');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.__params)).toEqual([null, 'x']);

    await ask(1);
    await dialog.waitFor();
    await page.waitForTimeout(300); // the show animation
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => window.__params)).toBeNull();
    await page.locator('tusk-sql-params-dialog').waitFor({ state: 'detached' });
  });

  it('screenshots: highlighted SQL with an error underlined, light and dark', async () => {
    const sql = [
      '-- Revenue by country, last 30 days',
      'select c.country,',
      '       count(distinct o.id) as orders,',
      '       sum(i.quantity * i.unit_price)::numeric(12, 2) as revenue',
      'from customers c',
      '  join orders o on o.customer_id = c.id',
      '  join order_items i on i.order_id = o.id',
      "where o.created_at >= now() - interval '30 days'",
      "  and c.country <> 'XX' and o.status = $1",
      'group by c.country',
      'order by revenue desc nulls last',
      'limit 20;',
      '',
      'update products set price = price * 1.1 wher id = 42;',
    ].join('\n');
    await setValue(sql);
    await page.evaluate(() => {
      const frame = document.querySelector<HTMLElement>('#editor-frame')!;
      frame.style.width = '720px';
      frame.style.height = '330px';
    });
    const position = [...sql].length - [...'wher id = 42;'].length + 1;
    await page.evaluate(
      (p) =>
        document
          .querySelector('tusk-sql-editor')!
          .showError({ position: p, message: 'syntax error at or near "wher"' }),
      position,
    );
    await setCursor(sql.indexOf('$1') + 2);
    const keywordColor = () =>
      page.evaluate(() => {
        const root = document.querySelector('tusk-sql-editor')!.shadowRoot!;
        const from = [...root.querySelectorAll('.cm-line span')].find(
          (s) => s.textContent === 'from',
        );
        return getComputedStyle(from!).color;
      });
    const light = await keywordColor();
    const frame = page.locator('#editor-frame');
    await page.locator('tusk-sql-editor .cm-lintRange-error').hover();
    await page.locator('tusk-sql-editor .cm-tooltip-lint').waitFor();
    await frame.screenshot({ path: shots.path('editor-light.png') });
    await page.evaluate(() => {
      document.documentElement.classList.replace('wa-light', 'wa-dark');
      if (!document.documentElement.classList.contains('wa-dark')) {
        document.documentElement.classList.add('wa-dark');
      }
    });
    await page.waitForTimeout(100);
    await frame.screenshot({ path: shots.path('editor-dark.png') });
    // The theme follows the class through CSS variables: no reconfiguration.
    expect(await keywordColor()).not.toBe(light);
    await page.evaluate(() => document.documentElement.classList.replace('wa-dark', 'wa-light'));
  });

  it('renders with no CSP violation or script error', async () => {
    expect(await page.evaluate(() => window.__csp)).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});

declare global {
  interface Window {
    __fired: Fired[];
    __csp: string[];
    __params: Promise<(string | null)[] | null> | (string | null)[] | null;
  }
}
