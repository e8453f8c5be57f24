import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { focusedElement, queryPage, showTheme, type QueryPage } from '../support/query-page';
import { docsScreenshots } from '../support/screenshots';
import { createLoginRole, type TestRole } from '../support/secrets';
import { dropDatabase, makeShopDatabase, schemaTreePage } from '../support/schema-tree-page';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/** Awkward values: quotes, commas, newlines, NULL beside the empty string, non-ASCII. */
const AWKWARD_SQL = `
  CREATE TABLE awkward (id int PRIMARY KEY, t text, n numeric, d date);
  INSERT INTO awkward VALUES
    (1, 'plain', 1.5, '2024-01-02'),
    (2, 'a "quoted", comma', NULL, NULL),
    (3, E'two\\nlines', -2, '1999-12-31'),
    (4, '', 0, NULL),
    (5, NULL, 3.25, '2000-02-29'),
    (6, 'Grüße 日本 🐘', 42, '2024-06-30');
  CREATE TABLE people (
    id int PRIMARY KEY, name text NOT NULL, city text, note text DEFAULT 'none');`;

/**
 * Issue 27 in Chromium against the real backend and PostgreSQL: a result exported as CSV
 * by download (the file byte for byte what `COPY … TO STDOUT (FORMAT csv, HEADER)` gives),
 * the export by keyboard alone (Ctrl+Shift+E, TSV), and a small CSV imported through the
 * dialog with a mapping changed by hand (the table then holds what the file said).
 */
