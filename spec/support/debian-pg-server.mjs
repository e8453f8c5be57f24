// Test harness: Debian's own PostgreSQL 15 server (package postgresql-15), a fresh cluster
// on a random port of 127.0.0.1 with `trust` for the `postgres` superuser, fsync off. Its
// client programs (psql, pg_dump of the same version) are what the psql-fidelity tests
// compare with. initdb refuses root: as root it runs as the `postgres` user. Prints
// `READY {json}` and runs until its stdin closes (or SIGTERM), then stops the server and
// deletes its folder.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, listening } from './free-port.mjs';

const BIN = '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'tusk-debian-pg-'));
let server;

process.on('exit', () => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

/** Runs a server program, as `postgres` when root. */
const as = (program, args) =>
  isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]]
    : [join(BIN, program), args];

if (isRoot) {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
}
const data = join(dir, 'data');
const [initdb, initArgs] = as('initdb', [
  '-D',
  data,
  '-A',
  'trust',
  '-U',
  'postgres',
  '-E',
  'UTF8',
  '--locale=C',
]);
execFileSync(initdb, initArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
const port = await freePort();
const [postgres, args] = as('postgres', [
  '-D',
  data,
  '-p',
  String(port),
  '-k',
  dir,
  '-c',
  'listen_addresses=127.0.0.1',
  '-c',
  'fsync=off',
  // Server activity (issue 29): top statements need the library loaded at start.
  '-c',
  'shared_preload_libraries=pg_stat_statements',
]);
server = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
server.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
server.once('exit', (code) => {
  console.error(`postgres exited (${code}): ${stderr}`);
  process.exit(1);
});

const deadline = Date.now() + 20_000;
while (!(await listening(port))) {
  if (Date.now() > deadline) {
    console.error(`postgres did not listen on ${port} within 20 s: ${stderr}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
// Accepting TCP is not accepting logins yet: wait for a query to work.
const psql = join(BIN, 'psql');
for (;;) {
  try {
    execFileSync(
      psql,
      ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-Atc', 'SELECT 1'],
      { stdio: 'pipe' },
    );
    break;
  } catch {
    if (Date.now() > deadline) {
      console.error(`postgres did not take logins within 20 s: ${stderr}`);
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
process.stdout.write(`READY ${JSON.stringify({ host: '127.0.0.1', port, bin: BIN })}\n`);
