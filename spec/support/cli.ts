import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** A Tusk command run by a test, its output collected as it comes. */
export interface RunningCommand {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout match of `pattern`; rejects if the command exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the command has ended. */
  exited(): Promise<number | null>;
  /** Sends SIGTERM (through the wrapper) and waits for the end. */
  stop(): Promise<number | null>;
}

/** Runs `node <script> args…` from the project root, killed if the test run dies. */
export function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): RunningCommand {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'run-until-stdin-closes.mjs'), process.execPath, join(ROOT, script), ...args],
    { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err.replace(/^EXIT .*\n/m, ''),
    exited: () => exit,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}:\n${out}\n${err}`)),
          timeoutMs,
        );
        const check = () => {
          const match = out.match(pattern);
          if (!match) return;
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve(match);
        };
        child.stdout!.on('data', check);
        void exit.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited (${code}) before ${pattern}:\n${out}\n${err}`));
        });
        check();
      });
    },
    async stop() {
      child.stdin!.end();
      return exit;
    },
  };
}
