import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../db/migrations';
import type { Notice } from '../../../app/models/logging/notices';
import {
  DATABASE_FILE,
  openLocalDatabase,
  type LocalDatabase,
} from '../../../app/models/storage/local-database';
import { WorkspaceRepository } from '../../../app/models/storage/workspace-repository';
import { tempDir } from '../../support/backend';

const NAMES = Object.keys(MIGRATIONS);
const BEFORE_TABS = Object.fromEntries(
  NAMES.filter((n) => n < '2026-11-30-01-workspace-tabs').map((n) => [n, MIGRATIONS[n]!]),
);
const BEFORE_KINDS = Object.fromEntries(
  NAMES.filter((n) => n < '2026-12-01-01-workspace-tab-kind').map((n) => [n, MIGRATIONS[n]!]),
);

/** A fresh workspace's layout. */
const FRESH_LAYOUT = {
  sidebarWidth: 260,
  sidebarHidden: false,
  resultsHeight: 320,
  resultsShare: null,
  panels: {},
  explain: {},
};

describe('the workspace store: one tab at a time, each read on its own', () => {
  let dir: string;
  let local: LocalDatabase;
  let notices: Omit<Notice, 'id'>[];
  let workspace: WorkspaceRepository;

  const open = async () => {
    local = await openLocalDatabase({ dataDir: dir });
    notices = [];
    workspace = new WorkspaceRepository(local.db, { report: (n) => notices.push(n) });
  };
  /** Runs `statement` on tusk.db directly, as another program (or an older Tusk) would. */
  const raw = async (statement: string, ...params: unknown[]) => {
    await local.close();
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare(statement).run(...params);
    db.close();
    await open();
  };

  beforeEach(async () => {
    dir = tempDir('tusk-workspace-');
    await open();
  });
  afterEach(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh workspace is empty with the default layout', async () => {
    expect(await workspace.get()).toEqual({
      tabs: [],
      activeTabId: null,
      layout: FRESH_LAYOUT,
    });
  });

  it('saveTab adds tabs at the end; a change keeps the fields it does not name; all survive a restart', async () => {
    const first = await workspace.saveTab({ id: 'a', title: 'Orders', sql: 'SELECT 1' });
    expect(first).toEqual({
      id: 'a',
      kind: 'query',
      position: 0,
      title: 'Orders',
      sql: 'SELECT 1',
      connectionId: null,
      resultsHeight: null,
      cursor: 0,
      savedQueryId: null,
      dirty: false,
      extra: {},
      updatedAt: expect.any(String),
    });
    await workspace.saveTab({ id: 'b', title: 'Draft' });
    await workspace.saveTab({
      id: 'a',
      sql: 'SELECT 1;\nSELECT 2;',
      cursor: 9,
      dirty: true,
      resultsHeight: 200,
      savedQueryId: 'q1',
      connectionId: 'c1',
      extra: { scrollTop: 40, wrap: true, view: 'grid', none: null },
    });
    await workspace.setActive('b');
    await local.close();
    await open();
    const read = await workspace.get();
    expect(read.tabs.map((t) => [t.id, t.position, t.title])).toEqual([
      ['a', 0, 'Orders'],
      ['b', 1, 'Draft'],
    ]);
    expect(read.tabs[0]).toMatchObject({
      sql: 'SELECT 1;\nSELECT 2;',
      cursor: 9,
      dirty: true,
      resultsHeight: 200,
      savedQueryId: 'q1',
      connectionId: 'c1',
      extra: { scrollTop: 40, wrap: true, view: 'grid', none: null },
    });
    expect(read.activeTabId).toBe('b');
    expect(notices).toEqual([]);
  });

  it('order puts the named tabs first, the others after in their order; bad orders move nothing', async () => {
    for (const id of ['a', 'b', 'c', 'd']) await workspace.saveTab({ id, title: id });
    expect(await workspace.order(['c', 'a'])).toEqual({ ids: ['c', 'a', 'b', 'd'] });
    expect((await workspace.get()).tabs.map((t) => `${t.id}${t.position}`)).toEqual([
      'c0',
      'a1',
      'b2',
      'd3',
    ]);
    await expect(workspace.order(['a', 'zz'])).rejects.toMatchObject({
      kind: 'validation',
      message: 'No saved tab has the id zz: nothing was moved',
    });
    await expect(workspace.order(['a', 'a'])).rejects.toMatchObject({ kind: 'validation' });
    expect((await workspace.get()).tabs.map((t) => t.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('deleteTab closes ranks and clears the active tab; a tab never saved is no error', async () => {
    for (const id of ['a', 'b', 'c']) await workspace.saveTab({ id });
    await workspace.setActive('b');
    expect(await workspace.deleteTab('b')).toEqual({ deleted: true });
    expect(await workspace.deleteTab('b')).toEqual({ deleted: false });
    const read = await workspace.get();
    expect(read.tabs.map((t) => `${t.id}${t.position}`)).toEqual(['a0', 'c1']);
    expect(read.activeTabId).toBeNull();
    expect((await workspace.saveTab({ id: 'e' })).position).toBe(2);
  });

  it('setActive needs a saved tab; null clears it', async () => {
    await expect(workspace.setActive('nope')).rejects.toMatchObject({
      kind: 'validation',
      message: 'No saved tab has the id nope',
    });
    await workspace.saveTab({ id: 'a' });
    expect(await workspace.setActive('a')).toEqual({ activeTabId: 'a' });
    expect(await workspace.setActive(null)).toEqual({ activeTabId: null });
    expect((await workspace.get()).activeTabId).toBeNull();
  });

  it('saveLayout changes the fields given and keeps the rest; a bad one stores nothing', async () => {
    await workspace.saveLayout({ sidebarWidth: 300, panels: { schema: 0.4 } });
    expect(await workspace.saveLayout({ sidebarHidden: true })).toEqual({
      ...FRESH_LAYOUT,
      sidebarWidth: 300,
      sidebarHidden: true,
      panels: { schema: 0.4 },
    });
    const bad = workspace.saveLayout({ sidebarWidth: -1, resultsHeight: 100, colour: 'red' });
    await expect(bad).rejects.toMatchObject({
      kind: 'validation',
      message: 'Invalid layout: nothing was saved',
      detail: expect.stringMatching(/colour[\s\S]*sidebarWidth|sidebarWidth[\s\S]*colour/),
    });
    expect((await workspace.get()).layout).toMatchObject({ sidebarWidth: 300, resultsHeight: 320 });
  });

  it('limits: 100 tabs (a change to one of them still saves), SQL up to a million characters', async () => {
    for (let i = 0; i < 100; i++) await workspace.saveTab({ id: `t${i}` });
    await expect(workspace.saveTab({ id: 'one-more' })).rejects.toMatchObject({
      kind: 'validation',
      code: 'TOO_MANY_TABS',
      message: 'At most 100 tabs can be kept open',
      hint: 'Close a tab before opening another.',
    });
    await workspace.saveTab({ id: 't99', title: 'still fine' });
    await workspace.saveTab({ id: 't0', sql: 'x'.repeat(1_000_000) });
    await expect(workspace.saveTab({ id: 't1', sql: 'x'.repeat(1_000_001) })).rejects.toMatchObject(
      {
        kind: 'validation',
        message: 'Invalid tab: nothing was saved',
        detail: expect.stringContaining('is longer than 1000000 characters'),
      },
    );
    const read = await workspace.get();
    expect(read.tabs).toHaveLength(100);
    expect(read.tabs[0]!.sql).toHaveLength(1_000_000);
    expect(read.tabs[1]!.sql).toBe('');
    expect(read.tabs[99]!.title).toBe('still fine');
  });

  it('one bad stored tab is skipped with one notice; the others are read; it stays stored', async () => {
    for (const id of ['a', 'b', 'c', 'd']) await workspace.saveTab({ id, title: `Tab ${id}` });
    await workspace.saveTab({ id: 'b', sql: 'SELECT important' });
    await workspace.setActive('b');
    await raw(`UPDATE workspace_tabs SET extra_json = '{"broken' WHERE id = 'b'`);
    await raw(`UPDATE workspace_tabs SET cursor = -5 WHERE id = 'c'`);

    const read = await workspace.get();
    expect(read.tabs.map((t) => t.id)).toEqual(['a', 'd']);
    expect(read.activeTabId).toBeNull();
    expect(notices).toEqual([
      {
        level: 'warning',
        message: 'A tab could not be restored: "Tab b"',
        detail: expect.stringContaining('its view state (extra_json) is not valid JSON'),
      },
      {
        level: 'warning',
        message: 'A tab could not be restored: "Tab c"',
        detail: expect.stringMatching(/cursor[\s\S]*The other tabs are restored/),
      },
    ]);
    await workspace.get();
    expect(notices).toHaveLength(2); // once per run

    // Saving that tab mends it and keeps what was still good in it.
    await workspace.saveTab({ id: 'c', cursor: 0 });
    await workspace.saveTab({ id: 'b', title: 'Tab b again' });
    const mended = await workspace.get();
    expect(mended.tabs.map((t) => t.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(mended.tabs[1]).toMatchObject({ sql: 'SELECT important', extra: {} });
  });

  it('a stored tab left over from an older rule (too long a title) is kept, not lost', async () => {
    await workspace.saveTab({ id: 'a', title: 'fine' });
    await raw(
      `INSERT INTO workspace_tabs (id, position, title, sql, updated_at) VALUES ('long', 1, ?, 'SELECT 2', 'x')`,
      'T'.repeat(500),
    );
    expect((await workspace.get()).tabs.map((t) => t.id)).toEqual(['a']);
    expect(notices[0]!.detail).toContain('title');
    await local.close();
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(db.prepare(`SELECT sql FROM workspace_tabs WHERE id = 'long'`).pluck().get()).toBe(
      'SELECT 2',
    );
    db.close();
    await open();
  });

  it('a damaged layout keeps its good fields and says so once', async () => {
    await workspace.saveLayout({ sidebarWidth: 333, resultsHeight: 111 });
    await raw(
      `UPDATE ui_state SET value = '{"sidebarWidth":333,"resultsHeight":"tall"}' WHERE key = 'workspace.layout'`,
    );
    expect((await workspace.get()).layout).toEqual({ ...FRESH_LAYOUT, sidebarWidth: 333 });
    await workspace.get();
    expect(notices).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: 'Part of the saved layout could not be restored; the default is used there',
        detail: expect.stringContaining('resultsHeight'),
      }),
    ]);
    await raw(`UPDATE ui_state SET value = 'not json' WHERE key = 'workspace.layout'`);
    expect((await workspace.get()).layout.sidebarWidth).toBe(260);
    expect(notices[0]!.detail).toBe('it is not valid JSON');
  });

  it('save replaces the whole workspace (the first protocol), checked whole', async () => {
    await workspace.saveTab({ id: 'old' });
    const saved = await workspace.save({
      tabs: [
        { id: 'x', title: 'X', sql: 'SELECT 1', connectionId: null },
        { id: 'y', title: 'Y', sql: '', connectionId: 'c' },
      ],
      activeTabId: 'y',
      layout: { sidebarWidth: 200, resultsHeight: 100 },
    });
    expect(saved.tabs.map((t) => t.id)).toEqual(['x', 'y']);
    expect(saved.activeTabId).toBe('y');
    expect(saved.layout).toEqual({ ...FRESH_LAYOUT, sidebarWidth: 200, resultsHeight: 100 });
    await expect(
      workspace.save({ tabs: [{ id: 'x' }, { id: 'x' }], activeTabId: 'z' }),
    ).rejects.toMatchObject({
      kind: 'validation',
      detail: expect.stringMatching(/two tabs with one id[\s\S]*activeTabId/),
    });
    expect((await workspace.get()).tabs.map((t) => t.id)).toEqual(['x', 'y']);
  });

  it('the migration moves a workspace saved whole into one row per tab', async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
    dir = tempDir('tusk-workspace-old-');
    const old = await openLocalDatabase({ dataDir: dir, migrations: BEFORE_TABS });
    await old.db
      .insertInto('ui_state')
      .values({
        key: 'workspace',
        updated_at: '2026-11-24T10:00:00.000Z',
        value: JSON.stringify({
          tabs: [
            { id: 't1', title: 'Orders', sql: 'SELECT * FROM orders', connectionId: 'c1' },
            { id: 't2', title: 'Draft', sql: '-- typing…', connectionId: null },
          ],
          activeTabId: 't2',
          layout: { sidebarWidth: 300, resultsHeight: 200 },
        }),
      })
      .execute();
    await old.close();

    await open();
    expect(local.health.migrations).toEqual(NAMES);
    expect(await workspace.get()).toEqual({
      tabs: [
        expect.objectContaining({
          id: 't1',
          position: 0,
          title: 'Orders',
          sql: 'SELECT * FROM orders',
          connectionId: 'c1',
          cursor: 0,
          dirty: false,
          updatedAt: '2026-11-24T10:00:00.000Z',
        }),
        expect.objectContaining({ id: 't2', position: 1, title: 'Draft', sql: '-- typing…' }),
      ],
      activeTabId: 't2',
      layout: { ...FRESH_LAYOUT, sidebarWidth: 300, resultsHeight: 200 },
    });
    const keys = await local.db.selectFrom('ui_state').select('key').orderBy('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['workspace.active', 'workspace.layout']);
    expect(notices).toEqual([]);
  });

  it('the migration leaves an old value that is not JSON where it was', async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
    dir = tempDir('tusk-workspace-old-');
    const old = await openLocalDatabase({ dataDir: dir, migrations: BEFORE_TABS });
    await old.db
      .insertInto('ui_state')
      .values({ key: 'workspace', updated_at: 'x', value: '{"tabs": [' })
      .execute();
    await old.close();

    await open();
    expect(local.health.migrations).toEqual(NAMES);
    expect((await workspace.get()).tabs).toEqual([]);
    const kept = await local.db
      .selectFrom('ui_state')
      .select('value')
      .where('key', '=', 'workspace')
      .executeTakeFirst();
    expect(kept?.value).toBe('{"tabs": [');
  });

  it('tab kinds: a tab stored before kinds existed reads as a query tab; an object tab keeps its kind; an unknown kind is skipped quietly and stays stored', async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
    dir = tempDir('tusk-workspace-kinds-');
    const old = await openLocalDatabase({ dataDir: dir, migrations: BEFORE_KINDS });
    await old.db
      .insertInto('workspace_tabs')
      .values({ id: 'old', position: 0, title: 'Old', sql: 'SELECT 1', updated_at: 'x' })
      .execute();
    await old.close();

    await open();
    expect(local.health.migrations).toEqual(NAMES);
    await workspace.saveTab({
      id: 'obj',
      kind: 'object',
      title: 'orders',
      extra: { oid: 16384, kind: 'table', schema: 'public', name: 'orders' },
    });
    await workspace.saveTab({ id: 'later', title: 'Later' });
    await workspace.setActive('later');
    await raw(`UPDATE workspace_tabs SET kind = 'dashboard' WHERE id = 'later'`);
    const read = await workspace.get();
    expect(read.tabs.map((t) => [t.id, t.kind, t.sql])).toEqual([
      ['old', 'query', 'SELECT 1'],
      ['obj', 'object', ''],
    ]);
    expect(read.tabs[1]!.extra).toEqual({
      oid: 16384,
      kind: 'table',
      schema: 'public',
      name: 'orders',
    });
    expect(read.activeTabId).toBeNull();
    expect(notices).toEqual([]);
    const kept = await local.db
      .selectFrom('workspace_tabs')
      .select(['id', 'kind'])
      .where('id', '=', 'later')
      .executeTakeFirst();
    expect(kept).toEqual({ id: 'later', kind: 'dashboard' });
    await expect(workspace.saveTab({ id: 'x', kind: 'dashboard' })).rejects.toMatchObject({
      kind: 'validation',
    });
  });
});
