import type { Locator, Page } from 'playwright-core';
import { readOnlyText } from '../../app/common/edit-rules';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { queryPage, showTheme, type QueryPage } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

/** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
const shots = docsScreenshots();

/** Issue 26: editing rows in the result grid, against the real backend and PostgreSQL. */
describe('editing rows in the result grid (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let q: QueryPage;
  let schema = '';
  const names = { rw: '', ro: '' };
  /** While above 0, the backend's answers to `queries.cell` reach the page this late (ms). */
  let slowCells = 0;
  /** How many `queries.cell` the page has sent. */
  let cellCalls = 0;

  const admin = () => superuserSql(pg);
  /** Rows of `sql`, run as the superuser (what the server holds). */
  const serverRows = async (sql: string) => {
    const db = admin();
    try {
      return (await db.unsafe(sql)).map((r) => ({ ...r }));
    } finally {
      await db.end();
    }
  };
  const item = (name: string) =>
    page
      .locator('tusk-connections-sidebar')
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) });
  const gridEl = () => q.results().locator('tusk-result-grid');
  const grid = () => gridEl().getByRole('grid');
  const row = (r: number) => grid().locator(`[role=row][aria-rowindex="${r + 2}"]`);
  const cell = (r: number, c: number) =>
    row(r).locator(`[role=gridcell][aria-colindex="${c + 2}"]`);
  const editor = () => gridEl().locator('tusk-cell-editor');
  const editBar = () => gridEl().locator('tusk-edit-bar');
  const counts = () => editBar().locator('[data-test=edit-counts]');
  const barMessage = () => gridEl().locator('tusk-grid-bar .message');
  const press = (key: string) => page.keyboard.press(key);
  /** Types in the SQL editor, runs, and moves the focus to the grid (Alt+3). */
  const runAndFocus = async (sql: string) => {
    await q.typeSql(sql);
    await q.runWith();
    await grid().waitFor();
    await press('Alt+3');
    await cell(0, 0).waitFor();
  };
  const text = async (l: Locator) => (await l.innerText()).trim();
  /** The attribute `name` of `l` once it matches `want` (or what it is after 5 s). */
  const attr = async (l: Locator, name: string, want: RegExp) => {
    const deadline = Date.now() + 5000;
    let seen = await l.getAttribute(name).catch(() => null);
    while (!want.test(seen ?? '') && Date.now() < deadline) {
      await page.waitForTimeout(30);
      seen = await l.getAttribute(name).catch(() => null);
    }
    return seen;
  };
  /** The text of `l` once it is `want` (drawn on the next frame), or what it is after 5 s. */
  const settled = async (l: Locator, want: string | RegExp) => {
    const deadline = Date.now() + 5000;
    let seen = await text(l).catch(() => '');
    const ok = () => (typeof want === 'string' ? seen === want : want.test(seen));
    while (!ok() && Date.now() < deadline) {
      await page.waitForTimeout(30);
      seen = await text(l).catch(() => '');
    }
    return seen;
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_grid_edit');
    schema = `ge_${role.suffix}`;
    const db = admin();
    await db.unsafe(`
      CREATE SCHEMA ${schema} AUTHORIZATION ${role.role};
      SET ROLE ${role.role};
      CREATE TABLE ${schema}.items (
        id serial PRIMARY KEY, name text NOT NULL, note text, qty int, ok boolean,
        doc jsonb DEFAULT '{}');
      INSERT INTO ${schema}.items (name, note, qty, ok) VALUES
        ('alpha', 'a', 1, true), ('beta', 'b', 2, false), ('gamma', 'c', 3, NULL),
        ('delta', 'd', 4, true), ('epsilon', 'e', 5, false);
      CREATE TABLE ${schema}.other (id int PRIMARY KEY, item_id int);
      INSERT INTO ${schema}.other VALUES (1, 1);
      CREATE TABLE ${schema}.plain (a int, b text);
      INSERT INTO ${schema}.plain VALUES (1, 'x');
      CREATE VIEW ${schema}.items_v AS SELECT * FROM ${schema}.items;
      RESET ROLE;`);
    await db.end();
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1180, height: 760 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    names.rw = `Edit ${role.suffix}`;
    names.ro = `Edit RO ${role.suffix}`;
    await socket.call('connections.save', role.saveParams(names.rw));
    await socket.call('connections.save', role.saveParams(names.ro, { readOnly: true }));
    // Between the page and its backend: answers to `queries.cell` held back while slowCells.
    await page.routeWebSocket(/./, (ws) => {
      const server = ws.connectToServer();
      const asked = new Set<number>();
      ws.onMessage((message) => {
        const { id, method } = JSON.parse(String(message)) as { id?: number; method?: string };
        if (method === 'queries.cell' && id !== undefined) {
          cellCalls += 1;
          asked.add(id);
        }
        server.send(message);
      });
      server.onMessage((message) => {
        const { id } = JSON.parse(String(message)) as { id?: number };
        const late = id !== undefined && asked.delete(id) ? slowCells : 0;
        if (late > 0) setTimeout(() => ws.send(message), late);
        else ws.send(message);
      });
    });
    await page.goto(session.backend.url);
    q = queryPage(page);
    await item(names.rw).dblclick();
    await q.editor().waitFor();
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    const db = admin();
    await db.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.end();
    await role?.drop();
  });

  it('edits cells (one to NULL, one to the empty string), adds, duplicates and deletes rows, undoes and redoes, previews and applies: the server holds them and the grid shows them', async () => {
    await runAndFocus(`SELECT id, name, note, qty, ok FROM ${schema}.items ORDER BY id`);
    await editBar().getByRole('button', { name: 'Add row' }).waitFor();
    // F2 opens the cell's editor on its value; Enter sets it.
    await press('ArrowRight'); // row 1's name
    await press('F2');
    const input = editor().getByRole('textbox');
    await input.waitFor();
    expect(await input.inputValue()).toBe('alpha');
    await press('Control+a');
    await page.keyboard.type('Alpha One');
    await press('Enter');
    await editor().waitFor({ state: 'detached' });
    expect(await settled(cell(0, 1), 'Alpha One')).toBe('Alpha One');
    expect(await cell(0, 1).getAttribute('aria-description')).toBe('changed');
    // Ctrl+0: NULL (not the text NULL).
    await press('ArrowRight');
    await press('Control+0');
    expect(await settled(cell(0, 2), 'NULL')).toBe('NULL');
    expect(await cell(0, 2).getAttribute('class')).toMatch(/\bnull\b/);
    // Typing starts the editor with what is typed; emptied, it is the empty string.
    await press('ArrowDown');
    await page.keyboard.type('x');
    expect(await editor().getByRole('textbox').inputValue()).toBe('x');
    await press('Backspace');
    await press('Enter');
    expect(await settled(cell(1, 2), '')).toBe('');
    expect(await cell(1, 2).getAttribute('class')).not.toMatch(/\bnull\b/);
    expect(await cell(1, 2).getAttribute('aria-description')).toBe('changed');
    // Escape leaves the editor without a change.
    await press('F2');
    await page.keyboard.type('zzz');
    await press('Escape');
    await editor().waitFor({ state: 'detached' });
    expect(await settled(cell(1, 2), '')).toBe('');
    // Undo and redo over the pending set.
    await press('Control+z');
    expect(await settled(cell(1, 2), 'b')).toBe('b');
    await press('Control+Shift+z');
    expect(await settled(cell(1, 2), '')).toBe('');
    // Delete marks the row deleted; Ctrl+D duplicates one (its key left to the server).
    await press('ArrowDown'); // row 3 (gamma)
    await press('Delete');
    expect(await attr(row(2), 'aria-description', /^deleted row$/)).toBe('deleted row');
    await press('ArrowDown'); // row 4 (delta)
    await press('Control+d');
    expect(await attr(row(5), 'aria-description', /^new row$/)).toBe('new row');
    expect(await settled(cell(5, 0), 'DEFAULT')).toBe('DEFAULT');
    expect(await settled(cell(5, 1), 'delta')).toBe('delta');
    // Add row: every column DEFAULT until typed.
    await editBar().getByRole('button', { name: 'Add row' }).click();
    await press('Home');
    await press('ArrowRight');
    await page.keyboard.type('zeta');
    await press('Tab');
    expect(await settled(cell(6, 1), 'zeta')).toBe('zeta');
    expect(await settled(counts(), 'Pending: 2 changed · 2 new · 1 deleted')).toBe(
      'Pending: 2 changed · 2 new · 1 deleted',
    );
    await showTheme(page, 'light');
    await gridEl().screenshot({ path: shots.path('edit-pending-light.png') });
    await showTheme(page, 'dark');
    await gridEl().screenshot({ path: shots.path('edit-pending-dark.png') });
    await showTheme(page, 'light');

    // Preview SQL: the statements, their parameters, and the transaction they run in.
    await editBar().getByRole('button', { name: 'Preview SQL' }).click();
    const preview = page.getByRole('dialog', { name: 'Preview SQL' });
    await preview.waitFor();
    const statements = preview.locator('tusk-edit-preview-dialog').getByRole('list', {
      name: 'Statements',
    });
    const list = page.locator('tusk-edit-preview-dialog ol[aria-label=Statements] > li');
    await list.first().waitFor();
    expect(await list.count()).toBe(5);
    const sql = await page.locator('tusk-edit-preview-dialog ol').innerText();
    expect(sql).toMatch(/^DELETE FROM/m);
    expect(sql).toMatch(/UPDATE .*items/);
    expect(sql).toMatch(/INSERT INTO .*items/);
    expect(sql).toContain('= NULL');
    expect(
      await page.locator('tusk-edit-preview-dialog [data-test=preview-transaction]').innerText(),
    ).toMatch(/one transaction \(BEGIN … COMMIT\)/);
    void statements;
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots.path('edit-preview-light.png') });
    await showTheme(page, 'dark');
    await page.screenshot({ path: shots.path('edit-preview-dark.png') });
    await showTheme(page, 'light');
    await page
      .locator('tusk-edit-preview-dialog')
      .getByRole('button', { name: 'Close' })
      .last()
      .click();
    await preview.waitFor({ state: 'hidden' });

    // Ctrl+Enter in the grid applies (it does not run the editor's statement).
    const before = await q.runStatus().getAttribute('data-query');
    await grid().focus();
    await press('Control+Enter');
    await editBar()
      .getByText(/^Applied and committed 5 changes$/)
      .waitFor();
    expect(await settled(counts(), '')).toBe('');
    expect(await q.runStatus().getAttribute('data-query')).toBe(before);
    const stored = await serverRows(
      `SELECT id, name, note, qty, ok FROM ${schema}.items ORDER BY id`,
    );
    expect(stored).toEqual([
      { id: 1, name: 'Alpha One', note: null, qty: 1, ok: true },
      { id: 2, name: 'beta', note: '', qty: 2, ok: false },
      { id: 4, name: 'delta', note: 'd', qty: 4, ok: true },
      { id: 5, name: 'epsilon', note: 'e', qty: 5, ok: false },
      { id: 6, name: 'delta', note: 'd', qty: 4, ok: true },
      { id: 7, name: 'zeta', note: null, qty: null, ok: null },
    ]);
    // The grid shows what the server stored: the deleted row is gone, new rows have their ids.
    const shown = async (r: number) => Promise.all([0, 1, 2].map(async (c) => text(cell(r, c))));
    expect(await shown(0)).toEqual(['1', 'Alpha One', 'NULL']);
    expect(await shown(1)).toEqual(['2', 'beta', '']);
    expect(await shown(2)).toEqual(['4', 'delta', 'd']);
    expect(await shown(4)).toEqual(['6', 'delta', 'd']);
    expect(await shown(5)).toEqual(['7', 'zeta', 'NULL']);
    expect(await grid().getAttribute('aria-rowcount')).toBe('7');
  });

  it('a conflict shows its message, marks the row and keeps the pending set', async () => {
    await runAndFocus(`SELECT id, name FROM ${schema}.items ORDER BY id`);
    await editBar().waitFor();
    await press('ArrowRight');
    await press('F2');
    await press('Control+a');
    await page.keyboard.type('mine');
    await press('Enter');
    await serverRows(`UPDATE ${schema}.items SET name = 'theirs' WHERE id = 1`);
    await press('Control+Enter');
    const message = editBar().locator('[data-test=edit-message]');
    await message.waitFor();
    // "Applying…" until the server's answer (longer on a busy machine).
    expect(await settled(message, /^Row 1/)).toMatch(
      /Row 1 \(id = 1\) was changed or deleted by another session/,
    );
    expect(await settled(counts(), 'Pending: 1 changed')).toBe('Pending: 1 changed');
    expect(await attr(row(0), 'aria-description', /refused/)).toMatch(/^changed row, refused: /);
    expect(await serverRows(`SELECT name FROM ${schema}.items WHERE id = 1`)).toEqual([
      { name: 'theirs' },
    ]);
    // A new run asks before it drops the pending change: Cancel keeps it.
    await q.editor().click();
    await press('Control+Enter');
    const ask = page.getByRole('dialog', { name: 'Run with pending changes?' });
    await ask.waitFor();
    await page.locator('tusk-confirm-dialog').getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await settled(counts(), 'Pending: 1 changed')).toBe('Pending: 1 changed');
    // Closing the tab asks too: Cancel keeps the tab and its pending change.
    await press('Alt+w');
    const close = page.getByRole('dialog', { name: 'Close with pending changes?' });
    await close.waitFor();
    await page.locator('tusk-confirm-dialog').getByRole('button', { name: 'Cancel' }).click();
    await close.waitFor({ state: 'hidden' });
    expect(await settled(counts(), 'Pending: 1 changed')).toBe('Pending: 1 changed');
    await editBar().getByRole('button', { name: 'Discard' }).click();
    expect(await settled(counts(), '')).toBe('');
    expect(await settled(cell(0, 1), 'Alpha One')).toBe('Alpha One');
  });

  it('a cell held whole opens its editor at once; keys pressed while a cut one opens are kept: F2, Ctrl+A, two lines (a Backspace in them), Ctrl+Enter twice in a burst set and apply it', async () => {
    const long = 'x'.repeat(70_000); // over 64 KiB: sent cut, its editor asks for the whole value
    await serverRows(`UPDATE ${schema}.items SET note = '${long}' WHERE id = 2`);
    await runAndFocus(`SELECT id, note FROM ${schema}.items ORDER BY id`);
    await editBar().getByRole('button', { name: 'Add row' }).waitFor();
    await press('ArrowRight'); // row 1's note, held whole
    const asked = cellCalls;
    await press('F2');
    await editor().getByRole('textbox').waitFor();
    await press('Escape');
    expect(cellCalls).toBe(asked);
    await press('ArrowDown'); // row 2's note, cut
    // The whole value takes 400 ms to come: every key below is pressed before the editor
    // opens (multi-line for a long value: Enter is a new line, Ctrl+Enter sets it).
    slowCells = 400;
    const stored = async () =>
      (await serverRows(`SELECT note FROM ${schema}.items WHERE id = 2`))[0]?.note as string;
    try {
      await press('F2');
      await press('Control+a');
      await page.keyboard.type('quickk');
      await press('Backspace');
      await press('Enter');
      await page.keyboard.type('line');
      await press('Control+Enter');
      await press('Control+Enter');
      expect(await editor().count()).toBe(0);
      await waitUntil(async () => (await stored()) === 'quick\nline', 5000);
      expect((await stored()).slice(0, 20)).toBe('quick\nline');
    } finally {
      slowCells = 0;
    }
    expect(cellCalls).toBe(asked + 1);
    // No viewer opened; the grid shows the stored value, nothing pending.
    expect(await page.locator('tusk-cell-viewer').getByRole('dialog').count()).toBe(0);
    expect(await settled(cell(1, 1), /^quick/)).toMatch(/^quick/);
    expect(await settled(counts(), '')).toBe('');
    await serverRows(`UPDATE ${schema}.items SET note = '' WHERE id = 2`);
  });

  it('a boolean is a three-way toggle, JSON must parse before it is set (multi-line: Ctrl+Enter)', async () => {
    await runAndFocus(`SELECT id, ok, doc FROM ${schema}.items ORDER BY id`);
    await editBar().waitFor();
    await press('ArrowRight'); // ok of row 1: true
    await press('F2');
    const toggle = editor().getByRole('radiogroup');
    await toggle.waitFor();
    expect(await toggle.getByRole('radio', { checked: true }).innerText()).toBe('true');
    await press('ArrowRight');
    expect(await toggle.getByRole('radio', { checked: true }).innerText()).toBe('false');
    await press('n');
    expect(await toggle.getByRole('radio', { checked: true }).innerText()).toBe('NULL');
    await press('Enter');
    expect(await settled(cell(0, 1), 'NULL')).toBe('NULL');
    // jsonb: the multi-line editor, where Enter is a new line; bad JSON is refused in it.
    await press('ArrowRight');
    await press('F2');
    const area = editor().locator('textarea');
    await area.waitFor();
    await press('Control+a');
    await page.keyboard.type('{"a":');
    await press('Enter');
    await page.keyboard.type('1');
    await press('Control+Enter');
    const refused = editor().locator('[data-test=edit-refused]');
    await refused.waitFor();
    expect(await text(refused)).toMatch(/^Not valid JSON/);
    await page.keyboard.type('}');
    await press('Control+Enter');
    await editor().waitFor({ state: 'detached' });
    expect(await settled(cell(0, 2), '{"a":↵1}')).toBe('{"a":↵1}');
    expect(await settled(counts(), 'Pending: 1 changed')).toBe('Pending: 1 changed');
    await press('Control+z');
    await press('Control+z');
    expect(await settled(counts(), '')).toBe('');
  });

  it('a join, a table without a key and a view say why they are read-only when F2 is pressed', async () => {
    const cases: [string, string][] = [
      [
        `SELECT i.id, i.name, o.id AS other FROM ${schema}.items i JOIN ${schema}.other o ON o.item_id = i.id`,
        readOnlyText('TWO_TABLES'),
      ],
      [`SELECT a, b FROM ${schema}.plain`, readOnlyText('NO_KEY_IN_TABLE')],
      [`SELECT id, name FROM ${schema}.items_v`, readOnlyText('BEHIND_A_VIEW')],
    ];
    for (const [sql, reason] of cases) {
      await runAndFocus(sql);
      await gridEl().locator('[data-test=read-only]').waitFor();
      expect(await text(gridEl().locator('[data-test=read-only]'))).toBe(`Read-only: ${reason}`);
      expect(await editBar().count()).toBe(0);
      await press('F2');
      await barMessage().waitFor();
      expect(await text(barMessage())).toBe(`Read-only: ${reason}`);
      expect(await editor().count()).toBe(0);
      // Typing says it too, and changes nothing.
      const was = await text(cell(0, 1));
      await page.keyboard.type('q');
      expect(await text(cell(0, 1))).toBe(was);
    }
  });

  it('a read-only connection says so on F2', async () => {
    const tabs = page.locator('tusk-tab-strip').getByRole('tab');
    const before = await tabs.count();
    await item(names.ro).dblclick();
    await waitUntil(async () => (await tabs.count()) === before + 1, 10_000);
    await q.editor().waitFor();
    await page.waitForTimeout(300); // the new tab shown
    await runAndFocus(`SELECT id, name FROM ${schema}.items ORDER BY id`);
    const reason = `Read-only: ${readOnlyText('READ_ONLY_CONNECTION')}`;
    await press('F2');
    await barMessage().waitFor();
    expect(await text(barMessage())).toBe(reason);
    expect(await text(gridEl().locator('[data-test=read-only]'))).toBe(reason);
  });
});
