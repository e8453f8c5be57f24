import { startTestBackend, type TestBackend } from '../support/backend';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/** A push as it came, with `own` (which `TestSocket.events` leaves out). */
interface Push {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
  own?: true;
}

/** Every push a socket receives from now on. */
function pushes(socket: TestSocket): Push[] {
  const seen: Push[] = [];
  socket.ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Push & { id?: unknown };
    if (typeof message.event === 'string') seen.push(message);
  });
  return seen;
}

/** Waits (5 s at most) for a push named `event` that `match` accepts; resolves with it. */
async function heard(seen: Push[], event: string, match: (p: Push) => boolean = () => true) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = seen.find((p) => p.event === event && match(p));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no "${event}" push within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Changes of connections, preferences and the workspace reach every open page: two
 * sockets on one backend, a change made through one is pushed to the other (and to the
 * first, marked `own`).
 */
describe('change events through the socket: one page changes, every page hears it', () => {
  const pg = sharedPgServer();
  let backend: TestBackend;
  let user: TestRole;
  let one: TestSocket;
  let other: TestSocket;
  let fromOne: Push[];
  let fromOther: Push[];

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_events');
    backend = await startTestBackend();
    one = await openSocket(socketUrl(backend.port, backend.token));
    other = await openSocket(socketUrl(backend.port, backend.token));
    fromOne = pushes(one);
    fromOther = pushes(other);
  }, 60_000);
  beforeEach(() => {
    fromOne.length = 0;
    fromOther.length = 0;
  });
  afterAll(async () => {
    one?.close();
    other?.close();
    await backend?.stop();
    await user?.drop();
  });

  it('a preference set by one page: both hear all the preferences, the setter marked own', async () => {
    const saved = await one.call('preferences.set', { values: { editorFontSize: 17 } });
    const there = await heard(fromOther, 'preferences.changed');
    expect(there.payload).toEqual(saved);
    expect(there.payload.editorFontSize).toBe(17);
    expect(there.own).toBeUndefined();
    expect((await heard(fromOne, 'preferences.changed')).own).toBe(true);
    // A refused change is told nowhere.
    const refused = await one.request('preferences.set', { values: { editorFontSize: 999 } });
    expect(refused['error']).toMatchObject({ kind: 'validation' });
    await one.call('app.health', {});
    expect(fromOther.filter((p) => p.event === 'preferences.changed')).toHaveLength(1);
  });

  it('a saved connection appears in the other page, changes there and goes when deleted', async () => {
    const saved = await one.call('connections.save', user.saveParams(`events ${user.suffix}`));
    const listed = await heard(fromOther, 'connections.changed', (p) =>
      p.payload.connections.some((c: { id: string }) => c.id === saved.id),
    );
    expect(listed.payload.connections).toEqual(await other.call('connections.list', {}));
    expect(listed.payload.connections.find((c: { id: string }) => c.id === saved.id)).toMatchObject(
      { name: `events ${user.suffix}`, storedSecrets: ['db'] },
    );
    expect(JSON.stringify(listed)).not.toContain(user.password);

    await one.call('connections.save', {
      ...user.saveParams(`renamed ${user.suffix}`),
      id: saved.id,
    });
    await heard(fromOther, 'connections.changed', (p) =>
      p.payload.connections.some((c: { name: string }) => c.name === `renamed ${user.suffix}`),
    );

    const status = await one.call('connections.connect', { id: saved.id });
    const opened = await heard(fromOther, 'connection.status', (p) => p.payload.id === saved.id);
    expect(opened.payload).toEqual({ id: saved.id, status });
    // Connecting records when: the list is told again, after the reply.
    await heard(fromOther, 'connections.changed', (p) =>
      p.payload.connections.some(
        (c: { id: string; lastConnectedAt: string | null }) =>
          c.id === saved.id && c.lastConnectedAt !== null,
      ),
    );
    expect(await one.call('connections.disconnect', { id: saved.id })).toEqual({
      disconnected: true,
    });
    const closed = await heard(
      fromOther,
      'connection.status',
      (p) => p.payload.id === saved.id && p.payload.status === null,
    );
    expect(closed.own).toBeUndefined();

    await one.call('connections.delete', { id: saved.id });
    const gone = await heard(
      fromOther,
      'connections.changed',
      (p) => !p.payload.connections.some((c: { id: string }) => c.id === saved.id),
    );
    expect(gone.payload.connections).toEqual(await other.call('connections.list', {}));
  });

  it('tabs, their order, the active tab and the layout changed by one page reach the other', async () => {
    const tab = await one.call('workspace.saveTab', { tab: { id: 'ev-a', title: 'Orders' } });
    expect((await heard(fromOther, 'workspace.changed')).payload).toEqual({ kind: 'tab', tab });
    await one.call('workspace.saveTab', { tab: { id: 'ev-b', title: 'Scratch' } });
    const typed = await one.call('workspace.saveTab', {
      tab: { id: 'ev-a', sql: 'SELECT 1', cursor: 8 },
    });
    await heard(
      fromOther,
      'workspace.changed',
      (p) => p.payload.kind === 'tab' && p.payload.tab.sql === 'SELECT 1',
    ).then((p) => expect(p.payload.tab).toEqual(typed));

    await one.call('workspace.order', { ids: ['ev-b', 'ev-a'] });
    expect(
      (await heard(fromOther, 'workspace.changed', (p) => p.payload.kind === 'order')).payload,
    ).toEqual({ kind: 'order', ids: ['ev-b', 'ev-a'] });
    await one.call('workspace.setActive', { tabId: 'ev-b' });
    expect(
      (await heard(fromOther, 'workspace.changed', (p) => p.payload.kind === 'active')).payload,
    ).toEqual({ kind: 'active', activeTabId: 'ev-b' });
    const layout = await one.call('workspace.saveLayout', { layout: { sidebarWidth: 333 } });
    expect(
      (await heard(fromOther, 'workspace.changed', (p) => p.payload.kind === 'layout')).payload,
    ).toEqual({ kind: 'layout', layout });
    expect(layout.sidebarWidth).toBe(333);
    await one.call('workspace.deleteTab', { id: 'ev-a' });
    expect(
      (await heard(fromOther, 'workspace.changed', (p) => p.payload.kind === 'tabDeleted')).payload,
    ).toEqual({ kind: 'tabDeleted', id: 'ev-a' });
    // Each also came back to the page that made it, marked as its own.
    const own = fromOne.filter((p) => p.event === 'workspace.changed');
    expect(own.map((p) => [p.payload.kind, p.own])).toEqual([
      ['tab', true],
      ['tab', true],
      ['tab', true],
      ['order', true],
      ['active', true],
      ['layout', true],
      ['tabDeleted', true],
    ]);
    // The other page reads what it was told.
    const workspace = await other.call('workspace.get', {});
    expect(workspace.tabs.map((t: { id: string }) => t.id)).toEqual(['ev-b']);
    expect(workspace.activeTabId).toBe('ev-b');

    const whole = await one.call('workspace.save', {
      workspace: { tabs: [{ id: 'ev-c', title: 'All' }], activeTabId: 'ev-c' },
    });
    expect(
      (await heard(fromOther, 'workspace.changed', (p) => p.payload.kind === 'workspace')).payload,
    ).toEqual({ kind: 'workspace', workspace: whole });
  });
});
