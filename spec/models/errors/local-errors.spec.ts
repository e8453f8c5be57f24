import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { fromKeychainError } from '../../../app/models/errors/credential-errors';
import { fromFsError } from '../../../app/models/errors/fs-errors';
import { fromKnownError } from '../../../app/models/errors/known-errors';
import { fromSqliteError } from '../../../app/models/errors/sqlite-errors';
import { tempDir } from '../../support/backend';

/** The error a real call throws. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}

/** What keytar really reports when run with `env` in a child process (libsecret reads the real environment). */
function keytarFailure(env: NodeJS.ProcessEnv, wrapper: string[] = []): string {
  const script = `require(${JSON.stringify(require.resolve('keytar'))})
    .setPassword('dev.tusk.Probe', 'probe', 'x')
    .then(() => console.log('stored'), (e) => console.log(e.message));`;
  const [command, ...args] = [...wrapper, process.execPath, '-e', script];
  return execFileSync(command!, args, {
    env,
    encoding: 'utf8',
    timeout: 20_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .trim()
    .split('\n')
    .pop()!;
}

describe('local failures (SQLite, keychain, files, validation) become errors that say what to do', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('tusk-local-errors-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite: damaged file, busy, read-only, constraint', () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database '.repeat(500));
    expect(
      fromSqliteError(thrown(() => new Database(garbage).prepare('SELECT 1').get()))?.toErrorInfo(),
    ).toMatchObject({
      kind: 'storage',
      message: "Tusk's local database file is damaged",
      detail: 'SQLITE_NOTADB: file is not a database',
      hint: expect.stringContaining('Restart Tusk'),
    });

    const file = join(dir, 'tusk.db');
    const first = new Database(file);
    first.exec('CREATE TABLE t (name TEXT PRIMARY KEY)');
    first.exec('BEGIN IMMEDIATE');
    const second = new Database(file, { timeout: 0 });
    expect(
      fromSqliteError(thrown(() => second.exec("INSERT INTO t VALUES ('x')")))?.toErrorInfo(),
    ).toMatchObject({ kind: 'storage', message: "Tusk's local database is busy" });
    first.exec('ROLLBACK');

    first.exec("INSERT INTO t VALUES ('x')");
    expect(
      fromKnownError(thrown(() => first.exec("INSERT INTO t VALUES ('x')")))?.toErrorInfo(),
    ).toMatchObject({
      kind: 'storage',
      message: 'The change conflicts with data already stored',
      detail: expect.stringMatching(/^SQLITE_CONSTRAINT_PRIMARYKEY: UNIQUE constraint failed/),
    });

    const readOnly = new Database(file, { readonly: true });
    expect(
      fromSqliteError(thrown(() => readOnly.exec("INSERT INTO t VALUES ('y')")))?.toErrorInfo(),
    ).toMatchObject({ kind: 'storage', message: "Tusk's local database cannot be written" });
    for (const db of [first, second, readOnly]) db.close();
    expect(fromSqliteError(new Error('plain'))).toBeUndefined();
  });

  it('keychain: no D-Bus session, and a keyring that is not unlocked', () => {
    const noBus = { PATH: process.env['PATH'], HOME: dir };
    const message = keytarFailure(noBus);
    expect(fromKeychainError(new Error(message)).toErrorInfo()).toMatchObject({
      kind: 'credential',
      message: 'No D-Bus session is available for the keychain',
      detail: message,
      hint: expect.stringContaining('session only'),
    });

    const locked = keytarFailure({ PATH: process.env['PATH'], HOME: dir }, [
      'dbus-run-session',
      '--',
    ]);
    expect(fromKeychainError(new Error(locked)).toErrorInfo()).toMatchObject({
      kind: 'credential',
      message: 'The keyring is locked',
      hint: expect.stringContaining('gnome-keyring-daemon --unlock'),
    });
  });

  it('files: missing, a folder, a parent that is a file', () => {
    const missing = join(dir, 'missing.pem');
    expect(
      fromFsError(
        thrown(() => readFileSync(missing)),
        { action: 'read the CA file', path: missing },
      ).toErrorInfo(),
    ).toMatchObject({
      kind: 'storage',
      message: `Cannot read the CA file ${missing}: it does not exist`,
      hint: 'Check the path, or choose the file again.',
    });
    expect(
      fromFsError(
        thrown(() => readFileSync(dir)),
        { action: 'read the CA file', path: dir },
      ).toErrorInfo(),
    ).toMatchObject({ message: `Cannot read the CA file ${dir}: it is a folder` });
    const below = join(dir, 'file');
    writeFileSync(below, '');
    expect(
      fromFsError(
        thrown(() => mkdirSync(join(below, 'x'))),
        { action: 'create', path: below },
      ).toErrorInfo(),
    ).toMatchObject({ message: `Cannot create ${below}: a part of the path is not a folder` });
  });

  it('validation: names the fields, never echoes the values', () => {
    const schema = z.object({
      port: z.number().int().min(1).max(65535),
      password: z.string().max(5),
    });
    const result = schema.safeParse({ port: 70000, password: 'a-long-secret-value' });
    expect(result.success).toBe(false);
    const info = fromKnownError(result.error)!.toErrorInfo();
    expect(info).toMatchObject({ kind: 'validation', message: 'Invalid input' });
    expect(info.detail).toContain('port');
    expect(info.detail).toContain('password');
    expect(JSON.stringify(info)).not.toContain('a-long-secret-value');
  });
});
