import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { tempDir } from '../support/backend';
import { runNode, type RunningCommand } from '../support/cli';
import { waitUntil } from '../support/wait';

const READY = /Demo database ready: (postgres:\/\/\S+)/;

interface DemoRecord {
  owner: number;
  pid: number;
  dir: string;
  port: number;
}

/** True when something answers on 127.0.0.1:`port` as a PostgreSQL server. */
async function serverUp(port: number): Promise<boolean> {
  const sql = postgres({
    host: '127.0.0.1',
    port,
    username: 'postgres',
    password: 'wrong',
    max: 1,
    connect_timeout: 2,
    onnotice: () => undefined,
  });
  const outcome = await sql`SELECT 1`.then(
    () => 'up',
    (error: { code?: string }) => error.code,
  );
  await sql.end({ timeout: 1 });
  return outcome !== 'ECONNREFUSED';
}

/** The pid of the demo's watchdog (a shell named tusk-demo-watchdog with the server's pid). */
function watchdogPid(serverPid: number): number | undefined {
  const found = readdirSync('/proc').find((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmd.includes('tusk-demo-watchdog') && cmd.includes(String(serverPid));
    } catch {
      return false;
    }
  });
  return found === undefined ? undefined : Number(found);
}

/** The demo server dies with Tusk, however Tusk ends, and no one else can log in to it. */
describe('the --demo server does not outlive Tusk (issue 21)', () => {
  let running: RunningCommand | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  const startDemo = async (dataDir: string) => {
    running = runNode('dist/app/serve.js', ['--no-open', '--demo', '--data-dir', dataDir]);
    const [, where] = await running.waitFor(READY, 90_000);
    const record = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as DemoRecord;
    return { where: new URL(where!), record };
  };

  it('kill -9 of Tusk: its watchdog stops the demo server and deletes its folder; the old fixed password never worked', async () => {
    const dataDir = tempDir();
    const { where, record } = await startDemo(dataDir);
    expect(record.port).toBe(Number(where.port));
    expect(await serverUp(record.port)).toBe(true);
    const fixed = postgres({
      host: '127.0.0.1',
      port: record.port,
      username: 'postgres',
      password: 'tusk-demo',
      database: 'tusk_demo',
      max: 1,
      onnotice: () => undefined,
    });
    await expect(fixed`SELECT 1`).rejects.toMatchObject({ code: '28P01' });
    await fixed.end();
    expect(watchdogPid(record.pid)).toBeDefined();
    process.kill(record.owner, 'SIGKILL');
    await running!.exited();
    await waitUntil(async () => !existsSync(record.dir) && !(await serverUp(record.port)), 15_000);
    expect(await serverUp(record.port)).toBe(false);
    expect(existsSync(record.dir)).toBe(false);
    expect(watchdogPid(record.pid)).toBeUndefined();
  }, 120_000);

  it('a demo server left by a Tusk that died with its watchdog is stopped at the next start, and only that one', async () => {
    const dataDir = tempDir();
    const { record } = await startDemo(dataDir);
    process.kill(watchdogPid(record.pid)!, 'SIGKILL');
    process.kill(record.owner, 'SIGKILL');
    await running!.exited();
    // Orphaned: still answering.
    expect(await serverUp(record.port)).toBe(true);
    running = runNode('dist/app/serve.js', ['--no-open', '--data-dir', dataDir]);
    await running.waitFor(/Tusk is running at/, 60_000);
    await waitUntil(async () => !existsSync(record.dir) && !(await serverUp(record.port)), 15_000);
    expect(await serverUp(record.port)).toBe(false);
    expect(existsSync(record.dir)).toBe(false);
    expect(existsSync(join(dataDir, 'demo.json'))).toBe(false);
  }, 120_000);
});
