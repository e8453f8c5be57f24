import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { refusedPort, silentServer } from '../../support/net';
import postgres from 'postgres';
import { utils } from 'ssh2';
import { openSshTunnel, type SshTunnelOptions } from '../../../app/models/connections/ssh-tunnel';
import { TuskError } from '../../../app/models/errors/errors';
import { sharedPgServer } from '../../support/postgres';
import { startSshd, type SshdInfo } from '../../support/sshd';
import type { Supervised } from '../../support/supervised';
import { tempDir } from '../../support/backend';

/** The ErrorInfo of a tunnel that fails to open. */
async function failure(options: SshTunnelOptions) {
  const error = await openSshTunnel(options).then(
    async (tunnel) => {
      await tunnel.close();
      throw new Error('the tunnel opened');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TuskError);
  return (error as TuskError).toErrorInfo();
}

describe('SSH tunnel and its failures (real sshd)', () => {
  const pg = sharedPgServer();
  let sshd: Supervised<SshdInfo>;
  let dir: string;
  let base: SshTunnelOptions;
  beforeAll(async () => {
    sshd = await startSshd([`127.0.0.1:${pg.port}`]);
    dir = tempDir('tusk-ssh-');
    base = {
      host: sshd.info.host,
      port: sshd.info.port,
      username: sshd.info.keyUser.username,
      auth: { method: 'key', privateKeyPath: sshd.info.keyUser.privateKeyPath },
      knownHostKey: sshd.info.hostKeyFingerprint,
      target: { host: '127.0.0.1', port: pg.port },
      readyTimeoutMs: 5000,
    };
  }, 60_000);
  afterAll(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards a PostgreSQL connection through the tunnel and closes it', async () => {
    const tunnel = await openSshTunnel(base);
    expect(tunnel.hostKey).toBe(sshd.info.hostKeyFingerprint);
    const sql = postgres({
      host: tunnel.localHost,
      port: tunnel.localPort,
      user: pg.username,
      password: pg.password,
      database: 'postgres',
      max: 1,
    });
    const [row] = await sql<{ answer: number }[]>`SELECT 6 * 7 AS answer`;
    expect(row!.answer).toBe(42);
    await sql.end();
    await tunnel.close();
    const refused = await new Promise<string>((resolve) => {
      const probe = createServer();
      probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? ''));
      probe.listen(tunnel.localPort, '127.0.0.1', () => probe.close(() => resolve('free')));
    });
    expect(refused).toBe('free');
  });

  it('a key with its passphrase works; without it or with a wrong one, says so', async () => {
    const user = sshd.info.protectedKeyUser;
    const withPassphrase = {
      ...base,
      auth: {
        method: 'key' as const,
        privateKeyPath: user.privateKeyPath,
        passphrase: user.passphrase,
      },
    };
    await (await openSshTunnel(withPassphrase)).close();
    expect(
      await failure({ ...base, auth: { method: 'key', privateKeyPath: user.privateKeyPath } }),
    ).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      message: 'The SSH key file is protected by a passphrase',
      hint: expect.stringContaining('passphrase'),
    });
    const wrong = await failure({
      ...base,
      auth: {
        method: 'key',
        privateKeyPath: user.privateKeyPath,
        passphrase: 'not-the-passphrase',
      },
    });
    expect(wrong).toMatchObject({ kind: 'ssh', message: 'Wrong passphrase for the SSH key file' });
    expect(JSON.stringify(wrong)).not.toContain('not-the-passphrase');
  });

  it('wrong key: authentication fails with a hint about authorized_keys', async () => {
    const stranger = utils.generateKeyPairSync('ed25519');
    const keyPath = join(dir, 'stranger_ed25519');
    writeFileSync(keyPath, stranger.private, { mode: 0o600 });
    expect(await failure({ ...base, auth: { method: 'key', privateKeyPath: keyPath } })).toEqual({
      kind: 'ssh',
      stage: 'ssh',
      message: `SSH authentication failed for "${base.username}" at ${base.host}:${base.port}`,
      hint: expect.stringContaining('authorized_keys'),
      detail: expect.any(String),
    });
  });

  it('wrong password: authentication fails and the password is not echoed', async () => {
    const user = sshd.info.passwordUser;
    expect(user).not.toBeNull();
    await (
      await openSshTunnel({
        ...base,
        username: user!.username,
        auth: { method: 'password', password: user!.password },
      })
    ).close();
    const info = await failure({
      ...base,
      username: user!.username,
      auth: { method: 'password', password: 'wrong-ssh-password-123' },
    });
    expect(info).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      hint: `Check the SSH user name "${user!.username}" and its password.`,
    });
    expect(JSON.stringify(info)).not.toContain('wrong-ssh-password-123');
  });

  it('changed host key: refused, naming both fingerprints', async () => {
    const recorded = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(await failure({ ...base, knownHostKey: recorded })).toEqual({
      kind: 'ssh',
      stage: 'ssh',
      code: 'SSH_HOST_KEY_CHANGED',
      message: `The SSH host key of ${base.host}:${base.port} has changed`,
      detail: `Recorded ${recorded}, the server sent ${sshd.info.hostKeyFingerprint}.`,
      recordedFingerprint: recorded,
      offeredFingerprint: sshd.info.hostKeyFingerprint,
      hint: expect.stringContaining('intercepting'),
    });
  });

  it('first use: no recorded key, the tunnel opens and reports the fingerprint to confirm', async () => {
    const tunnel = await openSshTunnel({ ...base, knownHostKey: undefined });
    expect(tunnel.hostKey).toBe(sshd.info.hostKeyFingerprint);
    await tunnel.close();
  });

  it('forward refused by the server names the target and sshd_config', async () => {
    expect(await failure({ ...base, target: { host: '127.0.0.1', port: 1 } })).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      message: 'The SSH server refused to forward to 127.0.0.1:1',
      hint: expect.stringContaining('PermitOpen'),
    });
  });

  it('a server that never answers the handshake times out, saying how long it waited', async () => {
    const silent = await silentServer();
    const port = silent.port;
    expect(await failure({ ...base, port, readyTimeoutMs: 1000 })).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      message: `The SSH server at 127.0.0.1:${port} did not complete the handshake within 1 s`,
      hint: expect.stringContaining('try again'),
    });
    silent.close();
  });

  it('refused SSH port, missing key file', async () => {
    const port = await refusedPort();
    expect(await failure({ ...base, port })).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      message: `Connection refused by the SSH server at 127.0.0.1:${port}`,
    });
    expect(
      await failure({ ...base, auth: { method: 'key', privateKeyPath: join(dir, 'missing') } }),
    ).toMatchObject({
      kind: 'ssh',
      stage: 'ssh',
      message: `Cannot read the SSH key file ${join(dir, 'missing')}: it does not exist`,
    });
  });
});
