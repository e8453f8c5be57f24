import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startTestBackend, tempDir, type TestBackend } from '../support/backend';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, filesContaining, filesUnder, type TestRole } from '../support/secrets';
import { inKeychain } from '../support/secret-service';
import { openSocket, socketUrl, type Params, type TestSocket } from '../support/socket';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';

/**
 * Every connect failure a view answers with a prompt or a dialog carries its code (and the
 * fields that go with it), over the socket, against real PostgreSQL, sshd and Secret
 * Service; `connections.connect` with `remember` keeps the typed secrets in the keychain.
 */
describe('connections.connect: failures a program can read, and remember', () => {
  const pg = sharedPgServer();
  let login: TestRole;
  let sshd: Supervised<SshdInfo>;
  let dataDir: string;
  let backend: TestBackend;
  let socket: TestSocket;
  const wrong = {
    password: `wrong-db-${randomBytes(4).toString('hex')}`,
    sshPassword: `wrong-ssh-${randomBytes(4).toString('hex')}`,
    sshPassphrase: `wrong-phrase-${randomBytes(4).toString('hex')}`,
  };

  const save = async (params: Params<'connections.save'>): Promise<string> => {
    const reply = await socket.reply('connections.save', params);
    if (!reply.result) throw new Error(`save failed: ${JSON.stringify(reply.error)}`);
    return reply.result['id'] as string;
  };
  const listed = async (id: string) =>
    (
      (await socket.reply('connections.list', {})).result as unknown as Record<string, unknown>[]
    ).find((c) => c['id'] === id)!;
  /** A saved connection to the test role, with no secret stored. */
  const base = (extra: Record<string, unknown> = {}) => ({
    name: `codes ${randomBytes(3).toString('hex')}`,
    host: '127.0.0.1',
    port: pg.port,
    database: pg.database,
    username: login.role,
    sslMode: 'require' as const,
    ...extra,
  });
  /** Its tunnel through the test sshd, logging in as `how`; the host key recorded unless given. */
  const tunnel = (
    how: 'password' | 'key',
    hostKey: string | null = sshd.info.hostKeyFingerprint,
  ) => {
    const { passwordUser, protectedKeyUser } = sshd.info;
    return {
      sshTunnel: {
        host: sshd.info.host,
        port: sshd.info.port,
        ...(how === 'password'
          ? { username: passwordUser!.username, auth: { method: 'password' } }
          : {
              username: protectedKeyUser.username,
              auth: { method: 'key', privateKeyPath: protectedKeyUser.privateKeyPath },
            }),
        hostKey,
      },
    };
  };

  beforeAll(async () => {
    [login, sshd] = await Promise.all([
      createLoginRole(pg, 'tusk_codes'),
      startSshd([`127.0.0.1:${pg.port}`]),
    ]);
    dataDir = tempDir('tusk-codes-');
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

  it('PASSWORD_REQUIRED: no password typed or stored (28P01 as sqlState), for a saved connection and for fields', async () => {
    const id = await save(base());
    expect((await socket.reply('connections.connect', { id })).error).toMatchObject({
      kind: 'authentication',
      stage: 'authentication',
      code: 'PASSWORD_REQUIRED',
      sqlState: '28P01',
      message: `The server asks for the password of "${login.role}"`,
    });
    const fields = {
      host: '127.0.0.1',
      port: pg.port,
      username: login.role,
      sslMode: 'require' as const,
    };
    expect((await socket.reply('connections.test', fields)).error).toMatchObject({
      code: 'PASSWORD_REQUIRED',
      sqlState: '28P01',
    });
    await socket.reply('connections.delete', { id });
  });

  it('PASSWORD_REFUSED: a wrong password typed, or a stored one the server refuses', async () => {
    const id = await save(base());
    expect(
      (await socket.reply('connections.connect', { id, password: wrong.password })).error,
    ).toMatchObject({
      kind: 'authentication',
      code: 'PASSWORD_REFUSED',
      sqlState: '28P01',
      message: `password authentication failed for user "${login.role}"`,
    });
    await save({ ...base(), id, password: wrong.password, rememberPasswords: true });
    expect((await socket.reply('connections.connect', { id })).error).toMatchObject({
      code: 'PASSWORD_REFUSED',
      sqlState: '28P01',
      message: `The saved password for "${login.role}" was refused`,
    });
    await socket.reply('connections.delete', { id });
  });

  it('SSH_PASSWORD_REQUIRED and SSH_PASSWORD_REFUSED: the tunnel logs in with a password', async () => {
    const id = await save(base(tunnel('password')));
    expect(
      (await socket.reply('connections.connect', { id, password: login.password })).error,
    ).toMatchObject({ kind: 'ssh', stage: 'ssh', code: 'SSH_PASSWORD_REQUIRED' });
    const refused = await socket.reply('connections.connect', {
      id,
      password: login.password,
      sshPassword: wrong.sshPassword,
    });
    expect(refused.error).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      code: 'SSH_PASSWORD_REFUSED',
    });
    await socket.reply('connections.delete', { id });
  });

  it('SSH_PASSPHRASE_REQUIRED and SSH_PASSPHRASE_REFUSED: the tunnel logs in with a protected key', async () => {
    const id = await save(base(tunnel('key')));
    expect(
      (await socket.reply('connections.connect', { id, password: login.password })).error,
    ).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      code: 'SSH_PASSPHRASE_REQUIRED',
      message: 'The SSH key file is protected by a passphrase',
    });
    const refused = await socket.reply('connections.connect', {
      id,
      password: login.password,
      sshPassphrase: wrong.sshPassphrase,
    });
    expect(refused.error).toMatchObject({
      kind: 'ssh',
      code: 'SSH_PASSPHRASE_REFUSED',
      message: 'Wrong passphrase for the SSH key file',
    });
    await socket.reply('connections.delete', { id });
  });

  it('SSH_HOST_KEY_UNCONFIRMED names the offered key; SSH_HOST_KEY_CHANGED both keys, as fields', async () => {
    const fresh = await save(base(tunnel('password', null)));
    const sshPassword = sshd.info.passwordUser!.password;
    expect(
      (await socket.reply('connections.connect', { id: fresh, sshPassword })).error,
    ).toMatchObject({
      kind: 'ssh',
      code: 'SSH_HOST_KEY_UNCONFIRMED',
      offeredFingerprint: sshd.info.hostKeyFingerprint,
      detail: sshd.info.hostKeyFingerprint,
    });
    const recorded = `SHA256:${'Q'.repeat(43)}`;
    const changed = await save(base(tunnel('password', recorded)));
    const reply = await socket.reply('connections.connect', {
      id: changed,
      password: login.password,
      sshPassword,
    });
    expect(reply.error).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      code: 'SSH_HOST_KEY_CHANGED',
      recordedFingerprint: recorded,
      offeredFingerprint: sshd.info.hostKeyFingerprint,
    });
    const open = (await socket.reply('connections.status', {})).result as unknown as {
      id: string;
    }[];
    expect(open.map((s) => s.id)).not.toContain(changed);
    expect((await listed(changed))['sshTunnel']).toMatchObject({ hostKey: recorded });
    for (const id of [fresh, changed]) await socket.reply('connections.delete', { id });
  });

  it('a validation error names each field with its problem and bound; a taken name is CONNECTION_NAME_TAKEN', async () => {
    const bad = await socket.reply(
      'connections.save',
      base({ host: ' ', port: 70_000, poolSize: 1.5 }),
    );
    expect(bad.error).toMatchObject({ kind: 'validation' });
    expect(bad.error!['issues']).toEqual(
      expect.arrayContaining([
        { path: 'host', problem: 'empty', message: 'is empty' },
        { path: 'port', problem: 'too_big', limit: 65_535, message: expect.any(String) },
        { path: 'poolSize', problem: 'not_whole', message: expect.any(String) },
      ]),
    );
    const first = base();
    const id = await save(first);
    const again = await socket.reply('connections.save', {
      ...base(),
      name: first.name.toUpperCase(),
    });
    expect(again.error).toMatchObject({
      kind: 'validation',
      code: 'CONNECTION_NAME_TAKEN',
      issues: [{ path: 'name', problem: 'taken', message: expect.stringContaining('already') }],
    });
    await socket.reply('connections.delete', { id });
  });

  it('remember: true keeps the typed password once connected, and nothing else changes', async () => {
    const id = await save(base({ readOnly: true, connectTimeoutMs: 7000, color: 'teal' }));
    const before = await listed(id);
    expect(before['storedSecrets']).toEqual([]);
    const failed = await socket.reply('connections.connect', {
      id,
      password: wrong.password,
      remember: true,
    });
    expect(failed.error).toMatchObject({ code: 'PASSWORD_REFUSED' });
    expect(inKeychain(`db:${id}`)).toBe(false);

    const ok = await socket.reply('connections.connect', {
      id,
      password: login.password,
      remember: true,
    });
    expect(ok.result).toMatchObject({ id });
    expect(inKeychain(`db:${id}`)).toBe(true);
    const after = await listed(id);
    expect(after).toEqual({
      ...before,
      storedSecrets: ['db'],
      lastConnectedAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    // Already open: what this call types is not what logged in, so it is not kept.
    await socket.reply('connections.connect', { id, password: wrong.password, remember: true });
    await socket.reply('connections.disconnect', { id });
    expect((await socket.reply('connections.connect', { id })).result).toMatchObject({ id });
    await socket.reply('connections.disconnect', { id });
    await socket.reply('connections.delete', { id });
    expect(inKeychain(`db:${id}`)).toBe(false);
  });

  it('remember: a list keeps only the secrets named, and only those that belong to the connection', async () => {
    const viaPassword = await save(base(tunnel('password')));
    const named = await socket.reply('connections.connect', {
      id: viaPassword,
      password: login.password,
      sshPassword: sshd.info.passwordUser!.password,
      remember: ['sshPassword'],
    });
    expect(named.result).toMatchObject({ sshHostKey: sshd.info.hostKeyFingerprint });
    expect((await listed(viaPassword))['storedSecrets']).toEqual(['ssh']);
    expect(inKeychain(`db:${viaPassword}`)).toBe(false);

    const viaKey = await save(base(tunnel('key')));
    const all = await socket.reply('connections.connect', {
      id: viaKey,
      password: login.password,
      sshPassword: wrong.sshPassword,
      sshPassphrase: sshd.info.protectedKeyUser.passphrase,
      remember: true,
    });
    expect(all.result).toMatchObject({ id: viaKey });
    // The SSH password typed does not belong to a tunnel that logs in with a key.
    expect((await listed(viaKey))['storedSecrets']).toEqual(['db', 'ssh_key']);
    expect(inKeychain(`ssh:${viaKey}`)).toBe(false);
    await socket.reply('connections.disconnect', { id: viaKey });
    expect((await socket.reply('connections.connect', { id: viaKey })).result).toMatchObject({
      id: viaKey,
    });

    expect(
      (await socket.request('connections.connect', { id: viaKey, remember: ['bogus'] }))['error'],
    ).toMatchObject({
      kind: 'validation',
      issues: [expect.objectContaining({ path: 'remember' })],
    });
    for (const id of [viaPassword, viaKey]) await socket.reply('connections.delete', { id });
  });

  it('no secret typed or remembered reached the data folder (SQLite, logs) or a reply', async () => {
    await backend.stop();
    const secrets = [
      login.password,
      sshd.info.passwordUser!.password,
      sshd.info.protectedKeyUser.passphrase,
      ...Object.values(wrong),
    ];
    expect(filesUnder(dataDir).some((f) => f.endsWith('.db'))).toBe(true);
    expect(filesUnder(dataDir).some((f) => f.includes('/logs/'))).toBe(true);
    expect(filesContaining(dataDir, secrets)).toEqual([]);
    for (const reply of socket.replies())
      for (const secret of secrets) expect(reply).not.toContain(secret);
    backend = await startTestBackend({ dataDir });
    socket = await openSocket(socketUrl(backend.port, backend.token));
  });
});
