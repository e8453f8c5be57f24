import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, filesContaining, filesUnder, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { inKeychain } from '../support/secret-service';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';

describe('passwords in the OS keychain (real Secret Service)', () => {
  const pg = sharedPgServer();
  let login: TestRole;
  let role = '';
  let password = '';
  let suffix = '';
  let sshd: Supervised<SshdInfo>;
  let dataDir: string;
  let backend: TestBackend;
  let socket: TestSocket;
  const base = () => ({
    name: `kc ${suffix} ${randomBytes(2).toString('hex')}`,
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: role,
    sslMode: 'require' as const,
  });

  beforeAll(async () => {
    login = await createLoginRole(pg, 'tusk_kc');
    ({ role, password, suffix } = login);
    sshd = await startSshd([`127.0.0.1:${pg.port}`]);
    dataDir = tempDir('tusk-kc-');
    backend = await startTestBackend({ dataDir, logLevel: 'trace' });
    socket = await openSocket(socketUrl(backend.port, backend.token), {}, { keepReplies: true });
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await sshd?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await login?.drop();
  });

  it('uses the keychain, and says so in app.health', async () => {
    expect((await socket.reply('app.health', {})).result).toMatchObject({
      credentials: { store: 'keychain' },
    });
  });

  it('a remembered password is in the keychain under db:<id>, connects without asking, survives a rename, and goes with the connection', async () => {
    const saved = (
      await socket.reply('connections.save', { ...base(), password, rememberPasswords: true })
    ).result!;
    const id = saved['id'] as string;
    expect(saved['storedSecrets']).toEqual(['db']);
    expect(inKeychain(`db:${id}`)).toBe(true);

    expect((await socket.reply('connections.test', { id })).result).toMatchObject({
      user: role,
      tls: true,
    });
    await socket.reply('connections.save', { ...base(), id, name: `renamed ${suffix}` });
    expect((await socket.reply('connections.list', {})).result).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, name: `renamed ${suffix}`, storedSecrets: ['db'] }),
      ]),
    );
    expect((await socket.reply('connections.test', { id })).result).toMatchObject({ user: role });

    await socket.reply('connections.delete', { id });
    expect(inKeychain(`db:${id}`)).toBe(false);
  });

  it('a stored password the server refuses says to update it; none at all asks for it', async () => {
    const wrong = (
      await socket.reply('connections.save', {
        ...base(),
        password: 'outdated-password',
        rememberPasswords: true,
      })
    ).result!;
    expect((await socket.reply('connections.test', { id: wrong['id'] })).error).toMatchObject({
      kind: 'authentication',
      stage: 'authentication',
      code: 'PASSWORD_REFUSED',
      sqlState: '28P01',
      message: `The saved password for "${role}" was refused`,
      hint: expect.stringContaining('enter the current one'),
    });
    await socket.reply('connections.save', {
      ...base(),
      id: wrong['id'],
      name: `forgot ${suffix}`,
      rememberPasswords: false,
    });
    expect(inKeychain(`db:${wrong['id']}`)).toBe(false);
    expect((await socket.reply('connections.test', { id: wrong['id'] })).error).toMatchObject({
      kind: 'authentication',
      message: `The server asks for the password of "${role}"`,
      hint: expect.stringContaining('Enter the password'),
    });
    expect(
      (await socket.reply('connections.test', { id: wrong['id'], password })).result,
    ).toMatchObject({
      user: role,
    });
    await socket.reply('connections.delete', { id: wrong['id'] });
  });

  it('an SSH password and a key passphrase are kept as ssh:<id> and ssh_key:<id> and used through the tunnel', async () => {
    const info = sshd.info;
    const viaPassword = (
      await socket.reply('connections.save', {
        ...base(),
        host: '127.0.0.1',
        password,
        sshPassword: info.passwordUser!.password,
        rememberPasswords: true,
        sshTunnel: {
          host: info.host,
          port: info.port,
          username: info.passwordUser!.username,
          auth: { method: 'password' },
          hostKey: info.hostKeyFingerprint,
        },
      })
    ).result!;
    const viaKey = (
      await socket.reply('connections.save', {
        ...base(),
        host: '127.0.0.1',
        password,
        sshPassphrase: info.protectedKeyUser.passphrase,
        rememberPasswords: true,
        sshTunnel: {
          host: info.host,
          port: info.port,
          username: info.protectedKeyUser.username,
          auth: { method: 'key', privateKeyPath: info.protectedKeyUser.privateKeyPath },
          hostKey: info.hostKeyFingerprint,
        },
      })
    ).result!;
    expect(viaPassword['storedSecrets']).toEqual(['db', 'ssh']);
    expect(viaKey['storedSecrets']).toEqual(['db', 'ssh_key']);
    expect(inKeychain(`ssh:${viaPassword['id']}`)).toBe(true);
    expect(inKeychain(`ssh_key:${viaKey['id']}`)).toBe(true);
    for (const saved of [viaPassword, viaKey]) {
      expect((await socket.reply('connections.test', { id: saved['id'] })).result).toMatchObject({
        user: role,
        sshHostKey: info.hostKeyFingerprint,
      });
      await socket.reply('connections.delete', { id: saved['id'] });
    }
    expect(inKeychain(`ssh:${viaPassword['id']}`)).toBe(false);
    expect(inKeychain(`ssh_key:${viaKey['id']}`)).toBe(false);
  });

  it('SC-008: no password reached the data folder, the logs or the replies', async () => {
    await backend.stop();
    const secrets = [
      password,
      sshd.info.passwordUser!.password,
      sshd.info.protectedKeyUser.passphrase,
    ];
    expect(filesUnder(dataDir).some((f) => f.includes('/logs/'))).toBe(true);
    expect(filesContaining(dataDir, secrets)).toEqual([]);
    for (const reply of socket.replies()) for (const s of secrets) expect(reply).not.toContain(s);
    backend = await startTestBackend({ dataDir });
    socket = await openSocket(socketUrl(backend.port, backend.token));
  });
});
