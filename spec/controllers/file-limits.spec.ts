import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestBackend, tempDir } from '../support/backend';
import { sharedPgServer } from '../support/postgres';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';

/**
 * A path the user types is read only when it is a small regular file: /dev/zero as a CA
 * file once grew the backend to 13.6 GB until it was killed.
 */
const NOT_REGULAR = 'it is not a regular file (a device, a pipe or a socket)';

describe('certificate and key paths: only small regular files are read', () => {
  const pg = sharedPgServer();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let socket: TestSocket;
  const dir = tempDir('tusk-files-');
  const big = join(dir, 'big.pem');
  const fifo = join(dir, 'pipe.pem');
  const folder = join(dir, 'folder.pem');

  beforeAll(async () => {
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x41));
    execFileSync('mkfifo', [fifo]);
    mkdirSync(folder);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
  });
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
  });

  const cases: [string, () => string, string][] = [
    ['a device (/dev/zero)', () => '/dev/zero', NOT_REGULAR],
    ['a named pipe with no writer', () => fifo, NOT_REGULAR],
    ['a 2 MB file', () => big, 'it is larger than 1 MB'],
    ['a folder', () => folder, 'it is a folder'],
  ];

  it.each(cases)('a CA file that is %s is refused at once, field or URL', async (_n, path, why) => {
    const login = { host: pg.host, port: pg.port, username: pg.username, password: pg.password };
    const url = `postgres://${pg.username}@${pg.host}:${pg.port}/${pg.database}?sslmode=verify-ca&sslrootcert=${encodeURIComponent(path())}`;
    for (const params of [
      { ...login, sslMode: 'verify-ca', sslRootCert: path() },
      { url, password: pg.password },
    ]) {
      const started = Date.now();
      const reply = await socket.request('connections.test', params);
      expect(reply['error']).toMatchObject({
        kind: 'tls',
        stage: 'tls',
        message: `Cannot read the CA certificate file ${path()}: ${why}`,
        hint: expect.any(String),
      });
      expect(Date.now() - started).toBeLessThan(2000);
    }
    const health = await socket.request('app.health', {});
    expect(health['result']).toMatchObject({ name: 'Tusk' });
  });

  it.each(cases)('an SSH key file that is %s is refused at once', async (_n, path, why) => {
    const saved = await socket.request('connections.save', {
      name: `key ${path()} ${Math.random()}`,
      host: pg.host,
      port: pg.port,
      database: pg.database,
      username: pg.username,
      sslMode: 'disable',
      sshTunnel: {
        host: '127.0.0.1',
        port: 22,
        username: 'nobody',
        auth: { method: 'key', privateKeyPath: path() },
      },
    });
    const id = (saved['result'] as { id: string }).id;
    const reply = await socket.request('connections.test', { id });
    expect(reply['error']).toMatchObject({
      kind: 'ssh',
      message: `Cannot read the SSH key file ${path()}: ${why}`,
    });
    await socket.request('connections.delete', { id });
  });
});
