import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { HistoryRepository } from '../../app/models/storage/history-repository';
import { openLocalDatabase } from '../../app/models/storage/local-database';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/** A backend on `dataDir` and a socket to it. */
async function open(
  dataDir: string,
): Promise<{ backend: TestBackend; socket: TestSocket; stop(): Promise<void> }> {
  const backend = await startTestBackend({ dataDir });
  const socket = await openSocket(socketUrl(backend.port, backend.token));
  return {
    backend,
    socket,
    async stop() {
      socket.close();
      await backend.stop();
    },
  };
}

/** The result of a call; fails the test with the ErrorInfo when there is none. */
async function ok(socket: TestSocket, method: string, params: unknown = {}): Promise<unknown> {
  const reply = await socket.request(method, params);
  if (!('result' in reply)) throw new Error(`${method} failed: ${JSON.stringify(reply['error'])}`);
  return reply['result'];
}

async function everything(socket: TestSocket) {
  return {
    connections: await ok(socket, 'connections.list'),
    preferences: await ok(socket, 'preferences.get'),
    history: await ok(socket, 'history.search', {}),
    saved: await ok(socket, 'saved.list', {}),
    workspace: await ok(socket, 'workspace.get'),
  };
}

describe('local storage through the controllers', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir('tusk-storage-');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('SC-005: everything written is read back equal after restarts', async () => {
    let app = await open(dataDir);
    await ok(app.socket, 'connections.save', {
      name: 'Production',
      host: 'db.example.com',
      database: 'shop',
      username: 'alice',
      sslMode: 'verify-full',
      sslRootCert: '/etc/ssl/ca.pem',
      readOnly: true,
      production: true,
      statementTimeoutMs: 5000,
      connectTimeoutMs: 15_000,
      keepAliveSeconds: 30,
      poolSize: 8,
      sshTunnel: { host: 'bastion.example.com', username: 'alice', auth: { method: 'agent' } },
    });
    await ok(app.socket, 'connections.save', {
      name: 'Local',
      host: '127.0.0.1',
      port: 5433,
      database: 'dev',
      username: 'me',
    });
    await ok(app.socket, 'preferences.set', {
      values: { theme: 'dark', rowCap: 5000, historyRetentionDays: 3650 },
    });
    await ok(app.socket, 'saved.save', {
      name: 'Big orders',
      sql: 'SELECT * FROM orders WHERE total > 1000',
      folder: 'reports',
      tags: ['sales', 'weekly'],
    });
    await ok(app.socket, 'saved.save', { name: 'Ünïcode ✓', sql: "SELECT 'ß' AS x" });
    await ok(app.socket, 'workspace.save', {
      workspace: {
        tabs: [
          { id: 't1', title: 'Orders', sql: 'SELECT 1;\nSELECT 2;', connectionId: null },
          { id: 't2', title: 'Draft', sql: '-- typing…', connectionId: null },
        ],
        activeTabId: 't2',
        layout: { sidebarWidth: 300, resultsHeight: 200 },
      },
    });
    await app.stop();

    const local = await openLocalDatabase({ dataDir });
    const history = new HistoryRepository(local.db);
    for (const [i, sql] of ['SELECT 1', 'SELECT 1', 'SELECT now()'].entries()) {
      await history.add({
        connectionId: null,
        sql,
        startedAt: new Date(Date.now() - (3 - i) * 1000).toISOString(),
        durationMs: 4,
        rowCount: 1,
        outcome: 'ok',
        sqlstate: null,
      });
    }
    await local.close();

    app = await open(dataDir);
    const first = await everything(app.socket);
    expect(first.connections).toHaveLength(2);
    expect(first.connections).toEqual([
      expect.objectContaining({
        name: 'Local',
        port: 5433,
        sslMode: 'prefer',
        sshTunnel: null,
        connectTimeoutMs: null,
        keepAliveSeconds: null,
        poolSize: null,
        production: false,
      }),
      expect.objectContaining({
        name: 'Production',
        readOnly: true,
        production: true,
        statementTimeoutMs: 5000,
        connectTimeoutMs: 15_000,
        keepAliveSeconds: 30,
        poolSize: 8,
        sshTunnel: {
          host: 'bastion.example.com',
          port: 22,
          username: 'alice',
          auth: { method: 'agent' },
          localPort: null,
          hostKey: null,
        },
      }),
    ]);
    expect(first.preferences).toMatchObject({ theme: 'dark', rowCap: 5000 });
    expect(first.history).toEqual([
      expect.objectContaining({ sql: 'SELECT now()', runCount: 1 }),
      expect.objectContaining({ sql: 'SELECT 1', runCount: 2 }),
    ]);
    expect(first.saved).toEqual([
      expect.objectContaining({ name: 'Ünïcode ✓', folder: '', tags: [] }),
      expect.objectContaining({ name: 'Big orders', folder: 'reports', tags: ['sales', 'weekly'] }),
    ]);
    expect(first.workspace).toMatchObject({
      activeTabId: 't2',
      tabs: [{ sql: 'SELECT 1;\nSELECT 2;' }, { title: 'Draft' }],
    });
    await app.stop();

    app = await open(dataDir);
    expect(await everything(app.socket)).toEqual(first);
    await app.stop();
  });

  it('ten concurrent writers leave consistent data', async () => {
    const app = await open(dataDir);
    const sockets = await Promise.all(
      Array.from({ length: 10 }, () => openSocket(socketUrl(app.backend.port, app.backend.token))),
    );
    await Promise.all(
      sockets.map(async (socket, w) => {
        for (let i = 0; i < 10; i++) {
          // The test socket reads replies in order, so one request at a time per socket;
          // the ten sockets write at the same time.
          await ok(socket, 'saved.save', {
            name: `w${w}-q${i}`,
            sql: `SELECT ${w * 100 + i}`,
            folder: `writer ${w}`,
          });
          await ok(socket, 'connections.save', {
            name: `w${w}-c${i}`,
            host: 'localhost',
            database: 'd',
            username: 'u',
          });
          await ok(socket, 'workspace.save', {
            workspace: {
              tabs: [{ id: `w${w}`, title: `${i}`, sql: '', connectionId: null }],
              activeTabId: `w${w}`,
            },
          });
          await ok(socket, 'preferences.set', { values: { editorFontSize: 10 + w } });
        }
      }),
    );
    for (const socket of sockets) socket.close();
    const saved = (await ok(app.socket, 'saved.list', {})) as { name: string; sql: string }[];
    expect(saved).toHaveLength(100);
    expect(new Set(saved.map((q) => q.name)).size).toBe(100);
    for (const q of saved) {
      const [, w, i] = /^w(\d)-q(\d)$/.exec(q.name)!;
      expect(q.sql).toBe(`SELECT ${Number(w) * 100 + Number(i)}`);
    }
    expect(await ok(app.socket, 'connections.list')).toHaveLength(100);
    const workspace = (await ok(app.socket, 'workspace.get')) as {
      tabs: { id: string }[];
      activeTabId: string;
    };
    expect(workspace.tabs[0]!.id).toBe(workspace.activeTabId);
    expect((await ok(app.socket, 'preferences.get')) as { editorFontSize: number }).toMatchObject({
      editorFontSize: expect.any(Number),
    });
    await app.stop();
    const raw = new Database(join(dataDir, 'tusk.db'), { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('bad input: each a validation error, nothing stored half', async () => {
    const app = await open(dataDir);
    const fail = async (method: string, params: unknown) => {
      const reply = await app.socket.request(method, params);
      expect(reply['error']).toMatchObject({ kind: 'validation' });
      return reply['error'] as { message: string; detail?: string };
    };
    expect(
      (await fail('saved.save', { name: 'huge', sql: 'x'.repeat(1_000_001) })).detail,
    ).toContain('longer than 1000000 characters');
    expect(
      (
        await fail('connections.save', {
          name: 'x',
          host: 'bad host!',
          port: 70000,
          database: 'd',
          username: '',
        })
      ).detail,
    ).toMatch(/host[\s\S]*port[\s\S]*username/);
    const pool = (
      await fail('connections.save', {
        name: 'too big',
        host: 'h',
        database: 'd',
        username: 'u',
        poolSize: 9,
        connectTimeoutMs: 100,
        keepAliveSeconds: -1,
      })
    ).detail;
    expect(pool).toMatch(/connectTimeoutMs[\s\S]*keepAliveSeconds[\s\S]*poolSize/);
    const unknown = randomUUID();
    expect((await fail('saved.delete', { id: unknown })).message).toBe(
      `No saved query has the id ${unknown}`,
    );
    expect((await fail('connections.delete', { id: unknown })).message).toBe(
      `No saved connection has the id ${unknown}`,
    );
    expect(
      (
        await fail('connections.save', {
          id: unknown,
          name: 'n',
          host: 'h',
          database: 'd',
          username: 'u',
        })
      ).message,
    ).toBe(`No saved connection has the id ${unknown}`);
    await ok(app.socket, 'connections.save', {
      name: 'Prod',
      host: 'h',
      database: 'd',
      username: 'u',
    });
    expect(
      (await fail('connections.save', { name: 'PROD', host: 'h2', database: 'd', username: 'u' }))
        .message,
    ).toBe('A connection named "PROD" already exists');
    await ok(app.socket, 'saved.save', { name: 'q', sql: 'SELECT 1', folder: 'f' });
    expect((await fail('saved.save', { name: 'q', sql: 'SELECT 2', folder: 'f' })).message).toBe(
      'A saved query named "q" already exists in the folder "f"',
    );
    expect(
      (
        await fail('workspace.save', {
          workspace: {
            tabs: [{ id: 't', title: '', sql: 'x'.repeat(1_000_001), connectionId: null }],
            activeTabId: 't',
          },
        })
      ).detail,
    ).toContain('longer than');
    expect(await ok(app.socket, 'saved.list', {})).toEqual([
      expect.objectContaining({ sql: 'SELECT 1' }),
    ]);
    expect(await ok(app.socket, 'connections.list')).toEqual([
      expect.objectContaining({ name: 'Prod', host: 'h' }),
    ]);
    expect(await ok(app.socket, 'workspace.get')).toMatchObject({ tabs: [] });
    await app.stop();
  });
});
