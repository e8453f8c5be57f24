import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSupervised, type Supervised } from './supervised';

/** A private D-Bus session with an unlocked gnome-keyring Secret Service. */
export interface SecretServiceInfo {
  /** Set it as DBUS_SESSION_BUS_ADDRESS before the first keychain call of the process. */
  address: string;
  /** The folder holding the keyring files (deleted when the session ends). */
  home: string;
}

/**
 * Starts `dbus-run-session` with `gnome-keyring-daemon --unlock --components=secrets` in a
 * fresh HOME. The session lives until `stop()` or until this process dies (its stdin pipe
 * closes, `cat` ends, the bus goes and the keyring daemon with it); its files are removed.
 */
export function startSecretService(): Promise<Supervised<SecretServiceInfo>> {
  const home = mkdtempSync(join(tmpdir(), 'tusk-keyring-'));
  const script = [
    'export HOME="$1" XDG_DATA_HOME="$1/.local/share" XDG_RUNTIME_DIR="$1/run"',
    'mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"',
    'printf %s tusk-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
    'printf \'READY {"address":"%s","home":"%s"}\\n\' "$DBUS_SESSION_BUS_ADDRESS" "$1"',
    'cat >/dev/null',
    'rm -rf "$1"',
  ].join('; ');
  return startSupervised<SecretServiceInfo>(
    'dbus-run-session',
    ['--', 'sh', '-c', script, 'sh', home],
    20_000,
  );
}

/**
 * True when libsecret's own CLI finds Tusk's keychain item `account` (`db:<id>`…). It
 * asks for that item alone: other tests add and delete theirs meanwhile, and a search over
 * all of Tusk's items fails when one goes away while it is listed.
 */
export function inKeychain(account: string): boolean {
  try {
    return execFileSync(
      'secret-tool',
      ['search', '--all', 'service', 'dev.tusk.Tusk', 'account', account],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).includes(account); // the item's label names it (its attributes go to stderr)
  } catch (error) {
    // Some versions exit 1, saying nothing, when nothing matches; any other failure is one.
    const { status, stderr } = error as { status?: number; stderr?: string };
    if (status === 1 && !stderr?.trim()) return false;
    throw error;
  }
}
