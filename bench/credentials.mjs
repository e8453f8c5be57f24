// Bundles bench/credentials.ts and runs it inside a private D-Bus session with an unlocked
// gnome-keyring (never the desktop's own keyring). Run: npm run bench.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleBench } from './bundle.mjs';

const outfile = await bundleBench('credentials');
const home = mkdtempSync(join(tmpdir(), 'tusk-bench-keyring-'));
const script = [
  'export HOME="$1" XDG_DATA_HOME="$1/.local/share" XDG_RUNTIME_DIR="$1/run"',
  'mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"',
  'printf %s bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
  `exec "${process.execPath}" "${outfile}"`,
].join('; ');
const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, 'sh', home], {
  stdio: ['ignore', 'inherit', 'ignore'],
});
rmSync(home, { recursive: true, force: true });
process.exit(result.status ?? 1);
