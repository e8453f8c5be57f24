// Test harness: Debian's own PostgreSQL 15 server (package postgresql-15), a fresh cluster
// on a random port of 127.0.0.1 with `trust` for the `postgres` superuser, fsync off. Its
// client programs (psql, pg_dump of the same version) are what the psql-fidelity tests
// compare with. initdb refuses root: as root it runs as the `postgres` user. Prints
// `READY {json}` (host, port, bin, and dir: the cluster's folder) and runs until its stdin closes (or SIGTERM), then stops the server and
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
  // Immediate shutdown: the server tells its own processes to quit and exits. (It is this
  // process's child itself, not a `runuser` in between that a kill would leave it behind.)
  server?.kill('SIGQUIT');
  rmSync(dir, { recursive: true, force: true });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

/** As root, the server's programs run as the `postgres` user (initdb and postgres refuse root). */
const owner = isRoot
  ? {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    }
  : {};
/** A server program and its arguments, with the user to run it as. */
const as = (program, args) => [join(BIN, program), args, owner];

if (isRoot) chownSync(dir, owner.uid, owner.gid);
const data = join(dir, 'data');
const [initdb, initArgs, initUser] = as('initdb', [
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
execFileSync(initdb, initArgs, { ...initUser, stdio: ['ignore', 'ignore', 'pipe'] });
const port = await freePort();
const [postgres, args, user] = as('postgres', [
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
server = spawn(postgres, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
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
process.stdout.write(`READY ${JSON.stringify({ host: '127.0.0.1', port, bin: BIN, dir })}\n`);
