import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { tempDir } from '../support/backend';
import { launchChromium } from '../support/browser';
import { ROOT, runNode, type RunningCommand } from '../support/cli';
import { page, runQuery } from '../support/queries';
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
    for (const flag of ['--port N', '--data-dir DIR', '--portable', '--no-open', '--demo'])
      expect(running.stdout()).toContain(flag);
  });

  it('--demo starts an embedded PostgreSQL with sample data, listed as the connection "Demo" that connects at the first try', async () => {
    const dataDir = tempDir();
    running = runNode('dist/app/serve.js', ['--no-open', '--demo', '--data-dir', dataDir]);
    const [, where] = await running.waitFor(/Demo database ready: (postgres:\/\/\S+)/, 90_000);
    const [, , port, token] = await running.waitFor(URL_LINE);
    // Its password is made for this run; the server is recorded in the data folder.
    expect(decodeURIComponent(new URL(where!).password)).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const record = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as {
      dir: string;
      port: number;
    };
    expect(record.port).toBe(Number(new URL(where!).port));
    expect(existsSync(record.dir)).toBe(true);
    const sql = postgres(where!, { max: 1, onnotice: () => {} });
    const [row] =
      await sql`SELECT count(*)::int AS orders, (SELECT count(*)::int FROM revenue_by_country) AS countries FROM orders`;
    expect(row).toEqual({ orders: 2000, countries: 6 });
    await sql.end();
    // What a newcomer sees: "Demo" in the sidebar; a double-click connects at the first try.
    const browser = await launchChromium();
    try {
      const view = await browser.newPage();
      await view.goto(`http://127.0.0.1:${port}/${token}/`);
      const item = view
        .locator('tusk-connections-sidebar')
        .getByRole('treeitem', { name: /^Demo, disconnected/ });
      await item.dblclick({ timeout: 15_000 });
      await view
        .locator('tusk-connections-sidebar')
        .getByRole('treeitem', { name: /^Demo, connected/ })
        .waitFor({ timeout: 15_000 });
      await view
        .locator('tusk-tab-strip')
        .getByRole('tab', { name: /^Query 1, on Demo/ })
        .waitFor();
    } finally {
      await browser.close();
    }
    const socket = await openSocket(socketUrl(Number(port), token!));
    const notices = (await socket.request('app.notices', {}))['result'] as { message: string }[];
    expect(notices[0]?.message).toMatch(/^Demo database on 127\.0\.0\.1:\d+: database tusk_demo/);
    const [demo] = await socket.call('connections.list', {});
    expect(demo).toMatchObject({
      name: 'Demo',
      host: '127.0.0.1',
      port: Number(new URL(where!).port),
      database: 'tusk_demo',
      ephemeral: true,
      demo: true,
      storedSecrets: ['db'],
    });
    expect(await socket.call('connections.connect', { id: demo.id })).toMatchObject({
      id: demo.id,
    });
    const { queryId, end } = await runQuery(
      socket,
      demo.id,
      'SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id',
    );
    expect(end.event).toBe('query.completed');
    expect((await page(socket, queryId)).rows).toEqual([['2000']]);
    socket.close();
    expect(await running.stop()).toBe(143);
    const db = new Database(join(dataDir, 'tusk.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM connections').pluck().get()).toBe(0);
    db.close();
    const after = postgres(where!, { max: 1, connect_timeout: 2, onnotice: () => {} });
    await expect(after`SELECT 1`).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await after.end();
    expect(existsSync(record.dir)).toBe(false);
    expect(existsSync(join(dataDir, 'demo.json'))).toBe(false);
  }, 120_000);
});

describe('portable mode from the built app', () => {
  it('a tusk-data folder next to the app (the folder of its package.json) keeps the data, before TUSK_DATA_DIR', async () => {
    // A copy of the built app, as it would sit on a USB stick.
    const app = join(tempDir('tusk-stick-'), 'Tusk');
    mkdirSync(join(app, 'dist', 'app'), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    copyFileSync(join(ROOT, 'dist/app/serve.js'), join(app, 'dist/app/serve.js'));
    symlinkSync(join(ROOT, 'dist/views'), join(app, 'dist/views'));
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
    mkdirSync(join(app, 'tusk-data'));
    const home = tempDir('tusk-home-');
    const running = runNode(relative(ROOT, join(app, 'dist/app/serve.js')), ['--no-open'], {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: join(home, 'xdg'),
      TUSK_DATA_DIR: join(home, 'env-dir'),
    });
    try {
      const [, , port, token] = await running.waitFor(URL_LINE);
      const socket = await openSocket(socketUrl(Number(port), token!));
      expect(await socket.call('app.health', {})).toMatchObject({
        portable: true,
        dataDir: join(app, 'tusk-data'),
        storage: { path: join(app, 'tusk-data', 'tusk.db') },
      });
      await socket.call('connections.save', {
        name: 'On the stick',
        host: 'db.example.com',
        database: 'd',
        username: 'u',
      });
      socket.close();
    } finally {
      expect(await running.stop()).toBe(143);
    }
    const db = new Database(join(app, 'tusk-data', 'tusk.db'), { readonly: true });
    expect(db.prepare('SELECT name FROM connections').pluck().all()).toEqual(['On the stick']);
    db.close();
    expect(existsSync(join(home, 'env-dir'))).toBe(false);
    expect(existsSync(join(home, 'xdg'))).toBe(false);
  });
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
