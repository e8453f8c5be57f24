import { randomBytes } from 'node:crypto';
import { startTestBackend, type TestBackend } from '../support/backend';
import {
  recordingProxy,
  sharedPgServer,
  startPgServer,
  type PgServerInfo,
  type RecordingProxy,
} from '../support/postgres';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';

/**
 * The harness's role `tusk_cleartext` has pg_hba method `password`: the server asks for its
 * password in clear text (AuthenticationCleartextPassword). Every login goes through a
 * recording proxy, so the tests see whether the password crossed the wire readable.
 */
describe('a server asking for the password in clear text (libpq require_auth as the model)', () => {
  const pg = sharedPgServer();
  const role = pg.cleartext!;
  let plain: Supervised<PgServerInfo>;
  let sshd: Supervised<SshdInfo>;
  let backend: TestBackend;
  let socket: TestSocket;
  /** In front of the shared server (TLS on, plain allowed). */
  let proxy: RecordingProxy;
  /** In front of a server without TLS. */
  let plainProxy: RecordingProxy;

  const fields = (extra: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: proxy.port,
    username: role.username,
    password: role.password,
    database: pg.database,
    ...extra,
  });
  const refusal = (port: number) => ({
    kind: 'authentication',
    stage: 'authentication',
    code: 'CLEARTEXT_PASSWORD_REFUSED',
    message: `127.0.0.1:${port} asks for the password of "${role.username}" in clear text, over a connection that is not encrypted`,
    hint: expect.stringMatching(
      /^Tusk did not send it\. Use SSL mode "require".*SSH tunnel.*allow cleartext passwords in this connection's settings/,
    ),
  });

  beforeAll(async () => {
    [plain, sshd] = await Promise.all([startPgServer('off'), startSshd([`127.0.0.1:${pg.port}`])]);
    proxy = await recordingProxy(pg.port);
    plainProxy = await recordingProxy(plain.info.port);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await proxy?.close();
    await plainProxy?.close();
    await Promise.all([plain?.stop(), sshd?.stop()]);
  });

  it('over a plain connection (sslmode=disable) the login is refused and the password never leaves Tusk', async () => {
    const reply = await socket.reply('connections.test', fields({ sslMode: 'disable' }));
    expect(reply.error).toEqual(refusal(proxy.port));
    expect(proxy.connections()).toBeGreaterThan(0);
    expect(proxy.received(role.password)).toBe(false);
    expect(JSON.stringify(reply)).not.toContain(role.password);
  });

  it('sslmode=prefer falling back to plain (a server without TLS) is refused the same way', async () => {
    const reply = await socket.reply(
      'connections.test',
      fields({ port: plainProxy.port, sslMode: 'prefer' }),
    );
    expect(reply.error).toEqual(refusal(plainProxy.port));
    expect(plainProxy.received(role.password)).toBe(false);
  });

  it('the same login over TLS succeeds: sslmode=require, and prefer when the server offers TLS', async () => {
    const tls = await recordingProxy(pg.port);
    const via = (sslMode: string) =>
      socket.reply('connections.test', fields({ port: tls.port, sslMode }));
    expect((await via('disable')).error).toEqual(refusal(tls.port));
    for (const sslMode of ['require', 'prefer']) {
      expect((await via(sslMode)).result).toMatchObject({ user: role.username, tls: true });
    }
    expect(tls.received(role.password)).toBe(false);
    await tls.close();
  });

  it('allowed for the connection (allowCleartextPassword), it succeeds over plain — and the password does cross in clear text', async () => {
    const via = (allow: boolean) =>
      socket.reply(
        'connections.test',
        fields({ port: plainProxy.port, sslMode: 'disable', allowCleartextPassword: allow }),
      );
    expect((await via(false)).error).toEqual(refusal(plainProxy.port));
    expect(plainProxy.received(role.password)).toBe(false);
    expect((await via(true)).result).toMatchObject({ user: role.username, tls: false });
    expect(plainProxy.received(role.password)).toBe(true);
  });

  it('a saved connection keeps the setting (default off): refused on test and connect until allowed', async () => {
    const name = `cleartext ${randomBytes(3).toString('hex')}`;
    const base = {
      name,
      host: '127.0.0.1',
      port: proxy.port,
      database: pg.database,
      username: role.username,
      sslMode: 'disable' as const,
    };
    const saved = (
      await socket.reply('connections.save', {
        ...base,
        password: role.password,
        rememberPasswords: true,
      })
    ).result!;
    const id = saved['id'] as string;
    expect(saved).toMatchObject({ allowCleartextPassword: false, storedSecrets: ['db'] });
    expect((await socket.reply('connections.test', { id })).error).toEqual(refusal(proxy.port));
    expect((await socket.reply('connections.connect', { id })).error).toEqual(refusal(proxy.port));

    const allowed = (
      await socket.reply('connections.save', { ...base, id, allowCleartextPassword: true })
    ).result!;
    expect(allowed).toMatchObject({ allowCleartextPassword: true, storedSecrets: ['db'] });
    expect((await socket.reply('connections.list', {})).result).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, allowCleartextPassword: true })]),
    );
    expect((await socket.reply('connections.test', { id })).result).toMatchObject({
      user: role.username,
      tls: false,
    });
    expect((await socket.reply('connections.connect', { id })).result).toMatchObject({
      tls: false,
    });
    await socket.reply('connections.delete', { id });
  });

  it('through an SSH tunnel (encrypted up to the SSH server) a plain login may send it', async () => {
    const info = sshd.info;
    const direct = {
      name: `cleartext ssh ${randomBytes(3).toString('hex')}`,
      host: '127.0.0.1',
      port: pg.port,
      database: pg.database,
      username: role.username,
      sslMode: 'disable' as const,
    };
    const id = (await socket.reply('connections.save', direct)).result!['id'];
    expect((await socket.reply('connections.test', { id, password: role.password })).error).toEqual(
      refusal(pg.port),
    );
    const tunnelled = (
      await socket.reply('connections.save', {
        ...direct,
        id,
        sshTunnel: {
          host: info.host,
          port: info.port,
          username: info.keyUser.username,
          auth: { method: 'key', privateKeyPath: info.keyUser.privateKeyPath },
          hostKey: info.hostKeyFingerprint,
        },
      })
    ).result!;
    expect(tunnelled['allowCleartextPassword']).toBe(false);
    expect(
      (await socket.reply('connections.test', { id, password: role.password })).result,
    ).toMatchObject({
      user: role.username,
      tls: false,
      sshHostKey: info.hostKeyFingerprint,
    });
    await socket.reply('connections.delete', { id });
  });
});
