import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';
import { tempDir } from '../support/backend';
import { runNode, type RunningCommand } from '../support/cli';
import { waitUntil } from '../support/wait';
import { openSocket, socketUrl } from '../support/socket';

const URL_LINE = /Tusk is running at (http:\/\/127\.0\.0\.1:(\d+)\/([0-9a-f]{64})\/)/;

describe('browser mode from the command line (node dist/app/serve.js)', () => {
  let running: RunningCommand | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('prints the address; the page needs the token, and so does the socket', async () => {
    const dataDir = join(tempDir(), 'fresh', 'data');
    running = runNode('dist/app/serve.js', ['--no-open', '--port', '0', '--data-dir', dataDir]);
    const [, url, port, token] = await running.waitFor(URL_LINE);
    expect((await fetch(url!)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
    await expect(openSocket(socketUrl(Number(port), null))).rejects.toThrow('HTTP 401');
    const socket = await openSocket(socketUrl(Number(port), token!));
    expect((await socket.request('app.health', {}))['result']).toMatchObject({
      dataDir,
      logDir: join(dataDir, 'logs'),
    });
    socket.close();
    expect(await running.stop()).toBe(143);
  });

  it('opens the browser on a 0600 launch file, never with the token on a command line', async () => {
    const dataDir = tempDir();
    const bin = tempDir();
    const seen = join(bin, 'argv.txt');
    // A stand-in for the desktop's opener: records the command line every local user can see with ps.
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    running = runNode('dist/app/serve.js', ['--port', '0', '--data-dir', dataDir], {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    });
    const [, url, , token] = await running.waitFor(URL_LINE);
    await waitUntil(() => existsSync(seen));
    const argv = readFileSync(seen, 'utf8');
    expect(argv).not.toContain(token!);
    const launch = argv.trim();
    expect(launch).toBe(join(dataDir, 'tusk-open.html'));
    expect(statSync(launch).mode & 0o777).toBe(0o600);
    expect(readFileSync(launch, 'utf8')).toContain(`content="0;url=${url}"`);
    expect((await fetch(url!)).status).toBe(200);
    await running.stop();
    running = undefined;
    expect(existsSync(launch)).toBe(false);
  });

  it('an unwritable log folder still serves, logs to the console and reports a notice', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'logs'), 'a file where the log folder should be');
    running = runNode('dist/app/serve.js', ['--no-open', '--port', '0', '--data-dir', dataDir]);
    const [, , port, token] = await running.waitFor(URL_LINE);
    const socket = await openSocket(socketUrl(Number(port), token!));
    expect((await socket.request('app.health', {}))['result']).toMatchObject({ logDir: null });
    expect((await socket.request('app.notices', {}))['result']).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^Cannot write logs to .*logs: .*console only\.$/),
      }),
    ]);
    socket.close();
    expect(running.stderr()).toContain('Logging to the console only.');
  });

  it('says clearly when the port is taken, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    running = runNode('dist/app/serve.js', [
      '--no-open',
      '--port',
      String(port),
      '--data-dir',
      tempDir(),
    ]);
    expect(await running.exited()).toBe(1);
    expect(running.stderr()).toContain(`Tusk could not start: Port ${port} is already in use`);
    expect(running.stderr()).toContain('--port 0');
    blocker.close();
  });

  it('an unusable data folder still starts, in memory, and says that nothing will be kept', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    running = runNode('dist/app/serve.js', [
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      join(file, 'data'),
    ]);
    const [, , port, token] = await running.waitFor(URL_LINE);
    const socket = await openSocket(socketUrl(Number(port), token!));
    expect((await socket.request('app.health', {}))['result']).toMatchObject({
      dataDir: null,
      logDir: null,
      storage: { inMemory: true, path: null, isHealthy: true },
    });
    expect((await socket.request('app.notices', {}))['result']).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          /^Nothing will be kept after Tusk closes: Cannot use the data folder .*a-file\/data \(ENOTDIR\)\.$/,
        ),
        detail: expect.stringContaining('--data-dir'),
      }),
    ]);
    socket.close();
  });

  it('refuses an unknown flag with the way to get help, and exits 2', async () => {
    running = runNode('dist/app/serve.js', ['--colour']);
    expect(await running.exited()).toBe(2);
    expect(running.stderr()).toContain('Tusk could not start: Unknown flag "--colour"');
    expect(running.stderr()).toContain('--help');
  });

  it('--help lists every flag', async () => {
    running = runNode('dist/app/serve.js', ['--help']);
    expect(await running.exited()).toBe(0);
    for (const flag of ['--port N', '--data-dir DIR', '--no-open', '--demo'])
      expect(running.stdout()).toContain(flag);
  });

  it('--demo starts an embedded PostgreSQL with sample data that a client can query', async () => {
    const demoFolders = () => readdirSync(tmpdir()).filter((f) => f.startsWith('tusk-demo-'));
    const before = demoFolders();
    running = runNode('dist/app/serve.js', ['--no-open', '--demo', '--data-dir', tempDir()]);
    const [, where] = await running.waitFor(/Demo database ready: (postgres:\/\/\S+)/, 90_000);
    const [, , port, token] = await running.waitFor(URL_LINE);
    const sql = postgres(where!, { max: 1, onnotice: () => {} });
    const [row] =
      await sql`SELECT count(*)::int AS orders, (SELECT count(*)::int FROM revenue_by_country) AS countries FROM orders`;
    expect(row).toEqual({ orders: 2000, countries: 6 });
    await sql.end();
    const socket = await openSocket(socketUrl(Number(port), token!));
    const notices = (await socket.request('app.notices', {}))['result'] as { message: string }[];
    expect(notices[0]?.message).toMatch(/^Demo database on 127\.0\.0\.1:\d+: database tusk_demo/);
    socket.close();
    expect(await running.stop()).toBe(143);
    const after = postgres(where!, { max: 1, connect_timeout: 2, onnotice: () => {} });
    await expect(after`SELECT 1`).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await after.end();
    expect(demoFolders()).toEqual(before);
  }, 120_000);
});

describe('npm start without the NW.js runtime', () => {
  it('says so in one line and runs browser mode', async () => {
    const running = runNode('scripts/start.mjs', [
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      tempDir(),
    ]);
    try {
      const [, url] = await running.waitFor(URL_LINE);
      const lines = running.stdout().split('\n');
      expect(lines.filter((l) => l.includes('NW.js runtime not installed'))).toHaveLength(1);
      expect(lines.findIndex((l) => l.includes('NW.js'))).toBeLessThan(
        lines.findIndex((l) => URL_LINE.test(l)),
      );
      expect((await fetch(url!)).status).toBe(200);
    } finally {
      expect(await running.stop()).toBe(143);
    }
  });

  it('says so when the backend process dies, instead of exiting silently', async () => {
    const dataDir = tempDir();
    const running = runNode('scripts/start.mjs', [
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ]);
    await running.waitFor(URL_LINE);
    const backendPid = readdirSync('/proc').find((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.includes('dist/app/serve.js') && cmd.includes(dataDir);
      } catch {
        return false;
      }
    });
    expect(backendPid).toBeDefined();
    process.kill(Number(backendPid), 'SIGKILL');
    expect(await running.exited()).toBe(1);
    expect(running.stderr()).toContain('Tusk stopped unexpectedly (SIGKILL)');
  });
});
