import { tempDir } from '../support/backend';
import { runNode, type RunningCommand } from '../support/cli';
import { sharedPgServer } from '../support/postgres';
import { createLoginRole, filesContaining, type TestRole } from '../support/secrets';
import { openSocket, socketUrl } from '../support/socket';

const URL_LINE = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\/([0-9a-f]{64})\//;

describe('without D-Bus: passwords for this session only', () => {
  const pg = sharedPgServer();
  let user: TestRole;
  let running: RunningCommand | undefined;

  beforeAll(async () => {
    user = await createLoginRole(pg, 'tusk_nobus');
  });
  afterAll(async () => {
    await running?.stop();
    await user?.drop();
  });

  it('starts, reports the fallback and why, connects with a typed or session password, writes no secret', async () => {
    const { role, password, suffix } = user;
    const dataDir = tempDir('tusk-nobus-');
    const env: NodeJS.ProcessEnv = { ...process.env, TUSK_LOG: 'trace' };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    delete env['DISPLAY'];
    running = runNode(
      'dist/app/serve.js',
      ['--no-open', '--port', '0', '--data-dir', dataDir],
      env,
    );
    const [, port, token] = await running.waitFor(URL_LINE);
    const socket = await openSocket(socketUrl(Number(port), token!));

    expect((await socket.request('app.health', {}))['result']).toMatchObject({
      credentials: {
        store: 'session',
        problem: {
          kind: 'credential',
          message: 'No D-Bus session is available for the keychain',
          hint: expect.stringContaining('session only'),
        },
      },
    });
    expect((await socket.request('app.notices', {}))['result']).toEqual([
      expect.objectContaining({
        level: 'warning',
        message:
          'Passwords will not be remembered after Tusk closes: No D-Bus session is available for the keychain.',
      }),
    ]);

    const login = { host: pg.host, port: pg.port, database: pg.database, username: role };
    expect(
      (await socket.request('connections.test', { ...login, password }))['result'],
    ).toMatchObject({ user: role });
    const saved = (
      await socket.request('connections.save', {
        ...login,
        name: `nobus ${suffix}`,
        password,
        rememberPasswords: true,
      })
    )['result'] as { id: string; storedSecrets: string[] };
    expect(saved.storedSecrets).toEqual(['db']);
    expect((await socket.request('connections.test', { id: saved.id }))['result']).toMatchObject({
      user: role,
    });
    socket.close();
    expect(await running.stop()).toBe(143);

    expect(filesContaining(dataDir, [password])).toEqual([]);
    expect(running.stderr()).not.toContain(password);
  });
});
