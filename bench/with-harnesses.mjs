// Starts the test harnesses (embedded PostgreSQL with TLS, OpenSSH sshd forwarding to it),
// bundles bench/<name>.ts and runs it with their details in TUSK_BENCH_PG and
// TUSK_BENCH_SSHD; stops the harnesses after. Used by connections.mjs and queries.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/**
 * Debian's PostgreSQL 15 (debian-pg-server.mjs), shaped as pg-server.mjs's details (`trust`:
 * the password is never asked).
 */
async function startDebianPg() {
  if (!existsSync('/usr/lib/postgresql/15/bin/postgres')) {
    throw new Error("--debian-pg needs Debian's PostgreSQL 15: apt-get install postgresql-15");
  }
  const { info, child } = await startHarness('debian-pg-server.mjs', []);
  const { host, port } = info;
  return {
    info: { host, port, username: 'postgres', password: 'not-asked', database: 'postgres' },
    child,
  };
}

/**
 * Runs bench/<name>.ts with the harnesses; resolves with its exit code. With `debianPg`, the
 * PostgreSQL is Debian's own 15 (package postgresql-15) instead of the embedded one.
 */
export async function runWithHarnesses(name, nodeArgs = [], { debianPg = false } = {}) {
  const outfile = await bundleBench(name);
  const pg = debianPg
    ? await startDebianPg()
    : await startHarness('pg-server.mjs', ['--tls', 'on']);
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
