import { readFileSync } from 'node:fs';
import { tempDir } from '../support/backend';
import { runNode, type RunningCommand } from '../support/cli';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, filesContaining, filesUnder, type TestRole } from '../support/secrets';
import { openSocket, socketUrl, type Params } from '../support/socket';

const URL_LINE = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\/([0-9a-f]{64})\//;

describe('a password used and failed with leaves no trace in the data folder', () => {
  const pg = sharedPgServer();
  let login: TestRole;
  let running: RunningCommand | undefined;

  beforeAll(async () => {
    login = await createLoginRole(pg, 'tusk_scan');
  });
  afterAll(async () => {
    await running?.stop();
    await login?.drop();
  });

  it('connects, fails with the password inside URLs and errors, then finds it in no file', async () => {
    const { role, password, suffix } = login;
    const dataDir = tempDir('tusk-scan-');
    running = runNode('dist/app/serve.js', ['--no-open', '--port', '0', '--data-dir', dataDir], {
      ...process.env,
      TUSK_LOG: 'trace',
    });
    const [, port, token] = await running.waitFor(URL_LINE);
    const socket = await openSocket(socketUrl(Number(port), token!), {}, { keepReplies: true });
    const testConnection = (params: Params<'connections.test'>) =>
      socket.reply('connections.test', params);
    const inUrl = encodeURIComponent(password);
    const base = { host: pg.host, port: pg.port, username: role, database: pg.database };

    expect((await testConnection({ ...base, password })).result).toMatchObject({ user: role });
    expect(
      (
        await testConnection({
          url: `postgres://${role}:${inUrl}@${pg.host}:${pg.port}/no_db_${suffix}`,
        })
      )['error'],
    ).toMatchObject({ code: '3D000' });
    expect(
      (
        await testConnection({
          url: `postgresql://${role}:${inUrl}@${pg.host}:1/x?sslmode=disable`,
        })
      )['error'],
    ).toMatchObject({ kind: 'connection' });
    expect(
      (await testConnection({ url: `postgres://${role}:${inUrl}@${pg.host}/x?sslmode=bogus` }))
        .error,
    ).toMatchObject({ kind: 'validation', message: 'Unknown sslmode "bogus"' });
    expect(
      (await testConnection({ url: `postgres://${role}:${password}@${pg.host}:${pg.port}/x` }))
        .error,
    ).toMatchObject({ kind: 'validation' });
    expect((await testConnection({ ...base, password: `${password}-wrong` })).error).toMatchObject({
      code: 'PASSWORD_REFUSED',
      sqlState: '28P01',
    });
    socket.close();
    expect(await running.stop()).toBe(143);

    for (const reply of socket.replies()) expect(reply).not.toContain(password);
    const files = filesUnder(dataDir);
    const logs = files.filter((f) => f.includes('/logs/tusk.'));
    expect(logs).toHaveLength(1);
    const log = readFileSync(logs[0]!, 'utf8');
    expect(log).toContain(`TRACE router ← connections.test`);
    expect(log).toContain('[redacted]');
    expect(log).toContain(`no_db_${suffix}`);
    expect(
      filesContaining(dataDir, [password, inUrl, JSON.stringify(password).slice(1, -1)]),
    ).toEqual([]);
    expect(running.stderr()).not.toContain(password);
    expect(running.stdout()).not.toContain(password);
  });

  it('redacts URL passwords that no pattern catches from the trace of the request', async () => {
    const dataDir = tempDir('tusk-scan-');
    running = runNode('dist/app/serve.js', ['--no-open', '--port', '0', '--data-dir', dataDir], {
      ...process.env,
      TUSK_LOG: 'trace',
    });
    const [, port, token] = await running.waitFor(URL_LINE);
    const socket = await openSocket(socketUrl(Number(port), token!));
    const secrets = [
      "Quo'te-p4ss-1",
      'Spa ce-p4ss-2',
      'Sla/sh-p4ss-3',
      'Junk#?&%=;-p4ss-13',
      'Dou"ble\\back-p4ss-5',
      'At@sign-p4ss-6',
    ];
    for (const secret of secrets) {
      for (const url of [
        `postgres://someone:${secret}@127.0.0.1:1/db?sslmode=disable`,
        `postgresql://someone:${secret}@[::1]:1/db`,
      ]) {
        const reply = await socket.request('connections.test', { url, connectTimeoutMs: 500 });
        expect(reply.error).toBeDefined();
        expect(JSON.stringify(reply)).not.toContain(secret);
      }
    }
    socket.close();
    expect(await running.stop()).toBe(143);
    const [log] = filesUnder(dataDir).filter((f) => f.includes('/logs/tusk.'));
    const text = readFileSync(log!, 'utf8');
    expect(text).toContain(
      'TRACE router ← connections.test {"url":"postgres://[redacted]@127.0.0.1:1/db',
    );
    const leaks = secrets.flatMap((secret) =>
      [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]
        .concat(secret.split('-p4ss')[0]!)
        .filter((form) => text.includes(form))
        .map((form) => `${secret} as ${form}`),
    );
    expect(leaks).toEqual([]);
  });
});
