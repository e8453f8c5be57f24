import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestBackend, tempDir } from '../support/backend';
import { runNode, type RunningCommand } from '../support/cli';

const URL_LINE = /Tusk is running at http:\/\/127\.0\.0\.1:(\d+)\//;

describe('one Tusk per data folder, with a lock the OS frees when Tusk ends', () => {
  let dataDir: string;
  let sleeper: ChildProcess | undefined;
  let running: RunningCommand | undefined;
  beforeEach(() => {
    dataDir = tempDir('tusk-lock-');
  });
  afterEach(async () => {
    sleeper?.kill('SIGKILL');
    sleeper = undefined;
    await running?.stop();
    running = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a tusk.lock left naming a live process that is not a Tusk (a reused pid) does not block the start', async () => {
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    writeFileSync(join(dataDir, 'tusk.lock'), `${sleeper.pid}\n`);
    const backend = await startTestBackend({ dataDir });
    expect(backend.dataDir).toBe(dataDir);
    await backend.stop();
    expect(existsSync(join(dataDir, 'tusk.lock'))).toBe(false);
  });

  it('a running Tusk is named when a second is refused; killed with SIGKILL, it frees the folder at once', async () => {
    running = runNode('dist/app/serve.js', ['--no-open', '--port', '0', '--data-dir', dataDir]);
    await running.waitFor(URL_LINE);
    const refusal = await startTestBackend({ dataDir }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      kind: 'initialization',
      message: expect.stringMatching(
        /^Tusk is already running with the data folder .* \(process \d+\)$/,
      ),
      hint: expect.stringContaining('--data-dir'),
    });
    const holder = Number(/\(process (\d+)\)/.exec((refusal as Error).message)![1]);
    expect(readFileSync(`/proc/${holder}/cmdline`, 'utf8')).toContain('dist/app/serve.js');

    process.kill(holder, 'SIGKILL'); // no clean-up runs: the lock file stays behind
    await running.exited();
    running = undefined;
    expect(existsSync(join(dataDir, 'tusk.lock'))).toBe(true);
    const next = await startTestBackend({ dataDir });
    await next.stop();
  });
});
