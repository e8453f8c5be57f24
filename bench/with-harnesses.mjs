// Starts the test harnesses (embedded PostgreSQL with TLS, OpenSSH sshd forwarding to it),
// bundles bench/<name>.ts and runs it with their details in TUSK_BENCH_PG and
// TUSK_BENCH_SSHD; stops the harnesses after. Used by connections.mjs and queries.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleBench } from './bundle.mjs';

const support = join(import.meta.dirname, '..', 'spec', 'support');

/** Starts a harness script and resolves with its READY details and the child. */
function startHarness(script, args) {
  const child = spawn(process.execPath, [join(support, script), ...args], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ info: JSON.parse(line.slice(6)), child });
    });
  });
}

/** Runs bench/<name>.ts with the harnesses; resolves with its exit code. */
export async function runWithHarnesses(name, nodeArgs = []) {
  const outfile = await bundleBench(name);
  const pg = await startHarness('pg-server.mjs', ['--tls', 'on']);
  const sshd = await startHarness('sshd-server.mjs', [
    '--permit-open',
    `127.0.0.1:${pg.info.port}`,
  ]);
  const result = spawnSync(process.execPath, [...nodeArgs, outfile], {
    stdio: 'inherit',
    env: {
      ...process.env,
      TUSK_BENCH_PG: JSON.stringify(pg.info),
      TUSK_BENCH_SSHD: JSON.stringify(sshd.info),
    },
  });
  for (const harness of [sshd, pg]) {
    harness.child.removeAllListeners('exit');
    harness.child.stdin.end();
    await new Promise((resolve) => harness.child.once('exit', resolve));
  }
  return result.status ?? 1;
}
