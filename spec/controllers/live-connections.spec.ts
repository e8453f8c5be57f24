import { randomUUID } from 'node:crypto';
import { startTestBackend, type TestBackend } from '../support/backend';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { createLoginRole, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';
import { waitUntil } from '../support/wait';

describe('connections.connect / disconnect / status', () => {
  const pg = sharedPgServer();
  let user: TestRole;
  let sshd: Supervised<SshdInfo>;
  let backend: TestBackend;
  let socket: TestSocket;

  /** Backends of the test role, as the server sees them. */
  const backendsOf = async () => {
    const admin = superuserSql(pg);
    const rows =
      await admin`SELECT application_name FROM pg_stat_activity WHERE usename = ${user.role}`;
    await admin.end();
    return rows.map((r) => r['application_name'] as string);
  };
  /** The SSH tunnel through the test sshd, key login, no host key recorded. */
  const tunnel = () => ({
    host: sshd.info.host,
    port: sshd.info.port,
    username: sshd.info.keyUser.username,
    auth: { method: 'key' as const, privateKeyPath: sshd.info.keyUser.privateKeyPath },
  });

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_live');
    sshd = await startSshd([`127.0.0.1:${pg.port}`]);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await sshd?.stop();
    await user?.drop();
  });

  it('connects with the stored password and the pool size of the preferences; disconnect releases the backends', async () => {
    await socket.reply('preferences.set', { values: { poolSize: 3 } });
    const saved = await socket.call('connections.save', user.saveParams(`live ${user.suffix}`));
    const status = await socket.call('connections.connect', { id: saved.id });
    expect(status).toEqual({
      id: saved.id,
      pool: { size: 3, busy: 0, idle: 3, waiting: 0, connected: 1, drops: 0 },
      sshHostKey: null,
      tls: true,
      serverVersion: expect.stringMatching(/^\d+\.\d+/),
      readOnly: false,
      standby: false,
      transactionPooler: false,
      openedAt: expect.any(String),
    });
    expect(await backendsOf()).toContain('Tusk');
    expect(await socket.call('connections.status', {})).toEqual([status]);
    expect((await socket.call('app.health', {})).pools).toEqual([status]);
    expect((await socket.call('connections.list', {}))[0]).toMatchObject({
      lastConnectedAt: expect.any(String),
    });

    expect(await socket.call('connections.disconnect', { id: saved.id })).toEqual({
      disconnected: true,
    });
    await waitUntil(async () => (await backendsOf()).length === 0);
    expect(await backendsOf()).toEqual([]);
    expect(await socket.call('connections.status', {})).toEqual([]);
    await socket.reply('connections.delete', { id: saved.id });
  });

  it('a server whose default_transaction_read_only is on is reported read-only', async () => {
    const readOnly = await createLoginRole(pg, 'tusk_ro');
    try {
      const admin = superuserSql(pg);
      await admin.unsafe(`ALTER ROLE ${readOnly.role} SET default_transaction_read_only = on`);
      await admin.end();
      const saved = await socket.call(
        'connections.save',
        readOnly.saveParams(`read-only ${readOnly.suffix}`),
      );
      expect(await socket.call('connections.connect', { id: saved.id })).toMatchObject({
        readOnly: true,
        standby: false,
        transactionPooler: false,
      });
      await socket.reply('connections.delete', { id: saved.id });
    } finally {
      await readOnly.drop();
    }
  });

  it('through SSH: the tunnel opens with the connection and closes with it', async () => {
    const info = sshd.info;
    const saved = await socket.call(
      'connections.save',
      user.saveParams(`live ssh ${user.suffix}`, {
        host: '127.0.0.1',
        sslMode: 'prefer',
        sshTunnel: { ...tunnel(), hostKey: info.hostKeyFingerprint },
      }),
    );
    const status = await socket.call('connections.connect', { id: saved.id });
    expect(status).toMatchObject({ sshHostKey: info.hostKeyFingerprint, pool: { size: 3 } });
    expect(await backendsOf()).toContain('Tusk');
    // Deleting an open connection disconnects it first: pool and tunnel go.
    await socket.reply('connections.delete', { id: saved.id });
    await waitUntil(async () => (await backendsOf()).length === 0);
    expect(await backendsOf()).toEqual([]);
    expect(await socket.call('connections.status', {})).toEqual([]);
  });

  it('first use of an SSH server: refused until the user confirms the fingerprint, which is then recorded', async () => {
    const info = sshd.info;
    const saved = await socket.call(
      'connections.save',
      user.saveParams(`live first ssh ${user.suffix}`, {
        host: '127.0.0.1',
        sslMode: 'prefer',
        sshTunnel: tunnel(),
      }),
    );
    expect(saved.sshTunnel?.hostKey).toBeNull();

    const first = await socket.reply('connections.connect', { id: saved.id });
    expect(first.error).toEqual({
      kind: 'ssh',
      stage: 'ssh',
      code: 'SSH_HOST_KEY_UNCONFIRMED',
      message: `First connection to the SSH server ${info.host}:${info.port}: confirm its host key`,
      detail: info.hostKeyFingerprint,
      offeredFingerprint: info.hostKeyFingerprint,
      hint: expect.stringContaining(`Compare ${info.hostKeyFingerprint} with the fingerprint`),
    });
    expect(await socket.call('connections.status', {})).toEqual([]);
    expect((await socket.reply('connections.test', { id: saved.id })).error).toMatchObject({
      code: 'SSH_HOST_KEY_UNCONFIRMED',
    });

    // Confirming another key than the server's is refused: nothing is recorded.
    const other = `SHA256:${'A'.repeat(43)}`;
    expect(
      (await socket.reply('connections.connect', { id: saved.id, acceptHostKey: other })).error,
    ).toMatchObject({
      kind: 'ssh',
      detail: `Recorded ${other}, the server sent ${info.hostKeyFingerprint}.`,
    });
    expect(
      (await socket.call('connections.list', {})).find((c) => c.id === saved.id)?.sshTunnel
        ?.hostKey,
    ).toBeNull();

    const status = await socket.call('connections.connect', {
      id: saved.id,
      acceptHostKey: info.hostKeyFingerprint,
    });
    expect(status).toMatchObject({ sshHostKey: info.hostKeyFingerprint, tls: expect.any(Boolean) });
    const recorded = (await socket.call('connections.list', {})).find((c) => c.id === saved.id);
    expect(recorded?.sshTunnel?.hostKey).toBe(info.hostKeyFingerprint);
    await socket.reply('connections.disconnect', { id: saved.id });

    // From now on the recorded key is checked without asking.
    expect(await socket.call('connections.connect', { id: saved.id })).toMatchObject({
      sshHostKey: info.hostKeyFingerprint,
    });
    await socket.reply('connections.delete', { id: saved.id });
    await waitUntil(async () => (await backendsOf()).length === 0);
  });

  it('a connection the server drops is pushed to the views as connection.dropped', async () => {
    const saved = await socket.call(
      'connections.save',
      user.saveParams(`live drop ${user.suffix}`, { poolSize: 2 }),
    );
    const status = await socket.call('connections.connect', { id: saved.id });
    expect(status).toMatchObject({ pool: { size: 2, connected: 1, drops: 0 }, tls: true });
    await user.terminateBackends();
    expect(await socket.event('connection.dropped')).toEqual({
      id: saved.id,
      name: saved.name,
      sessions: 1,
      closed: false,
      at: expect.any(String),
      message: `"${saved.name}" lost a connection to the server`,
      hint: expect.stringContaining('reconnects on the next query'),
    });
    expect((await socket.call('connections.status', {}))[0].pool).toMatchObject({
      drops: 1,
      connected: 0,
    });
    await socket.reply('connections.delete', { id: saved.id });
  });

  it('a wrong stored password and an unknown id say what to do; nothing stays open', async () => {
    const saved = await socket.call('connections.save', {
      name: `live wrong ${user.suffix}`,
      host: pg.host,
      port: pg.port,
      database: pg.database,
      username: user.role,
      password: 'not-it',
      rememberPasswords: true,
    });
    expect((await socket.reply('connections.connect', { id: saved.id })).error).toMatchObject({
      kind: 'authentication',
      message: `The saved password for "${user.role}" was refused`,
    });
    const unknown = randomUUID();
    expect((await socket.reply('connections.connect', { id: unknown })).error).toMatchObject({
      kind: 'validation',
      message: `No saved connection has the id ${unknown}`,
    });
    expect(await socket.call('connections.status', {})).toEqual([]);
    await socket.reply('connections.delete', { id: saved.id });
  });
});
