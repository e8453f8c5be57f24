import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

/** What ESLint says of one snippet: its errors (a finding fails the lint step) and messages. */
export interface SnippetLint {
  errorCount: number;
  messages: { ruleId: string | null; message: string }[];
}

/**
 * The project's ESLint (its config, the same the test command runs) in one child process,
 * linting snippets as if they were the file at `path` (a file that need not exist).
 */
export class SnippetLinter {
  #child: ChildProcessWithoutNullStreams | null = null;
  readonly #waiting: ((result: SnippetLint) => void)[] = [];

  /** Lints `code` as the file `path` (relative to the repository). */
  lint(path: string, code: string): Promise<SnippetLint> {
    const child = this.#start();
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      child.stdin.write(`${JSON.stringify({ path, code })}\n`);
    });
  }

  /** Ends the child process; resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
  }

  #start(): ChildProcessWithoutNullStreams {
    if (this.#child) return this.#child;
    const child = spawn(process.execPath, [join(__dirname, 'lint-server.mjs')], { cwd: ROOT });
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.#waiting.shift()?.(JSON.parse(line) as SnippetLint);
    });
    child.stderr.pipe(process.stderr);
    this.#child = child;
    return child;
  }
}
