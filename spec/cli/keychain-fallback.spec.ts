import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/backend';
import { runNode, type RunningCommand } from '../support/cli';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { openSocket, socketUrl } from '../support/socket';

const URL_LINE = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('without D-Bus: passwords for this session only', () => {
  const pg = sharedPgServer();
  const suffix = randomBytes(4).toString('hex');
  const role = `tusk_nobus_${suffix}`;
  const password = `NoBus-pw:${suffix}`;
  let running: RunningCommand | undefined;

  beforeAll(async () => {
    const sql = superuserSql(pg);
    await sql.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await sql.end();
  });
  afterAll(async () => {
    await running?.stop();
    const sql = superuserSql(pg);
    await sql.unsafe(`DROP ROLE IF EXISTS ${role}`);
    await sql.end();
  });

  it('starts, reports the fallback and why, connects with a typed or session password, writes no secret', async () => {
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

    for (const file of filesUnder(dataDir)) {
      expect({ file, found: readFileSync(file).includes(password) }).toEqual({
        file,
        found: false,
      });
    }
    expect(running.stderr()).not.toContain(password);
  });
});
