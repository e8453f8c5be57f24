import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A harness process started by {@link startSupervised}. */
export interface Supervised<T> {
  /** What the process printed on its `READY {json}` line. */
  info: T;
  child: ChildProcess;
  /** Closes the process's stdin (its signal to clean up and exit) and waits for it. */
  stop(): Promise<void>;
  /**
   * Sends a command line the harness understands (e.g. `stop`, `start` for PostgreSQL) and
   * waits for its `DONE <command>`.
   * @throws Error with the harness's `FAILED <command> <message>`.
   */
  send(command: string): Promise<void>;
}

/**
 * Starts a harness script (`node script args…`) and waits for its `READY {json}` line.
 * Harnesses clean up (servers stopped, temp folders removed) when their stdin closes, so
 * nothing is left behind even when the test run itself is killed: the pipe closes with it.
 * @throws Error with the script's stderr when it exits or stays silent for `timeoutMs`.
 */
export function startSupervised<T>(
  command: string,
  args: string[],
  timeoutMs = 60_000,
): Promise<Supervised<T>> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const replies: { command: string; settle(line: string): void }[] = [];
  const send = (command: string) =>
    new Promise<void>((resolve, reject) => {
      replies.push({
        command,
        settle: (line) =>
          line.startsWith('DONE ') ? resolve() : reject(new Error(`${command}: ${line}`)),
      });
      child.stdin?.write(`${command}\n`);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0] ?? command} did not get ready in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0] ?? command} exited (${code}) before it was ready:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (/^(DONE|FAILED) /.test(line)) return replies.shift()?.settle(line);
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve({ info: JSON.parse(line.slice(6)) as T, child, stop, send });
    });
  });
}
