import { SnippetLinter } from './lint-snippets';

const linter = new SnippetLinter();
afterAll(() => linter.stop());

/** The rules the project's eslint reports for `code` as the file at `path`. */
async function ruleIds(path: string, code: string): Promise<string[]> {
  const result = await linter.lint(path, code);
  expect(result.errorCount).toBe(result.messages.length); // each finding fails the lint step
  return result.messages.map((m) => m.ruleId ?? 'parse-error');
}

const ASYNC = 'export async function load(): Promise<number> {\n  return 1;\n}\n';

describe("the app's lint habits", () => {
  it('refuses a promise left floating, and one handed where nothing waits for it', async () => {
    expect(
      await ruleIds('app/views/bad.ts', `${ASYNC}export function go(): void {\n  load();\n}\n`),
    ).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(
      await ruleIds(
        'app/models/queries/bad.ts',
        `${ASYNC}export function later(): void {\n  setTimeout(async () => {\n    await load();\n  }, 1);\n}\n`,
      ),
    ).toEqual(['@typescript-eslint/no-misused-promises']);
    expect(
      await ruleIds(
        'app/models/queries/good.ts',
        `${ASYNC}export function go(): void {\n  void load();\n}\n`,
      ),
    ).toEqual([]);
  });

  it('checks Lit templates', async () => {
    const template = (attrs: string) =>
      `import { html } from 'lit';\nexport const view = (a: () => void) => html\`<button ${attrs}>x</button>\`;\n`;
    expect(await ruleIds('app/views/bad.ts', template('@click=${a} @click=${a}'))).toEqual([
      'lit/no-duplicate-template-bindings',
    ]);
    expect(await ruleIds('app/views/good.ts', template('@click=${a}'))).toEqual([]);
  });

  it('keeps a file of app/ to 350 lines', async () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    expect(await ruleIds('app/models/errors/ok.ts', lines(350))).toEqual([]);
    expect(await ruleIds('app/models/errors/bad.ts', lines(351))).toEqual(['max-lines']);
  });

  it("refuses a view that decides on a failure's message text", async () => {
    const view = (body: string) =>
      `export function prompt(e: { code?: string; message: string } | undefined): boolean {\n  return ${body};\n}\n`;
    const rule = 'no-restricted-syntax';
    expect(await ruleIds('app/views/bad.ts', view("/password/i.test(e?.message ?? '')"))).toEqual([
      rule,
    ]);
    expect(await ruleIds('app/views/bad.ts', view('/password/i.test(e!.message)'))).toEqual([rule]);
    expect(
      await ruleIds('app/views/bad.ts', view("e?.message.startsWith('Line') === true")),
    ).toEqual([rule]);
    expect(await ruleIds('app/views/bad.ts', view("e!.message.includes('password')"))).toEqual([
      rule,
    ]);
    expect(
      await ruleIds('app/views/bad.ts', view("(e?.message ?? '').toLowerCase().includes('x')")),
    ).toEqual([rule]);
    expect(await ruleIds('app/views/good.ts', view("e?.code === 'PASSWORD_REQUIRED'"))).toEqual([]);
    // The models read the server's text where they must (a CONTEXT line, say).
    expect(await ruleIds('app/models/errors/ok.ts', view("e!.message.includes('x')"))).toEqual([]);
  });
});
