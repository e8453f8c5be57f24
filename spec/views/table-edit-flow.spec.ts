import type { Locator, Page } from 'playwright-core';
import { startShellSession, type ShellSession } from '../support/browser';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { dropDatabase, makeShopDatabase, schemaTreePage } from '../support/schema-tree-page';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

/** A table of 30 rows: ids 1…30 (serial), names n1…n30, notes 'note 1'…, qty = id × 10. */
const STOCK_SQL = `CREATE TABLE stock (id serial PRIMARY KEY, name text NOT NULL, note text, qty int);
  INSERT INTO stock (name, note, qty) SELECT 'n' || i, 'note ' || i, i * 10 FROM generate_series(1, 30) i`;

/**
 * Issue 26's whole flow as a user drives it in Chromium: a table opened from the tree,
 * filtered and ordered by the server, three cells edited (one to NULL, one to the empty
 * string), a row added and one deleted, applied with Ctrl+Enter — the server then holds
 * exactly the expected rows (asked of PostgreSQL here) and the grid shows what it stored.
 * On a connection marked production the apply asks first; No applies nothing.
 */
describe('a table’s rows edited from its data view (Chromium, real PostgreSQL)', () => {
  const pg = sharedPgServer();
  let session: ShellSession;
  let page: Page;
  let role: TestRole;
  let socket: TestSocket;
  let database = '';
  const names = { plain: '', prod: '' };

  const { tree, node, catalog } = schemaTreePage(
    () => page,
    pg,
    () => database,
  );
  const objectTab = () => page.locator('tusk-object-tab:not([hidden])');
  const data = () => objectTab().locator('tusk-table-data');
  const gridEl = () => data().locator('tusk-result-grid');
  const grid = () => gridEl().getByRole('grid');
  const cell = (r: number, c: number) =>
    grid().locator(
      `[role=row][aria-rowindex="${r + 2}"] [role=gridcell][aria-colindex="${c + 2}"]`,
    );
  const editBar = () => gridEl().locator('tusk-edit-bar');
  const editor = () => gridEl().locator('tusk-cell-editor');
  const status = () => data().locator('[data-test=data-status]');
  const press = (key: string) => page.keyboard.press(key);
  const stock = () =>
    catalog<{ id: number; name: string; note: string | null; qty: number | null }>(
      'SELECT id, name, note, qty FROM public.stock ORDER BY id',
    );
  /** The cell's text once it is `want`, or what it is after 5 s. */
  const settled = async (l: Locator, want: string) => {
    await waitUntil(async () => (await l.innerText().catch(() => '')).trim() === want, 5000).catch(
      () => undefined,
    );
    return (await l.innerText()).trim();
  };
  /** Applies the WHERE and ORDER BY typed and waits for the run's `rows` rows. */
  const applyBoxes = async (where: string, order: string, rows: number) => {
    const before = (await status().getAttribute('data-query')) ?? '';
    await data().getByRole('textbox', { name: 'WHERE', exact: true }).fill(where);
    const orderBox = data().getByRole('textbox', { name: 'ORDER BY', exact: true });
    await orderBox.fill(order);
    await orderBox.press('Enter');
    await waitUntil(async () => {
      const query = (await status().getAttribute('data-query')) ?? '';
      return query !== '' && query !== before;
    }, 10_000);
    await data()
      .locator('tusk-results-panel')
      .getByRole('tab', { name: new RegExp(`^SELECT\\s+${rows} rows?`) })
      .waitFor();
  };
  /** Opens `table`'s data view from the tree of connection `name`. */
  const openFromTree = async (name: string) => {
    await tree()
      .getByRole('treeitem', { name: new RegExp(`^${name}, `) })
      .dblclick();
    // The connection opened last is listed last ("Flow …" before "Flow prod …").
    await node('stock').last().waitFor();
    await waitUntil(async () => (await node('stock').count()) === (name === names.prod ? 2 : 1));
    await node('stock').last().click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Open the first rows/ }).click();
    await editBar().getByRole('button', { name: 'Add row' }).waitFor();
  };

  beforeAll(async () => {
    role = await createLoginRole(pg, 'tusk_flow');
    database = `tusk_flow_${role.suffix}`;
    await makeShopDatabase(pg, database, role.role, STOCK_SQL);
    session = await startShellSession();
    page = session.page;
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 760 });
    socket = await openSocket(socketUrl(session.backend.port, session.backend.token));
    names.plain = `Flow ${role.suffix}`;
    names.prod = `Flow prod ${role.suffix}`;
    await socket.call('connections.save', role.saveParams(names.plain, { database }));
    await socket.call(
      'connections.save',
      role.saveParams(names.prod, { database, production: true, color: 'red' }),
    );
    await page.goto(session.backend.url);
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await session?.close();
    await dropDatabase(pg, database);
    await role?.drop();
  });

  it('open from the tree, WHERE id > 10 ORDER BY id DESC, edit three cells, add and delete a row, apply: the server holds exactly that', async () => {
    await openFromTree(names.plain);
    await applyBoxes('id > 10', 'id DESC', 20);
    // Row 0 is id 30, row 1 id 29, row 2 id 28 (the server's order).
    expect(await settled(cell(0, 0), '30')).toBe('30');
    await cell(0, 1).click();
    await press('F2');
    await editor().getByRole('textbox').waitFor();
    await press('Control+a');
    await page.keyboard.type('renamed');
    await press('Enter');
    await press('ArrowRight'); // note of id 30
    await press('Control+0'); // NULL
    await press('ArrowDown'); // note of id 29
    await page.keyboard.type('x');
    await press('Backspace');
    await press('Enter'); // the empty string
    await press('ArrowDown'); // note of id 28: its row deleted
    await press('Delete');
    await editBar().getByRole('button', { name: 'Add row' }).click();
    await press('Home');
    await press('ArrowRight'); // name of the new row (id left to the serial)
    await page.keyboard.type('added');
    await press('Tab');
    await page.keyboard.type('7'); // its note, as text
    await press('Tab');
    await page.keyboard.type('70'); // its qty
    await press('Enter');
    await editBar()
      .locator('[data-test=edit-counts]')
      .getByText('Pending: 2 changed · 1 new · 1 deleted')
      .waitFor();

    await grid().focus();
    await press('Control+Enter');
    await editBar()
      .getByText(/^Applied and committed 4 changes$/)
      .waitFor();
    const expected = Array.from({ length: 30 }, (_, i) => i + 1)
      .filter((id) => id !== 28)
      .map((id) => ({
        id,
        name: id === 30 ? 'renamed' : `n${id}`,
        note: id === 30 ? null : id === 29 ? '' : `note ${id}`,
        qty: id * 10,
      }));
    expected.push({ id: 31, name: 'added', note: '7', qty: 70 });
    expect(await stock()).toEqual(expected);
    // The grid shows what the server stored: the new row with the id the serial gave it.
    expect(await settled(cell(0, 1), 'renamed')).toBe('renamed');
    expect(await cell(0, 2).getAttribute('class')).toMatch(/\bnull\b/);
    expect(await settled(cell(1, 2), '')).toBe('');
    const added = grid().getByRole('row').filter({ hasText: 'added' });
    expect((await added.getByRole('gridcell').allInnerTexts()).map((t) => t.trim())).toEqual([
      '31',
      'added',
      '7',
      '70',
    ]);
  });

  it('on a production connection, Apply asks first: Cancel applies nothing, Apply applies', async () => {
    await openFromTree(names.prod);
    await applyBoxes('id = 1', '', 1);
    await cell(0, 1).click();
    await press('F2');
    await editor().getByRole('textbox').waitFor();
    await press('Control+a');
    await page.keyboard.type('prod edit');
    await press('Enter');
    await grid().focus();
    await press('Control+Enter');
    const ask = page.locator('tusk-confirm-dialog');
    await ask.getByText(/Write to production/).waitFor();
    expect(await ask.locator('p').innerText()).toMatch(/1 pending change would be applied/);
    await press('Enter'); // Cancel is focused first
    await ask.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'hidden' });
    expect((await stock())[0]!.name).toBe('n1');
    await grid().focus();
    await press('Control+Enter');
    await ask.getByRole('button', { name: 'Apply' }).click();
    await editBar()
      .getByText(/^Applied and committed 1 change$/)
      .waitFor();
    expect((await stock())[0]!.name).toBe('prod edit');
  });
});
