import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Client, type ConnectConfig } from 'ssh2';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { startSshd, type SshdInfo } from '../support/sshd';
import type { Supervised } from '../support/supervised';

function sshConnect(config: ConnectConfig): Promise<{ client: Client; hostKeySha256: string }> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKeySha256 = '';
    client.once('ready', () => resolve({ client, hostKeySha256 }));
    client.once('error', reject);
    client.connect({
      ...config,
      readyTimeout: 10_000,
      hostVerifier: (key: Buffer) => {
        hostKeySha256 = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
        return true;
      },
    });
  });
}

/** A local port forwarding every connection through `client` to host:port. */
function forward(client: Client, host: string, port: number): Promise<Server> {
  const server = createServer((socket) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
      if (error) return socket.destroy(error);
      socket.pipe(stream).pipe(socket);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('sshd harness (OpenSSH)', () => {
  const pg = sharedPgServer();
  let sshd: Supervised<SshdInfo>;
  beforeAll(async () => {
    sshd = await startSshd([`127.0.0.1:${pg.port}`]);
  }, 30_000);
  afterAll(() => sshd?.stop());

  it('logs in with a key, shows its host key, and forwards to PostgreSQL', async () => {
    const { client, hostKeySha256 } = await sshConnect({
      host: sshd.info.host,
      port: sshd.info.port,
      username: sshd.info.keyUser.username,
      privateKey: readFileSync(sshd.info.keyUser.privateKeyPath),
    });
    expect(hostKeySha256).toBe(sshd.info.hostKeyFingerprint);
    const local = await forward(client, '127.0.0.1', pg.port);
    const sql = superuserSql({
      ...pg,
      host: '127.0.0.1',
      port: (local.address() as AddressInfo).port,
    });
    try {
      const [row] = await sql`SELECT 41 + 1 AS answer`;
      expect(row?.['answer']).toBe(42);
    } finally {
      await sql.end();
      local.close();
      client.end();
    }
  });

  it('accepts the password user and a passphrase-protected key', async () => {
    expect(sshd.info.passwordUser).not.toBeNull(); // the harness runs as root (npm test installs as root)
    const byPassword = await sshConnect({
      host: sshd.info.host,
      port: sshd.info.port,
      username: sshd.info.passwordUser!.username,
      password: sshd.info.passwordUser!.password,
    });
    byPassword.client.end();
    const byKey = await sshConnect({
      host: sshd.info.host,
      port: sshd.info.port,
      username: sshd.info.protectedKeyUser.username,
      privateKey: readFileSync(sshd.info.protectedKeyUser.privateKeyPath),
      passphrase: sshd.info.protectedKeyUser.passphrase,
    });
    byKey.client.end();
  });

  it('refuses a wrong password and a forward to a port it does not permit', async () => {
    await expect(
      sshConnect({
        host: sshd.info.host,
        port: sshd.info.port,
        username: sshd.info.passwordUser!.username,
        password: 'wrong-password',
      }),
    ).rejects.toThrow(/authentication/i);
    const { client } = await sshConnect({
      host: sshd.info.host,
      port: sshd.info.port,
      username: sshd.info.keyUser.username,
      privateKey: readFileSync(sshd.info.keyUser.privateKeyPath),
    });
    const refused = await new Promise<(Error & { reason?: number }) | undefined>((resolve) =>
      client.forwardOut('127.0.0.1', 0, '127.0.0.1', pg.port + 1, (error) => resolve(error)),
    );
    client.end();
    expect(refused?.message).toMatch(/open failed/);
    expect(refused?.reason).toBe(1); // SSH_OPEN_ADMINISTRATIVELY_PROHIBITED (PermitOpen)
  });
});
