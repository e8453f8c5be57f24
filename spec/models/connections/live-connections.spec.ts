import { readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  buildConnectionConfig,
  type ConnectionConfig,
} from '../../../app/models/connections/connection-config';
import { CredentialService } from '../../../app/models/credentials/credentials';
import { isTuskError } from '../../../app/models/errors/errors';
import {
  LiveConnections,
  type ConnectionDrop,
} from '../../../app/models/connections/live-connections';
import { TabSessions } from '../../../app/models/sessions/tab-sessions';
import { sharedPgServer, superuserSql } from '../../support/postgres';
import { createLoginRole, type TestRole } from '../../support/secrets';
import { startSshd, type SshdInfo } from '../../support/sshd';
import type { Supervised } from '../../support/supervised';
import { waitUntil } from '../../support/wait';

const DEFAULTS = { poolSize: 2, statementTimeoutMs: 30_000 };

describe('LiveConnections: the registry of open pools and tunnels', () => {
  const pg = sharedPgServer();
  let user: TestRole;
  let sshd: Supervised<SshdInfo>;
  let credentials: CredentialService;
  const drops: ConnectionDrop[] = [];
  const live = new LiveConnections({ onDrop: (drop) => drops.push(drop) });

  const config = (overrides: Partial<ConnectionConfig> = {}): ConnectionConfig => ({
    ...buildConnectionConfig({
      name: `live ${randomUUID().slice(0, 8)}`,
      host: pg.host,
      port: pg.port,
      database: pg.database,
      username: user.role,
      sslMode: 'require',
    }),
    ...overrides,
  });
  const viaSsh = (): Partial<ConnectionConfig> => ({
    host: '127.0.0.1',
    sshTunnel: {
      host: sshd.info.host,
      port: sshd.info.port,
      username: sshd.info.keyUser.username,
      auth: { method: 'key', privateKeyPath: sshd.info.keyUser.privateKeyPath },
      localPort: null,
      hostKey: sshd.info.hostKeyFingerprint,
    },
  });
  /** Backends of the test role, as the server sees them. */
  const backends = async () => {
    const admin = superuserSql(pg);
    const rows = await admin<
      { pid: number; state: string }[]
    >`SELECT pid, state FROM pg_stat_activity WHERE usename = ${user.role}`;
    await admin.end();
    return rows;
  };

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_reg');
    sshd = await startSshd([`127.0.0.1:${pg.port}`]);
    credentials = await CredentialService.start();
  }, 60_000);
  afterAll(async () => {
    await live.closeAll();
    await sshd?.stop();
    await user?.drop();
  });

  it('removing a connection tells who keeps state of it, cancels its running query and closes its sessions', async () => {
    const saved = config({ poolSize: 2 });
    const status = await live.connect(saved, credentials, { password: user.password }, DEFAULTS);
    expect(status).toMatchObject({ pool: { size: 2 }, tls: true, sshHostKey: null });
    // Told before the pool closes, so tab sessions and caches end first.
    const pool = live.pool(saved.id)!;
    const told: { id: string; poolOpen: boolean }[] = [];
    live.onClose((id) => void told.push({ id, poolOpen: !pool.closed }));

    const started = Date.now();
    const sleeping = live
      .pool(saved.id)!
      .run((s) => s.query('SELECT pg_sleep(30)'))
      .then(
        () => 'finished',
        (error: unknown) => (isTuskError(error) ? error.toErrorInfo() : error),
      );
    await waitUntil(async () => (await backends()).some((b) => b.state === 'active'));
    expect((await backends()).some((b) => b.state === 'active')).toBe(true);

    expect(await live.disconnect(saved.id)).toBe(true);
    expect(await sleeping).toMatchObject({ kind: 'query_cancelled', code: '57014' });
    expect(Date.now() - started).toBeLessThan(5000);
    await waitUntil(async () => (await backends()).length === 0);
    expect(await backends()).toEqual([]);
    expect(told.filter((t) => t.id === saved.id)).toEqual([{ id: saved.id, poolOpen: true }]);
    expect(live.pool(saved.id)).toBeUndefined();
  });

  it('per-connection settings win over the preferences: pool size, connect timeout, keepalive', async () => {
    const saved = config({ poolSize: 3, connectTimeoutMs: 4000, keepAliveSeconds: 0 });
    const status = await live.connect(saved, credentials, { password: user.password }, DEFAULTS);
    expect(status.pool.size).toBe(3);
    await live.disconnect(saved.id);
  });

  it('two connects at once share one pool; a disconnect during a connect closes what it opened', async () => {
    const saved = config({ poolSize: 1 });
    const typed = { password: user.password };
    const [a, b] = await Promise.all([
      live.connect(saved, credentials, typed, DEFAULTS),
      live.connect(saved, credentials, typed, DEFAULTS),
    ]);
    expect(a).toEqual(b);
    expect(await backends()).toHaveLength(1);
    await live.disconnect(saved.id);

    const connecting = live.connect(saved, credentials, typed, DEFAULTS);
    expect(await live.disconnect(saved.id)).toBe(true);
    await connecting;
    expect(live.status()).toEqual([]);
    await waitUntil(async () => (await backends()).length === 0);
    expect(await backends()).toEqual([]);
  });

  it('a terminated backend is reported once, with the connection it belongs to', async () => {
    const saved = config();
    await live.connect(saved, credentials, { password: user.password }, DEFAULTS);
    drops.length = 0;
    await user.terminateBackends();
    await waitUntil(() => drops.length > 0);
    expect(drops).toEqual([
      {
        id: saved.id,
        name: saved.name,
        sessions: 1,
        closed: false,
        at: expect.any(String),
        message: `"${saved.name}" lost a connection to the server`,
        hint: expect.stringContaining('reconnects on the next query'),
      },
    ]);
    expect(live.status()[0]!.pool).toMatchObject({ drops: 1, connected: 0 });
    await live.disconnect(saved.id);
  });

  it('a lost SSH tunnel closes its connection at once and says to connect again', async () => {
    const saved = config({ ...viaSsh(), poolSize: 1 });
    await live.connect(saved, credentials, { password: user.password }, DEFAULTS);
    drops.length = 0;
    await sshd.send('drop');
    await waitUntil(() => drops.length > 0 && live.status().length === 0);
    expect(drops).toEqual([
      expect.objectContaining({
        id: saved.id,
        closed: true,
        message: `"${saved.name}" lost its SSH tunnel through ${sshd.info.host}:${sshd.info.port}`,
        hint: expect.stringContaining('connect again'),
      }),
    ]);
    expect(live.status()).toEqual([]);
    await waitUntil(async () => (await backends()).length === 0);
    expect(await backends()).toEqual([]);
    // Connecting again works: a new tunnel.
    expect(
      (await live.connect(saved, credentials, { password: user.password }, DEFAULTS)).pool,
    ).toMatchObject({ connected: 1 });
    await live.disconnect(saved.id);
  });

  it('a lost SSH tunnel also ends its tab sessions: after connecting again a tab runs in a new session, not a lost one', async () => {
    const tabs = new TabSessions({
      live,
      limits: () => ({ perConnection: 4, idleInTransactionMs: 0 }),
      onLost: () => undefined,
    });
    const saved = config({ ...viaSsh(), poolSize: 1 });
    await live.connect(saved, credentials, { password: user.password }, DEFAULTS);
    const lease = tabs.lease(saved.id, 'tab-a');
    await lease.ready;
    await lease.session.query('BEGIN');
    lease.release();
    expect(tabs.openTransactions(saved.id)).toEqual(['tab-a']);
    await sshd.send('drop');
    await waitUntil(() => live.status().length === 0);
    expect(tabs.openTransactions(saved.id)).toEqual([]);
    expect(() => tabs.lease(saved.id, 'tab-a')).toThrow('This connection is not open');
    await live.connect(saved, credentials, { password: user.password }, DEFAULTS);
    const again = tabs.lease(saved.id, 'tab-a');
    await again.ready;
    expect(await again.session.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    expect(again.session.transaction).toBe('idle');
    again.release();
    await live.disconnect(saved.id);
    expect(tabs.openTransactions(saved.id)).toEqual([]);
  });

  it.each([
    ['directly', () => ({})],
    ['through SSH', viaSsh],
  ])(
    '100 connect/disconnect cycles %s leave no socket, handle or backend behind',
    async (_how, route) => {
      const saved = config({ ...route(), poolSize: 1 });
      const typed = { password: user.password };
      // One cycle first: modules, TLS contexts and the keychain are loaded once for good.
      await live.connect(saved, credentials, typed, DEFAULTS);
      await live.disconnect(saved.id);
      await waitUntil(async () => (await backends()).length === 0);
      const before = { fds: openFds(), handles: activeHandles() };

      for (let i = 0; i < 100; i++) {
        const status = await live.connect(saved, credentials, typed, DEFAULTS);
        expect(status.pool.connected).toBe(1);
        expect(await live.disconnect(saved.id)).toBe(true);
      }

      await waitUntil(async () => openFds() <= before.fds && (await backends()).length === 0);
      expect(await backends()).toEqual([]);
      expect(openFds()).toBeLessThanOrEqual(before.fds);
      expect(activeHandles()).toEqual(before.handles);
      expect(live.status()).toEqual([]);
    },
    120_000,
  );
});

/** File descriptors this process holds open (sockets included). */
function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Node's active handles by type (TCPSocketWrap, TCPServerWrap, Timeout…), sorted. */
function activeHandles(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((type) => type !== 'Timeout' && type !== 'Immediate')
    .sort();
}
