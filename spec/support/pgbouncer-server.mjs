// Test harness: a real PgBouncer (Debian's package) in transaction pooling mode on a random
// port of 127.0.0.1, in front of a PostgreSQL server, with a pool smaller than its clients
// (so server connections are really shared). Usage:
//   node pgbouncer-server.mjs --target 127.0.0.1:5432 --user name --password secret
// The user list holds the password (PgBouncer logs in to the server with it, SCRAM both
// ways). As root, PgBouncer runs as the `postgres` user (it refuses to run as root).
// Prints `READY {json}` and runs until its stdin closes (or SIGTERM), then stops PgBouncer
// and deletes its folder.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, listening } from './free-port.mjs';

const PGBOUNCER = '/usr/sbin/pgbouncer';
const arg = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0 || !process.argv[at + 1]) throw new Error(`--${name} is required`);
  return process.argv[at + 1];
};
const [targetHost, targetPort] = arg('target').split(':');
const username = arg('user');
const password = arg('password');
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'tusk-pgbouncer-'));
let pgbouncer;

process.on('exit', () => {
  pgbouncer?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

/** A double-quoted field of PgBouncer's auth_file ("" escapes a quote). */
const quoted = (text) => `"${text.replaceAll('"', '""')}"`;

const port = await freePort();
writeFileSync(join(dir, 'userlist.txt'), `${quoted(username)} ${quoted(password)}\n`, {
  mode: 0o600,
});
writeFileSync(
  join(dir, 'pgbouncer.ini'),
  [
    '[databases]',
    `* = host=${targetHost} port=${targetPort}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = scram-sha-256',
    `auth_file = ${join(dir, 'userlist.txt')}`,
    'pool_mode = transaction',
    // Fewer server connections than Tusk's clients (a pool of 4, tabs, cancel sessions).
    'default_pool_size = 3',
    'max_client_conn = 100',
    `logfile = ${join(dir, 'pgbouncer.log')}`,
    `pidfile = ${join(dir, 'pgbouncer.pid')}`,
    '',
  ].join('\n'),
);
if (isRoot) {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  for (const file of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(join(dir, file), uid, gid);
}

pgbouncer = spawn(PGBOUNCER, [...(isRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
pgbouncer.stderr.on('data', (chunk) => (stderr += chunk));
pgbouncer.once('exit', (code) => {
  let log = '';
  try {
    log = readFileSync(join(dir, 'pgbouncer.log'), 'utf8').slice(-2000);
  } catch {
    // No log yet.
  }
  console.error(`pgbouncer exited (${code}): ${stderr}\n${log}`);
  process.exit(1);
});

const deadline = Date.now() + 15_000;
while (!(await listening(port))) {
  if (Date.now() > deadline) {
    console.error(`pgbouncer did not listen on ${port} within 15 s: ${stderr}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
process.stdout.write(`READY ${JSON.stringify({ host: '127.0.0.1', port })}\n`);
