// Test harness: a real OpenSSH sshd on a random port of 127.0.0.1 with its own config, host
// key and user keys, allowing local forwarding only to the targets given.
// Usage: node sshd-server.mjs --permit-open 127.0.0.1:5432 [--permit-open …]
// As root it also makes a password user of its own (random name and password, deleted on exit).
// Prints `READY {json}` and runs until its stdin closes (or SIGTERM), then stops sshd and
// deletes its folder. The stdin line `drop` ends every SSH session (sshd's children) while
// sshd keeps listening, as a network drop would; it answers `DONE drop`.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.mjs';

const SSHD = '/usr/sbin/sshd';
const isRoot = process.getuid?.() === 0;
const permitOpen = process.argv.flatMap((a, i, all) => (a === '--permit-open' ? [all[i + 1]] : []));
const dir = mkdtempSync(join(tmpdir(), 'tusk-sshd-'));
let sshd;
let createdUser;

function removeFiles() {
  rmSync(dir, { recursive: true, force: true });
}
process.on('exit', () => {
  sshd?.kill('SIGTERM');
  removeFiles();
  if (createdUser) {
    try {
      execFileSync('userdel', [createdUser], { stdio: 'ignore' });
    } catch {
      // sshd may still hold a session of this user for a moment; the name is random anyway.
    }
  }
});
const stop = (code) => process.exit(code);
process.stdin.on('end', () => stop(0));
process.stdin.resume();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'drop') return void process.stdout.write(`FAILED ${line.trim()} unknown\n`);
  try {
    // The sessions are the children of this sshd (-D): kill exactly those.
    for (const pid of childrenOf(sshd.pid)) process.kill(pid, 'SIGKILL');
    process.stdout.write('DONE drop\n');
  } catch (error) {
    process.stdout.write(`FAILED drop ${error.message}\n`);
  }
});
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

/** The pids whose parent is `parent` (from /proc; no procps needed). */
function childrenOf(parent) {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // "pid (comm) state ppid …": the comm may hold spaces, so read after its ")".
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false; // it ended meanwhile
      }
    })
    .map(Number);
}

function keygen(name, passphrase = '') {
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    passphrase,
    '-C',
    `tusk-test-${name}`,
    '-f',
    join(dir, name),
  ]);
  return join(dir, name);
}

function fingerprint(publicKeyPath) {
  // "256 SHA256:abc… comment (ED25519)"
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath])
    .toString()
    .split(' ')[1];
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * A user of this harness alone (parallel harnesses must not reset each other's password),
 * with a random password, removed again on exit.
 */
function preparePasswordUser() {
  const username = `tusk_ssh_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  execFileSync('useradd', ['--no-create-home', '--shell', '/bin/sh', username]);
  createdUser = username;
  execFileSync('chpasswd', { input: `${username}:${password}\n` });
  return { username, password };
}

const hostKey = keygen('host_ed25519');
const userKey = keygen('user_ed25519');
const passphrase = 'tusk-test-key-passphrase';
const protectedKey = keygen('user_protected_ed25519', passphrase);
writeFileSync(
  join(dir, 'authorized_keys'),
  [userKey, protectedKey].map((k) => readFileSync(`${k}.pub`, 'utf8')).join(''),
);
const passwordUser = isRoot ? preparePasswordUser() : null;
const keyUser = userInfo().username;
const port = await freePort();
writeFileSync(
  join(dir, 'sshd_config'),
  [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${passwordUser ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'PermitRootLogin yes',
    `AllowUsers ${[keyUser, passwordUser?.username].filter(Boolean).join(' ')}`,
    'AllowTcpForwarding local',
    `PermitOpen ${permitOpen.length ? permitOpen.join(' ') : 'none'}`,
    'X11Forwarding no',
    'PermitTTY no',
    'ClientAliveInterval 5',
    'LogLevel VERBOSE',
    '',
  ].join('\n'),
);
if (isRoot) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
sshd.on('exit', (code) => {
  console.error(`sshd exited (${code})`);
  stop(1);
});
await waitForPort(port, 10_000);
const info = {
  host: '127.0.0.1',
  port,
  hostKeyFingerprint: fingerprint(`${hostKey}.pub`),
  hostPublicKey: readFileSync(`${hostKey}.pub`, 'utf8').trim(),
  keyUser: { username: keyUser, privateKeyPath: userKey },
  protectedKeyUser: { username: keyUser, privateKeyPath: protectedKey, passphrase },
  passwordUser,
  permitOpen,
  pid: sshd.pid,
};
process.stdout.write(`READY ${JSON.stringify(info)}\n`);
