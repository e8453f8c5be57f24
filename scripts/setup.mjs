// Installs what Tusk needs before running: npm packages, and for the tests Debian packages.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages the test harnesses use (real Chromium, sshd, Secret Service, keytar). */
export const TEST_DEBIAN_PACKAGES = [
  'chromium',
  'openssh-server',
  'openssh-client',
  'gnome-keyring',
  'dbus',
  'dbus-bin',
  'libsecret-1-dev',
  'libsecret-tools',
  'openssl',
  'python3',
  'make',
  'g++',
  'postgresql-client',
  // Debian's own PostgreSQL 15: its psql and pg_dump are the references of the script tests.
  'postgresql-15',
  'pgbouncer',
];

/** Runs a command with inherited output; throws when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/**
 * Installs the npm packages when node_modules is missing or older than the lockfile.
 * `npm install`, not `npm ci`: it keeps the lockfile's versions but tolerates an optional
 * platform build that a registry mirror lacks (npm ci refuses the whole lockfile then).
 */
export function ensureNpmPackages(cwd = root) {
  const marker = join(cwd, 'node_modules', '.package-lock.json');
  const newest = Math.max(mtime(join(cwd, 'package-lock.json')), mtime(join(cwd, 'package.json')));
  if (existsSync(marker) && mtime(marker) >= newest) return;
  console.log('Installing npm packages…');
  run('npm', ['install', '--no-audit', '--no-fund'], { cwd });
}

/** keytar is optional: when it was skipped for lack of libsecret, build it now if possible. */
export function ensureKeytarBuilt() {
  const addon = join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node');
  if (!existsSync(join(root, 'node_modules', 'keytar')) || existsSync(addon)) return;
  console.log('Building keytar (OS keychain access)…');
  run('npm', ['rebuild', 'keytar']);
}

/** The Debian packages of `names` that are not installed (empty off Debian). */
export function missingDebianPackages(names) {
  if (!existsSync('/usr/bin/dpkg-query')) return [];
  return names.filter((name) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { stdio: 'pipe' })
        .toString()
        .includes('install ok installed');
    } catch {
      return true;
    }
  });
}

/** Installs missing Debian packages when root; otherwise explains what to install and throws. */
export function ensureDebianPackages(names) {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}\n  Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}
