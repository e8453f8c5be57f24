import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface LintResult {
  messages: { ruleId: string | null; message: string }[];
}

/**
 * Runs the project's eslint (the same command the test command runs) on `code` as if it
 * were the file at `path`, and returns the layering messages.
 */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const run = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', path, '--format', 'json'],
    {
      cwd: ROOT,
      input: code,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(run.stdout) as LintResult[];
  const errors = (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
  expect(run.status).toBe(errors.length > 0 ? 1 : 0); // a violation fails the lint step
  return errors;
}

describe('the layering lint rule (views → controller types; controllers → models; models → models)', () => {
  it('fails when a view imports a model', async () => {
    const errors = await layeringErrors(
      'app/views/bad.ts',
      "import { TuskError } from '../models/errors';\nexport const x = TuskError;\n",
    );
    expect(errors).toEqual([expect.stringContaining('Views must not import models')]);
  });

  it('fails when a view imports a controller as a value, or a Node module', async () => {
    expect(
      await layeringErrors(
        'app/views/bad.ts',
        "import { action } from '../controllers/action';\nexport const x = action;\n",
      ),
    ).toEqual([expect.stringContaining('only the types of controllers')]);
    expect(
      await layeringErrors(
        'app/views/bad.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'app/views/bad.ts',
        "import postgres from 'postgres';\nexport const x = postgres;\n",
      ),
    ).toHaveLength(1);
  });

  it('passes a view importing controller types', async () => {
    expect(
      await layeringErrors(
        'app/views/good.ts',
        "import type { Methods } from '../controllers/api';\nexport type X = Methods;\n",
      ),
    ).toEqual([]);
  });

  it('fails when a model imports a controller and when a controller imports a view', async () => {
    expect(
      await layeringErrors(
        'app/models/bad.ts',
        "import { action } from '../controllers/action';\nexport const x = action;\n",
      ),
    ).toEqual([expect.stringContaining('Models import only models')]);
    expect(
      await layeringErrors(
        'app/controllers/bad.ts',
        "import { TuskClient } from '../views/client';\nexport const x = TuskClient;\n",
      ),
    ).toEqual([expect.stringContaining('Controllers call models only')]);
  });

  it('fails when a migration imports app code', async () => {
    expect(
      await layeringErrors(
        'db/migrations/2026-01-01-bad.ts',
        "import { TuskError } from '../../app/models/errors';\nexport const x = TuskError;\n",
      ),
    ).toHaveLength(1);
  });
});
