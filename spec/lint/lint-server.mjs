// Lints snippets with the project's ESLint config in one process (one TypeScript program
// for the type-aware rules, instead of one per snippet): each stdin line
// `{"path": "...", "code": "..."}` gets one stdout line `{"errorCount": n, "messages": [...]}`.
// Ends when stdin closes.
import { createInterface } from 'node:readline';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });
let queue = Promise.resolve();
for await (const line of createInterface({ input: process.stdin })) {
  const { path, code } = JSON.parse(line);
  queue = queue.then(async () => {
    const [result] = await eslint.lintText(code, { filePath: path });
    const messages = (result?.messages ?? []).map((m) => ({
      ruleId: m.ruleId,
      message: m.message,
    }));
    process.stdout.write(`${JSON.stringify({ errorCount: result?.errorCount ?? 0, messages })}\n`);
  });
}
await queue;