describe('export and import dialogs (Chromium, real PostgreSQL)', () => {
  /** README's screenshots: docs/screenshots under `npm run screenshots`, else a temp folder. */
  const shots = docsScreenshots();
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let q: QueryPage;
  let database = '';

  const { tree, node, catalog } = schemaTreePage(
    () => page,
    pg,
    () => database,
  );
  // The dialogs' contents are slotted into wa-dialog: look inside the element itself.
  const exportDialog = () => page.locator('tusk-export-dialog');
  const importDialog = () => page.locator('tusk-import-dialog');
  /** Opens "Import CSV…" of the table `table` from the tree's menu. */
  const openImport = async (table: string) => {
    await node(table).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Import CSV…' }).click();
    await importDialog().getByRole('dialog').waitFor();
  };
  const gridBar = () => q.results().locator('tusk-grid-bar');

  /** A screenshot of a dialog's sheet alone. */
  const dialogShot = async (host: Locator, name: string) => {
    const clip = (await host.locator('dialog').boundingBox())!;
    await page.screenshot({ path: shots.path(name), clip });
  };

  /** What COPY sends for `copy`, in the spec's database, byte for byte. */
  const copyOut = async (copy: string) => {
    const sql = superuserSql(pg, { database });
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await sql.unsafe(copy).readable())
        chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks);
    } finally {
      await sql.end();
    }
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_transfer');
    database = `tusk_transfer_${role.suffix}`;
    await makeShopDatabase(pg, database, role.role, AWKWARD_SQL);
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 760 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    const name = `Transfer ${role.suffix}`;
    await socket.request('connections.save', role.saveParams(name, { database }));
    await page.goto(session.backend.url);
    q = queryPage(page);
    await tree()
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .dblclick();
    await q.editor().waitFor();
    await node('people').waitFor();
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await dropDatabase(pg, database);
    await role?.drop();
  });

  it('exports a result as CSV by download: the file is what COPY … (FORMAT csv, HEADER) gives', async () => {
    await q.typeSql('SELECT * FROM awkward ORDER BY id');
    await q.runWith();
    await gridBar().getByRole('button', { name: 'Copy as' }).click();
    await gridBar().getByRole('menuitem', { name: 'Export the whole result…' }).click();
    await exportDialog().getByRole('dialog').waitFor();
    expect(await exportDialog().getByLabel('Format').inputValue()).toBe('csv');
    expect(await exportDialog().locator('[data-test=file-name]').innerText()).toMatch(/\.csv$/);
    await page.waitForTimeout(300); // the dialog's show animation
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await dialogShot(exportDialog(), `export-dialog-${mode}.png`);
    }
    await showTheme(page, 'light');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exportDialog().getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const file = await readFile((await download.path())!);
    const expected = await copyOut(
      'COPY (SELECT * FROM awkward ORDER BY id) TO STDOUT (FORMAT csv, HEADER)',
    );
    expect(file.toString('utf8')).toBe(expected.toString('utf8'));
    expect(file.equals(expected)).toBe(true);
    // The dialog and the status bar say what was done.
    const status = exportDialog().locator('[data-test=transfer-status]');
    await status.getByText(/^Exported 6 rows as /).waitFor();
    await page
      .locator('tusk-status-bar')
      .locator('[data-test=transfer]')
      .getByText(/^Exported 6 rows as /)
      .waitFor();
    await exportDialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await exportDialog().waitFor({ state: 'detached' });
  });

  it('is reachable by keyboard: Ctrl+Shift+E exports the statement at the cursor, as TSV', async () => {
    await q.typeSql('SELECT id, t FROM awkward WHERE id < 5 ORDER BY id');
    await page.keyboard.press('Control+Shift+E');
    await exportDialog().getByRole('dialog').waitFor();
    expect(await focusedElement(page)).toMatchObject({ tag: 'select' });
    await page.keyboard.press('ArrowDown'); // CSV → TSV
    await exportDialog()
      .locator('[data-test=file-name]')
      .getByText(/\.tsv$/)
      .waitFor();
    let focused = await focusedElement(page);
    for (let i = 0; i < 20 && !/^Export$/.test(focused.text.trim()); i++) {
      await page.keyboard.press('Tab');
      focused = await focusedElement(page);
    }
    expect(focused.text.trim()).toBe('Export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    const file = await readFile((await download.path())!);
    const expected = await copyOut(
      `COPY (SELECT id, t FROM awkward WHERE id < 5 ORDER BY id) TO STDOUT (FORMAT csv, HEADER, DELIMITER E'\\t')`,
    );
    expect(file.toString('utf8')).toBe(expected.toString('utf8'));
    await page.keyboard.press('Escape');
    await exportDialog().waitFor({ state: 'detached' });
  });

  it('imports a small CSV through the dialog with a mapping changed by hand', async () => {
    await openImport('people');
    // Fields in another order than the columns, one named otherwise (town for city).
    const csv = 'name,id,town\nAda,1,London\n"Grace ""Amazing""",2,\nLinus,3,"Hel,sinki"\n';
    await importDialog()
      .locator('input[type=file]')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = importDialog().getByRole('region', { name: 'Preview' });
    await preview.getByRole('cell', { name: 'Hel,sinki' }).waitFor();
    expect(await preview.getByRole('columnheader').allInnerTexts()).toEqual(['name', 'id', 'town']);
    expect(await preview.getByRole('cell', { name: 'Grace "Amazing"' }).count()).toBe(1);
    // By the header's names: id and name found; city takes its default until chosen.
    const field = (column: string) => importDialog().getByLabel(`Field for ${column}`);
    expect(await field('id').inputValue()).toBe('1');
    expect(await field('name').inputValue()).toBe('0');
    expect(await field('city').inputValue()).toBe('');
    await field('city').selectOption({ label: '3: town' });
    await page.waitForTimeout(300); // the dialog's show animation
    for (const mode of ['light', 'dark'] as const) {
      await showTheme(page, mode);
      await dialogShot(importDialog(), `import-dialog-${mode}.png`);
    }
    await showTheme(page, 'light');
    await importDialog().getByRole('button', { name: 'Import', exact: true }).click();
    await importDialog()
      .locator('[data-test=transfer-status]')
      .getByText('Imported 3 rows into public.people')
      .waitFor();
    const rows = await catalog<Record<string, unknown>>(
      'SELECT id, name, city, note FROM people ORDER BY id',
    );
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { id: 1, name: 'Ada', city: 'London', note: 'none' },
      { id: 2, name: 'Grace "Amazing"', city: null, note: 'none' },
      { id: 3, name: 'Linus', city: 'Hel,sinki', note: 'none' },
    ]);
    await page.keyboard.press('Escape');
    await importDialog().waitFor({ state: 'detached' });
  });

  it('a bad line says its line and column and inserts nothing', async () => {
    await openImport('people');
    const csv = 'id,name\n10,Ok\n11,Fine\neleven,Bad\n13,Never\n';
    await importDialog()
      .locator('input[type=file]')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await importDialog().getByRole('region', { name: 'Preview' }).getByText('eleven').waitFor();
    await importDialog().getByRole('button', { name: 'Import', exact: true }).click();
    const status = importDialog().locator('[data-test=transfer-status]');
    await status.getByText(/^Import failed: Line 4: .*integer/).waitFor();
    expect(await status.innerText()).toMatch(/column id/);
    const [{ n }] = await catalog<{ n: number }>(
      'SELECT count(*)::int AS n FROM people WHERE id >= 10',
    );
    expect(n).toBe(0);
    await page.keyboard.press('Escape');
    await importDialog().waitFor({ state: 'detached' });
  });
});
