import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';

import { filesUnder } from '../support/secrets';
import { waitUntil } from '../support/wait';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

describe('workspace.* through the socket', () => {
  let dataDir: string;
  let backend: TestBackend;
  let socket: TestSocket;

  const start = async () => {
    backend = await startTestBackend({ dataDir });
    socket = await openSocket(socketUrl(backend.port, backend.token));
  };
  const stop = async () => {
    socket.close();
    await backend.stop();
  };
  const refused = async (method: string, params: unknown) => {
    const reply = await socket.request(method, params);
    expect(reply['result']).toBeUndefined();
    return reply['error'] as { kind: string; message: string; detail?: string; code?: string };
  };

  beforeEach(async () => {
    dataDir = tempDir('tusk-workspace-ctl-');
    await start();
  });
  afterEach(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a view saves tab by tab, orders, activates, lays out; a restarted backend gives it all back', async () => {
    await socket.call('workspace.saveTab', {
      tab: { id: 'a', title: 'Orders', sql: 'SELECT 1' },
    });
    await socket.call('workspace.saveTab', { tab: { id: 'b', title: 'Customers' } });
    await socket.call('workspace.saveTab', { tab: { id: 'c', title: 'Scratch' } });
    // A keystroke: only the text and the cursor travel.
    const typed = await socket.call('workspace.saveTab', {
      tab: { id: 'a', sql: 'SELECT 12', cursor: 9, dirty: true },
    });
    expect(typed).toMatchObject({ id: 'a', title: 'Orders', sql: 'SELECT 12', position: 0 });
    expect(await socket.call('workspace.order', { ids: ['c', 'a', 'b'] })).toEqual({
      ids: ['c', 'a', 'b'],
    });
    expect(await socket.call('workspace.setActive', { tabId: 'a' })).toEqual({
      activeTabId: 'a',
    });
    expect(
      await socket.call('workspace.saveLayout', {
        layout: { sidebarWidth: 320, sidebarHidden: true, panels: { history: 180 } },
      }),
    ).toEqual({
      sidebarWidth: 320,
      sidebarHidden: true,
      resultsHeight: 320,
      resultsShare: null,
      panels: { history: 180 },
      explain: {},
    });
    expect(await socket.call('workspace.deleteTab', { id: 'b' })).toEqual({ deleted: true });
    const before = await socket.call('workspace.get', {});
    await stop();
    await start();
    const after = await socket.call('workspace.get', {});
    expect(after).toEqual(before);
    expect(after).toEqual({
      tabs: [
        expect.objectContaining({ id: 'c', position: 0, title: 'Scratch', sql: '' }),
        expect.objectContaining({ id: 'a', position: 1, sql: 'SELECT 12', cursor: 9, dirty: true }),
      ],
      activeTabId: 'a',
      layout: {
        sidebarWidth: 320,
        sidebarHidden: true,
        resultsHeight: 320,
        resultsShare: null,
        panels: { history: 180 },
        explain: {},
      },
    });
  });

  it('bad params are validation errors naming the field; nothing is stored', async () => {
    expect(await refused('workspace.saveTab', { tab: { id: '' } })).toMatchObject({
      kind: 'validation',
      message: 'Invalid parameters for workspace.saveTab',
      detail: expect.stringContaining('tab.id'),
    });
    expect(
      (await refused('workspace.saveTab', { tab: { id: 'a', cursor: -1, pinned: true } })).detail,
    ).toMatch(/pinned[\s\S]*cursor|cursor[\s\S]*pinned/);
    expect(
      (await refused('workspace.saveTab', { tab: { id: 'a', sql: 'x'.repeat(1_000_001) } })).detail,
    ).toContain('is longer than 1000000 characters');
    expect(await refused('workspace.setActive', { tabId: 'ghost' })).toMatchObject({
      kind: 'validation',
      message: 'No saved tab has the id ghost',
    });
    expect(
      (await refused('workspace.saveLayout', { layout: { sidebarWidth: 99999 } })).detail,
    ).toContain('sidebarWidth');
    expect(
      (await refused('workspace.order', { ids: Array.from({ length: 101 }, (_, i) => `t${i}`) }))
        .kind,
    ).toBe('validation');
    expect(await socket.call('workspace.get', {})).toMatchObject({
      tabs: [],
      activeTabId: null,
      layout: { sidebarWidth: 260 },
    });
  });

  it('a stored tab that no longer reads is skipped with a pushed notice; the others open', async () => {
    for (const id of ['one', 'two', 'three'])
      await socket.call('workspace.saveTab', { tab: { id, title: `Tab ${id}`, sql: id } });
    await stop();
    const db = new Database(join(dataDir, 'tusk.db'));
    db.prepare(`UPDATE workspace_tabs SET dirty = 7 WHERE id = 'two'`).run();
    db.close();
    await start();

    const workspace = await socket.call('workspace.get', {});
    expect(workspace.tabs.map((t: { sql: string }) => t.sql)).toEqual(['one', 'three']);
    const pushed = (await socket.event('app.notice')) as { message: string; detail: string };
    expect(pushed).toMatchObject({
      level: 'warning',
      message: 'A tab could not be restored: "Tab two"',
      detail: expect.stringContaining('dirty'),
    });
    const listed = (await socket.call('app.notices', {})) as { id: string }[];
    expect(listed).toContainEqual(pushed);
  });
});

describe("a tab's SQL in the trace log", () => {
  it('has its password literals redacted, as queries.execute does', async () => {
    const dataDir = tempDir('tusk-workspace-trace-');
    const backend = await startTestBackend({ dataDir });
    const socket = await openSocket(socketUrl(backend.port, backend.token));
    try {
      await socket.call('preferences.set', { values: { logLevel: 'trace' } });
      const sql = "ALTER ROLE app PASSWORD 'tab-secret-77'";
      await socket.call('workspace.saveTab', { tab: { id: 'pw', sql } });
      await socket.call('workspace.save', {
        workspace: { tabs: [{ id: 'pw', sql }], activeTabId: null },
      });
      await socket.call('preferences.set', { values: { logLevel: 'info' } });
      const logs = () =>
        filesUnder(join(dataDir, 'logs'))
          .map((f) => readFileSync(f, 'utf8'))
          .join('');
      await waitUntil(() => /← workspace\.save [^\n]*\[redacted\]/.test(logs()));
      expect(logs()).toMatch(/← workspace\.saveTab [^\n]*PASSWORD '\[redacted\]'/);
      expect(logs()).not.toContain('tab-secret-77');
    } finally {
      socket.close();
      await backend.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
