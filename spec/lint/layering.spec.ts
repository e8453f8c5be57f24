import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { importCircles, importGraph, readSources } from './import-graph';
import { SnippetLinter } from './lint-snippets';

const ROOT = join(__dirname, '..', '..');

const linter = new SnippetLinter();
afterAll(() => linter.stop());

/**
 * Runs the project's eslint (the same config the test command runs) on `code` as if it
 * were the file at `path`, and returns the layering messages.
 */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const result = await linter.lint(path, code);
  const errors = result.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
  expect(result.errorCount).toBe(errors.length); // a violation fails the lint step; nothing else is wrong
  return errors;
}

describe('the layering lint rule (views → controller types; controllers → models; models → models)', () => {
  it('fails when common imports anything of the app or a Node module; views and models may import it', async () => {
    expect(
      await layeringErrors(
        'app/common/bad.ts',
        "import { TuskError } from '../models/errors/errors';\nexport const x = TuskError;\n",
      ),
    ).toEqual([expect.stringContaining('common imports nothing of the app')]);
    expect(
      await layeringErrors(
        'app/common/bad.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toEqual([expect.stringContaining('no Node modules')]);
    for (const from of ['app/views/ok.ts', 'app/models/errors/ok.ts']) {
      const up = from.startsWith('app/views') ? '..' : '../..';
      expect(
        await layeringErrors(
          from,
          `import { SSL_MODES } from '${up}/common/connection-options';\nexport const x = SSL_MODES;\n`,
        ),
      ).toEqual([]);
    }
  });

  it('fails when a view imports a model', async () => {
    const errors = await layeringErrors(
      'app/views/bad.ts',
      "import { TuskError } from '../models/errors/errors';\nexport const x = TuskError;\n",
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
        'app/models/storage/bad.ts',
        "import { action } from '../../controllers/action';\nexport const x = action;\n",
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
        "import { TuskError } from '../../app/models/errors/errors';\nexport const x = TuskError;\n",
      ),
    ).toHaveLength(1);
  });
});

/** The model domains in their order, bottom first, as the lint config lists them. */
function modelDomains(): string[] {
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import('./eslint.config.mjs').then((m) => console.log(JSON.stringify(m.MODEL_DOMAINS)))",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(run.stdout) as string[];
}

describe('the driver door: postgres.js only in app/models/driver/', () => {
  it('fails when a model, a controller or the server imports postgres, type imports and its files included', async () => {
    for (const [path, code] of [
      [
        'app/models/queries/bad.ts',
        "import type postgres from 'postgres';\nexport type X = postgres.Sql;\n",
      ],
      [
        'app/models/connections/bad.ts',
        "import postgres from 'postgres';\nexport const x = postgres;\n",
      ],
      [
        'app/models/app/bad.ts',
        "import { Query } from 'postgres/cjs/src/query.js';\nexport const x = Query;\n",
      ],
      ['app/controllers/bad.ts', "import postgres from 'postgres';\nexport const x = postgres;\n"],
      ['app/server/bad.ts', "import postgres from 'postgres';\nexport const x = postgres;\n"],
    ]) {
      expect(await layeringErrors(path!, code!)).toEqual([
        expect.stringContaining('postgres.js is used only in app/models/driver/'),
      ]);
    }
  });

  it('passes the driver domain, and the specs that reproduce its bugs', async () => {
    const code = "import postgres from 'postgres';\nexport const x = postgres;\n";
    expect(await layeringErrors('app/models/driver/good.ts', code)).toEqual([]);
    expect(await layeringErrors('spec/models/driver/good.spec.ts', code)).toEqual([]);
  });

  it('keeps the driver below connections, and the other model domains above it go through it', async () => {
    expect(
      await layeringErrors(
        'app/models/driver/bad.ts',
        "import { ConnectionPool } from '../connections/connection-pool';\nexport const x = ConnectionPool;\n",
      ),
    ).toEqual([
      expect.stringContaining(
        'driver may import errors, logging, sql, storage, credentials, not connections',
      ),
    ]);
    expect(
      await layeringErrors(
        'app/models/queries/good.ts',
        "import type { DriverStatement } from '../driver/driver-statement';\nexport type X = DriverStatement;\n",
      ),
    ).toEqual([]);
  });
});

describe('model domains (errors → logging → sql → storage → credentials → driver → connections → sessions → queries → app)', () => {
  it('fails when a domain imports one above it, and names the order', async () => {
    expect(
      await layeringErrors(
        'app/models/storage/bad.ts',
        "import { buildConnectionConfig } from '../connections/connection-config';\nexport const x = buildConnectionConfig;\n",
      ),
    ).toEqual([
      expect.stringContaining('storage may import errors, logging, sql, not connections'),
    ]);
    expect(
      await layeringErrors(
        'app/models/errors/bad.ts',
        "import type { Logger } from '../logging/logging';\nexport type X = Logger;\n",
      ),
    ).toEqual([expect.stringContaining('errors may import no other domain, not logging')]);
    expect(
      await layeringErrors(
        'app/models/connections/bad.ts',
        "import { getHealth } from '../../models/app/health';\nexport const x = getHealth;\n",
      ),
    ).toEqual([expect.stringContaining('connections may import')]);
  });

  it('passes a domain importing the ones below it', async () => {
    expect(
      await layeringErrors(
        'app/models/connections/good.ts',
        "import type { LocalSchema } from '../storage/local-schema';\nimport { TuskError } from '../errors/errors';\nexport type X = LocalSchema;\nexport const y = TuskError;\n",
      ),
    ).toEqual([]);
  });

  it('keeps every model in a listed domain folder with its README, and the specs mirror them', () => {
    const domains = modelDomains();
    expect(domains.length).toBeGreaterThan(4);
    const models = join(ROOT, 'app', 'models');
    const entries = readdirSync(models).filter((name) => name !== 'README.md');
    expect(entries.filter((name) => !statSync(join(models, name)).isDirectory())).toEqual([]);
    expect(entries.sort()).toEqual([...domains].sort());
    for (const domain of domains) expect(existsSync(join(models, domain, 'README.md'))).toBe(true);
    const specs = readdirSync(join(ROOT, 'spec', 'models'));
    expect(specs.filter((name) => !domains.includes(name))).toEqual([]);
  });
});

describe('import circles', () => {
  it('finds a circle made only of type imports', () => {
    const sources = new Map([
      ['a.ts', "import type { B } from './b';\nexport interface A { b: B }\n"],
      ['b.ts', "import { makeA } from './c';\nexport type B = ReturnType<typeof makeA>;\n"],
      ['c.ts', "export const makeA = (): import('./a').A => ({}) as never;\n"],
      ['d.ts', "import { makeA } from './c';\nexport const d = makeA;\n"],
    ]);
    expect(importCircles(importGraph(sources))).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('app/ has none, type imports included', () => {
    const graph = importGraph(readSources(ROOT, 'app'));
    expect(graph.size).toBeGreaterThan(60);
    expect(importCircles(graph)).toEqual([]);
  });
});
