// Test helper: runs a command (stdout/stderr passed through) and stops it with SIGTERM when
// this process's stdin closes, so a test run that dies takes its children with it.
// Exits with the command's exit code; prints `EXIT <code> <signal>` on stderr last.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
process.stdin.on('end', () => child.kill('SIGTERM'));
process.stdin.resume();
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  process.stderr.write(`EXIT ${code} ${signal}\n`);
  process.exit(code ?? 1);
});
