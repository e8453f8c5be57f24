import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { startTestBackend, type TestBackend } from '../support/backend';
import {
  recordingProxy,
  sharedPgServer,
  startPgServer,
  type PgServerInfo,
  type RecordingProxy,
} from '../support/postgres';
import { createLoginRole, type SaveParams, type TestRole } from '../support/secrets';
import { inKeychain } from '../support/secret-service';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';

/** `connections.save` params without the password and the "remember" choice: settings only. */
function withoutSecrets(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).filter(([key]) => key !== 'password' && key !== 'rememberPasswords'),
  );
}

/** A port where something listens and counts connections (a stand-in for another SSH server). */
async function countingListener(): Promise<{
  port: number;
  connections(): number;
  server: Server;
}> {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections, server };
}

/**
 * A stored secret belongs to the host, port and user it was saved for: connections.save
 * forgets it when they change, so connections.test never hands it to another server.
 * Real backend, real Secret Service, real PostgreSQL servers and sshd.
 */
describe('stored secrets stay with the server they were saved for', () => {
  const pg = sharedPgServer();
  const cleartext = pg.cleartext!;
  let other: Supervised<PgServerInfo>;
  /** In front of `other`: what reaches the other server. */
  let otherProxy: RecordingProxy;
  let sshd: Supervised<SshdInfo>;
  let login: TestRole;
  let backend: TestBackend;
  let socket: TestSocket;
  const named = (what: string) => `bind ${what} ${randomBytes(3).toString('hex')}`;
  const save = async (params: Record<string, unknown>) => {
    const reply = await socket.reply('connections.save', params as SaveParams);
    if (!reply.result) throw new Error(`save failed: ${JSON.stringify(reply.error)}`);
    return reply.result;
  };

  beforeAll(async () => {
    [other, sshd, login] = await Promise.all([
      startPgServer('off'),
      startSshd([`127.0.0.1:${pg.port}`]),
      createLoginRole(pg, 'tusk_bind'),
    ]);
    otherProxy = await recordingProxy(other.info.port);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token), {}, { keepReplies: true });
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await otherProxy?.close();
    await Promise.all([other?.stop(), sshd?.stop(), login?.drop()]);
  });

  it('after the port is changed to another server, connections.test does not send the old password: it asks for one', async () => {
    // The other server has the same role with the same password, and asks for it in clear
    // text: had Tusk sent the stored password, the login would succeed there.
    const base = {
      name: named('port'),
      host: '127.0.0.1',
      port: pg.port,
      database: 'postgres',
      username: cleartext.username,
      sslMode: 'prefer',
      allowCleartextPassword: true,
    };
    const saved = await save({ ...base, password: cleartext.password, rememberPasswords: true });
    const id = saved['id'] as string;
    expect(saved['storedSecrets']).toEqual(['db']);
    expect((await socket.reply('connections.test', { id })).result).toMatchObject({ tls: true });

    const moved = await save({ ...base, id, port: otherProxy.port });
    expect(moved['storedSecrets']).toEqual([]);
    expect(inKeychain(`db:${id}`)).toBe(false);

    expect((await socket.reply('connections.test', { id })).error).toEqual({
      kind: 'authentication',
      stage: 'authentication',
      code: 'PASSWORD_REQUIRED',
      sqlState: '28P01',
      message: `The server asks for the password of "${cleartext.username}"`,
      detail: expect.any(String),
      hint: 'Enter the password (tick "Remember" to keep it in the keychain).',
    });
    expect(otherProxy.connections()).toBeGreaterThan(0);
    expect(otherProxy.received(cleartext.password)).toBe(false);

    // Typed for the new server, it is used (and remembered when asked to).
    const retyped = await save({
      ...base,
      id,
      port: otherProxy.port,
      password: cleartext.password,
      rememberPasswords: true,
    });
    expect(retyped['storedSecrets']).toEqual(['db']);
    expect((await socket.reply('connections.test', { id })).result).toMatchObject({
      user: cleartext.username,
      tls: false,
    });
    await socket.reply('connections.delete', { id });
  });

  it('a change of host or user forgets the password; a change of name, database, SSL mode or timeouts keeps it', async () => {
    const base = login.saveParams(named('fields'));
    const saved = await save(base);
    const id = saved['id'] as string;
    const keeps: Record<string, unknown>[] = [
      { name: named('renamed') },
      { database: 'template1' },
      { sslMode: 'verify-ca', sslRootCert: pg.caCert },
      { readOnly: true, statementTimeoutMs: 1000, connectTimeoutMs: 5000, poolSize: 2 },
    ];
    for (const change of keeps) {
      const settings = withoutSecrets(base);
      expect((await save({ ...settings, ...change, id }))['storedSecrets']).toEqual(['db']);
    }
    expect((await socket.reply('connections.test', { id })).result).toMatchObject({
      user: login.role,
    });
    for (const change of [{ host: '127.0.0.2' }, { username: 'postgres' }]) {
      expect((await save({ ...base, id }))['storedSecrets']).toEqual(['db']);
      const settings = withoutSecrets(base);
      expect((await save({ ...settings, ...change, id }))['storedSecrets']).toEqual([]);
      expect(inKeychain(`db:${id}`)).toBe(false);
    }
    await socket.reply('connections.delete', { id });
  });

  it('the SSH password is forgotten when the tunnel goes to another SSH server, which then gets nothing', async () => {
    const info = sshd.info;
    const elsewhere = await countingListener();
    const tunnel = {
      host: info.host,
      port: info.port,
      username: info.passwordUser!.username,
      auth: { method: 'password' },
      hostKey: info.hostKeyFingerprint,
    };
    const base = { ...login.saveParams(named('ssh')), connectTimeoutMs: 1000 };
    const saved = await save({
      ...base,
      sshPassword: info.passwordUser!.password,
      sshTunnel: tunnel,
    });
    const id = saved['id'] as string;
    expect(saved['storedSecrets']).toEqual(['db', 'ssh']);
    expect((await socket.reply('connections.test', { id })).result).toMatchObject({
      user: login.role,
    });

    // The database behind another SSH server is another server too.
    const settings = withoutSecrets(base);
    const moved = await save({ ...settings, id, sshTunnel: { ...tunnel, port: elsewhere.port } });
    expect(moved['storedSecrets']).toEqual([]);
    expect(inKeychain(`ssh:${id}`)).toBe(false);
    expect(inKeychain(`db:${id}`)).toBe(false);
    expect((await socket.reply('connections.test', { id })).error).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      message: `The SSH password for ${info.passwordUser!.username}@${info.host} is needed`,
      hint: expect.stringContaining('Enter the SSH password'),
    });
    expect(elsewhere.connections()).toBe(0);
    elsewhere.server.close();
    await socket.reply('connections.delete', { id });
  });

  it('the key passphrase is forgotten when the key file or the SSH user changes; the database password stays', async () => {
    const info = sshd.info;
    const tunnel = {
      host: info.host,
      port: info.port,
      username: info.protectedKeyUser.username,
      auth: { method: 'key', privateKeyPath: info.protectedKeyUser.privateKeyPath },
      hostKey: info.hostKeyFingerprint,
    };
    const base = login.saveParams(named('key'));
    const settings = withoutSecrets(base);
    const changes = [
      { ...tunnel, auth: { method: 'key', privateKeyPath: info.keyUser.privateKeyPath } },
      { ...tunnel, username: info.passwordUser!.username },
    ];
    for (const changed of changes) {
      const saved = await save({
        ...base,
        sshPassphrase: info.protectedKeyUser.passphrase,
        sshTunnel: tunnel,
      });
      const id = saved['id'] as string;
      expect(saved['storedSecrets']).toEqual(['db', 'ssh_key']);
      const moved = await save({ ...settings, id, sshTunnel: changed });
      expect(moved['storedSecrets']).toEqual(['db']);
      expect(inKeychain(`ssh_key:${id}`)).toBe(false);
      await socket.reply('connections.delete', { id });
    }
  });

  it('removing the tunnel forgets the database password (127.0.0.1 is another machine then) and the SSH secrets', async () => {
    const info = sshd.info;
    const base = login.saveParams(named('untunnel'));
    const saved = await save({
      ...base,
      sshPassword: info.passwordUser!.password,
      sshTunnel: {
        host: info.host,
        port: info.port,
        username: info.passwordUser!.username,
        auth: { method: 'password' },
        hostKey: info.hostKeyFingerprint,
      },
    });
    const id = saved['id'] as string;
    expect(saved['storedSecrets']).toEqual(['db', 'ssh']);
    const settings = withoutSecrets(base);
    expect((await save({ ...settings, id, sshTunnel: null }))['storedSecrets']).toEqual([]);
    await socket.reply('connections.delete', { id });
  });

  it('no secret reached a reply', () => {
    const secrets = [login.password, cleartext.password, sshd.info.passwordUser!.password];
    for (const reply of socket.replies()) for (const s of secrets) expect(reply).not.toContain(s);
  });
});
