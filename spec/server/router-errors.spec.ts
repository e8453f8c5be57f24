import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { action, type CallContext } from '../../app/controllers/action';
import { TuskError } from '../../app/models/errors/errors';
import { configureLogging, shutdownLogging } from '../../app/models/logging/logging';
import { Router } from '../../app/server/router';
import { tempDir } from '../support/backend';
import { sharedPgServer, superuserSql } from '../support/postgres';

const context: CallContext = {
  clientId: 'spec',
  emit: () => undefined,
  broadcast: () => undefined,
};

describe('any controller failure reaches the view as an ErrorInfo', () => {
  const pg = sharedPgServer();
  let dir: string;
  let router: Router;
  beforeAll(() => {
    dir = tempDir('tusk-router-');
    configureLogging({ logDir: join(dir, 'logs'), level: 'info' });
    const none = z.object({}).optional();
    router = new Router({
      fail: {
        tusk: action(none, () => {
          throw new TuskError('credential', 'The keyring is locked', { hint: 'Unlock it.' });
        }),
        server: action(none, async () => {
          const sql = superuserSql(pg);
          try {
            await sql`SELECT * FROM no_such_table_here`;
          } finally {
            await sql.end();
          }
        }),
        sqlite: action(none, () => new Database(':memory:').exec('INSERT INTO nothing VALUES (1)')),
        bug: action(none, () => {
          throw new Error('postgres://bob:bug-secret-31@db/app exploded');
        }),
      },
    });
  });
  afterAll(async () => {
    await shutdownLogging();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: string) =>
    router.handle(Buffer.from(JSON.stringify({ id: 1, method })), context);

  it('a TuskError travels as it is', async () => {
    expect(await call('fail.tusk')).toEqual({
      id: 1,
      error: { kind: 'credential', message: 'The keyring is locked', hint: 'Unlock it.' },
    });
  });

  it('a server error keeps its SQLSTATE and gets a hint', async () => {
    expect(await call('fail.server')).toEqual({
      id: 1,
      error: expect.objectContaining({
        kind: 'database',
        code: '42P01',
        message: 'relation "no_such_table_here" does not exist',
        hint: expect.stringContaining('Check the table name'),
        position: 15,
      }),
    });
  });

  it('a local database error is a storage error', async () => {
    expect(await call('fail.sqlite')).toEqual({
      id: 1,
      error: expect.objectContaining({
        kind: 'storage',
        detail: expect.stringContaining('SQLITE_ERROR'),
      }),
    });
  });

  it('a bug is a generic message with a log reference, no stack, no secret; the log has both', async () => {
    const reply = await call('fail.bug');
    const error = (reply as { error: { message: string; hint: string } }).error;
    expect(error).toEqual({
      kind: 'internal',
      message: expect.stringMatching(/^Something went wrong inside Tusk \(ref [0-9a-f]{8}\)$/),
      hint: expect.stringContaining('log'),
    });
    const reference = /ref ([0-9a-f]{8})/.exec(error.message)![1]!;
    expect(JSON.stringify(reply)).not.toMatch(/exploded|bug-secret-31|at .*\.ts/);
    await shutdownLogging();
    const logDir = join(dir, 'logs');
    const log = readFileSync(join(logDir, readdirSync(logDir)[0]!), 'utf8');
    expect(log).toContain(`internal error in fail.bug [ref ${reference}]`);
    expect(log).toContain('postgres://bob:[redacted]@db/app exploded');
    expect(log).toMatch(/at .*router-errors\.spec\.ts/);
    expect(log).not.toContain('bug-secret-31');
  });
});
