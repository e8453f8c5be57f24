import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const FIXTURE = join(__dirname, '..', 'support', 'fixtures', 'harness-then-hang.mjs');

/** Command lines of every running process that mention `text`. */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return cmd.includes(text) ? [cmd] : [];
      } catch {
        return [];
      }
    });
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** Starts a harness under a process that is then SIGKILLed, like a crashed test run. */
async function startThenCrash(script: string, args: string[]): Promise<Record<string, unknown>> {
  const parent = spawn(
    process.execPath,
    [FIXTURE, join(__dirname, '..', 'support', script), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: parent.stdout! }).once('line', resolve);
    parent.once('exit', (code) => reject(new Error(`fixture exited ${code}`)));
  });
  const info = JSON.parse(line.slice('READY '.length)) as Record<string, unknown>;
  parent.kill('SIGKILL');
  return info;
}

describe('harnesses leave nothing behind when the test run crashes', () => {
  it('PostgreSQL: the server stops and its files are deleted', async () => {
    const info = await startThenCrash('pg-server.mjs', ['--tls', 'on']);
    const dataDir = String(info['dataDir']);
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
    expect(
      await until(() => processesMentioning(dataDir).length === 0 && !existsSync(dataDir), 20_000),
    ).toBe(true);
    expect(existsSync(String(info['caCert']))).toBe(false);
  }, 60_000);

  it("Debian's PostgreSQL 15: the server (run as the postgres user when root) stops and its folder is deleted", async () => {
    const info = await startThenCrash('debian-pg-server.mjs', []);
    const dir = String(info['dir']);
    expect(processesMentioning(dir).length).toBeGreaterThan(0);
    // At once: a server left behind stops itself only when it finds its lock file gone
    // (checked once a minute), long after the test run.
    expect(
      await until(() => processesMentioning(dir).length === 0 && !existsSync(dir), 5_000),
    ).toBe(true);
  }, 60_000);

  it('sshd: the daemon stops and its keys are deleted', async () => {
    const info = await startThenCrash('sshd-server.mjs', ['--permit-open', '127.0.0.1:1']);
    const pid = Number(info['pid']);
    const keyPath = String((info['keyUser'] as { privateKeyPath: string }).privateKeyPath);
    expect(existsSync(`/proc/${pid}`)).toBe(true);
    expect(await until(() => !existsSync(`/proc/${pid}`) && !existsSync(keyPath), 20_000)).toBe(
      true,
    );
  }, 60_000);
});
