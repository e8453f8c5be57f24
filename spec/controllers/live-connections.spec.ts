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

  const call = async (method: string, params: unknown) =>
    (await socket.request(method, params)) as { result?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
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
    auth: { method: 'key', privateKeyPath: sshd.info.keyUser.privateKeyPath },
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
    await call('preferences.set', { values: { poolSize: 3 } });
    const saved = (await call('connections.save', user.saveParams(`live ${user.suffix}`))).result;
    const status = (await call('connections.connect', { id: saved.id })).result;
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
    expect((await call('connections.status', {})).result).toEqual([status]);
    expect((await call('app.health', {})).result.pools).toEqual([status]);
    expect((await call('connections.list', {})).result[0]).toMatchObject({
      lastConnectedAt: expect.any(String),
    });

    expect((await call('connections.disconnect', { id: saved.id })).result).toEqual({
      disconnected: true,
    });
    await waitUntil(async () => (await backendsOf()).length === 0);
    expect(await backendsOf()).toEqual([]);
    expect((await call('connections.status', {})).result).toEqual([]);
    await call('connections.delete', { id: saved.id });
  });

  it('a server whose default_transaction_read_only is on is reported read-only', async () => {
    const readOnly = await createLoginRole(pg, 'tusk_ro');
    try {
      const admin = superuserSql(pg);
      await admin.unsafe(`ALTER ROLE ${readOnly.role} SET default_transaction_read_only = on`);
      await admin.end();
      const saved = (
        await call('connections.save', readOnly.saveParams(`read-only ${readOnly.suffix}`))
      ).result;
      expect((await call('connections.connect', { id: saved.id })).result).toMatchObject({
        readOnly: true,
        standby: false,
        transactionPooler: false,
      });
      await call('connections.delete', { id: saved.id });
    } finally {
      await readOnly.drop();
    }
  });

  it('through SSH: the tunnel opens with the connection and closes with it', async () => {
    const info = sshd.info;
    const saved = (
      await call(
        'connections.save',
        user.saveParams(`live ssh ${user.suffix}`, {
          host: '127.0.0.1',
          sslMode: 'prefer',
          sshTunnel: { ...tunnel(), hostKey: info.hostKeyFingerprint },
        }),
      )
    ).result;
    const status = (await call('connections.connect', { id: saved.id })).result;
    expect(status).toMatchObject({ sshHostKey: info.hostKeyFingerprint, pool: { size: 3 } });
    expect(await backendsOf()).toContain('Tusk');
    // Deleting an open connection disconnects it first: pool and tunnel go.
    await call('connections.delete', { id: saved.id });
    await waitUntil(async () => (await backendsOf()).length === 0);
    expect(await backendsOf()).toEqual([]);
    expect((await call('connections.status', {})).result).toEqual([]);
  });

  it('first use of an SSH server: refused until the user confirms the fingerprint, which is then recorded', async () => {
    const info = sshd.info;
    const saved = (
      await call(
        'connections.save',
        user.saveParams(`live first ssh ${user.suffix}`, {
          host: '127.0.0.1',
          sslMode: 'prefer',
          sshTunnel: tunnel(),
        }),
      )
    ).result;
    expect(saved.sshTunnel.hostKey).toBeNull();

    const first = await call('connections.connect', { id: saved.id });
    expect(first.error).toEqual({
      kind: 'ssh',
      stage: 'ssh',
      code: 'SSH_HOST_KEY_UNCONFIRMED',
      message: `First connection to the SSH server ${info.host}:${info.port}: confirm its host key`,
      detail: info.hostKeyFingerprint,
      offeredFingerprint: info.hostKeyFingerprint,
      hint: expect.stringContaining(`Compare ${info.hostKeyFingerprint} with the fingerprint`),
    });
    expect((await call('connections.status', {})).result).toEqual([]);
    expect((await call('connections.test', { id: saved.id })).error).toMatchObject({
      code: 'SSH_HOST_KEY_UNCONFIRMED',
    });

    // Confirming another key than the server's is refused: nothing is recorded.
    const other = `SHA256:${'A'.repeat(43)}`;
    expect(
      (await call('connections.connect', { id: saved.id, acceptHostKey: other })).error,
    ).toMatchObject({
      kind: 'ssh',
      detail: `Recorded ${other}, the server sent ${info.hostKeyFingerprint}.`,
    });
    expect(
      (await call('connections.list', {})).result.find((c: { id: string }) => c.id === saved.id)
        .sshTunnel.hostKey,
    ).toBeNull();

    const status = (
      await call('connections.connect', { id: saved.id, acceptHostKey: info.hostKeyFingerprint })
    ).result;
    expect(status).toMatchObject({ sshHostKey: info.hostKeyFingerprint, tls: expect.any(Boolean) });
    const recorded = (await call('connections.list', {})).result.find(
      (c: { id: string }) => c.id === saved.id,
    );
    expect(recorded.sshTunnel.hostKey).toBe(info.hostKeyFingerprint);
    await call('connections.disconnect', { id: saved.id });

    // From now on the recorded key is checked without asking.
    expect((await call('connections.connect', { id: saved.id })).result).toMatchObject({
      sshHostKey: info.hostKeyFingerprint,
    });
    await call('connections.delete', { id: saved.id });
    await waitUntil(async () => (await backendsOf()).length === 0);
  });

  it('a connection the server drops is pushed to the views as connection.dropped', async () => {
    const saved = (
      await call('connections.save', user.saveParams(`live drop ${user.suffix}`, { poolSize: 2 }))
    ).result;
    const status = (await call('connections.connect', { id: saved.id })).result;
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
    expect((await call('connections.status', {})).result[0].pool).toMatchObject({
      drops: 1,
      connected: 0,
    });
    await call('connections.delete', { id: saved.id });
  });

  it('a wrong stored password and an unknown id say what to do; nothing stays open', async () => {
    const saved = (
      await call('connections.save', {
        name: `live wrong ${user.suffix}`,
        host: pg.host,
        port: pg.port,
        database: pg.database,
        username: user.role,
        password: 'not-it',
        rememberPasswords: true,
      })
    ).result;
    expect((await call('connections.connect', { id: saved.id })).error).toMatchObject({
      kind: 'authentication',
      message: `The saved password for "${user.role}" was refused`,
    });
    const unknown = randomUUID();
    expect((await call('connections.connect', { id: unknown })).error).toMatchObject({
      kind: 'validation',
      message: `No saved connection has the id ${unknown}`,
    });
    expect((await call('connections.status', {})).result).toEqual([]);
    await call('connections.delete', { id: saved.id });
  });
});
