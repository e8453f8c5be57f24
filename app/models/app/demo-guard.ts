import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { getLogger } from '../logging/logging';

const log = getLogger('demo');

/** The file in Tusk's data folder that names its running demo server. */
export const DEMO_RECORD = 'demo.json';

/** What is recorded of a running demo server: enough to stop that one, and only it. */
export interface DemoRecord {
  /** The Tusk process that started it. */
  owner: number;
  /** The server's postmaster (as its `postmaster.pid` says). */
  pid: number;
  /** Its data folder (deleted with it). */
  dir: string;
  port: number;
}

/** The postmaster pid a data folder's `postmaster.pid` names, or null. */
export function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user (the postgres user, when Tusk runs as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records the running demo server in `dataDir` (mode 0600). Never throws. */
export function recordDemo(dataDir: string, demo: Omit<DemoRecord, 'owner'>): void {
  try {
    writeFileSync(join(dataDir, DEMO_RECORD), JSON.stringify({ owner: process.pid, ...demo }), {
      mode: 0o600,
    });
  } catch (error) {
    log.warn(`demo record not written: ${(error as Error).message}`);
  }
}

/** Removes the record (the demo server was stopped). Never throws. */
export function forgetDemo(dataDir: string): void {
  rmSync(join(dataDir, DEMO_RECORD), { force: true });
}

/**
 * At start, with the data folder's lock held: a demo server recorded by a Tusk that is
 * gone (killed, crashed, the machine's power cut) is stopped and its folder deleted. Only
 * the one recorded — its postmaster named by its own folder's `postmaster.pid` — never
 * another Tusk's. Resolves true when it stopped one. Never rejects.
 */
export async function cleanUpStaleDemo(dataDir: string): Promise<boolean> {
  let record: DemoRecord;
  try {
    record = JSON.parse(readFileSync(join(dataDir, DEMO_RECORD), 'utf8')) as DemoRecord;
  } catch {
    return false;
  }
  if (record.owner !== process.pid && alive(record.owner)) return false;
  let stopped = false;
  if (postmasterPid(record.dir) === record.pid && alive(record.pid)) {
    log.warn(`stopping the demo server a previous Tusk left running (pid ${record.pid})`);
    try {
      // Immediate shutdown: a throwaway database.
      process.kill(record.pid, 'SIGQUIT');
      stopped = true;
    } catch (error) {
      log.warn(`demo server ${record.pid} not stopped: ${(error as Error).message}`);
    }
    for (let i = 0; i < 50 && alive(record.pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  // Only a folder the demo makes (tmpdir()/tusk-demo-…): a damaged record deletes nothing else.
  if (dirname(record.dir) === tmpdir() && basename(record.dir).startsWith('tusk-demo-')) {
    await rm(record.dir, { recursive: true, force: true });
  }
  forgetDemo(dataDir);
  return stopped;
}

/** What {@link watchDemo} gives: tell it the demo server was stopped cleanly. */
export interface DemoWatchdog {
  stopped(): void;
}

/**
 * A watchdog for the demo server: a small POSIX shell (not Node: it runs under NW.js too)
 * in a session of its own, reading a pipe from this process. When this process ends
 * without saying the server was stopped — `kill -9`, a crash — the pipe closes and the
 * watchdog stops server `pid` and deletes `dir`. On Windows there is none; the record
 * cleans up at the next start ({@link cleanUpStaleDemo}). Never throws.
 */
export function watchDemo(pid: number, dir: string): DemoWatchdog {
  if (process.platform === 'win32') return { stopped: () => undefined };
  const script = [
    'read -r word || word=',
    '[ "$word" = stopped ] && exit 0',
    'kill -QUIT "$1" 2>/dev/null',
    'i=0',
    'while kill -0 "$1" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done',
    'kill -KILL "$1" 2>/dev/null',
    'rm -rf -- "$2"',
  ].join('\n');
  try {
    const child = spawn('/bin/sh', ['-c', script, 'tusk-demo-watchdog', String(pid), dir], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.on('error', (error) => log.warn(`demo watchdog: ${error.message}`));
    child.stdin.on('error', () => undefined);
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    return {
      stopped: () => {
        if (!child.stdin.destroyed) child.stdin.end('stopped\n');
      },
    };
  } catch (error) {
    log.warn(`demo watchdog not started: ${(error as Error).message}`);
    return { stopped: () => undefined };
  }
}
