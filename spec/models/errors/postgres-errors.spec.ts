import { fromPostgresError, isPostgresError } from '../../../app/models/errors/postgres-errors';
import { lineColumnAt } from '../../../app/models/errors/query-position';
import { sharedPgServer, superuserSql } from '../../support/postgres';

/** Runs `sql` on the real server and returns the mapped ErrorInfo of its failure. */
async function failureOf(sql: string, server = sharedPgServer()) {
  const client = superuserSql(server);
  try {
    await client.unsafe(sql);
  } catch (error) {
    expect(isPostgresError(error)).toBe(true);
    return fromPostgresError(error as never, { sql }).toErrorInfo();
  } finally {
    await client.end();
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('PostgreSQL errors through to ErrorInfo (real server)', () => {
  it('a syntax error on line 3 reports its position, line 3 and the right column', async () => {
    const sql = 'SELECT 1,\n       2\n  FROM WHERE';
    const info = await failureOf(sql);
    expect(info).toMatchObject({
      kind: 'database',
      code: '42601',
      line: 3,
      column: 8,
      position: 27,
    });
    expect(Array.from(sql)[info.position! - 1]).toBe('W');
    expect(info.message).toBe('syntax error at or near "WHERE"');
    expect(info.hint).toContain('syntax');
  });

  it('counts characters, not bytes or UTF-16 units, before the error (é, emoji)', async () => {
    const sql = "SELECT 'é😀' FROM WHERE";
    const info = await failureOf(sql);
    expect(info).toMatchObject({ code: '42601', position: 18, line: 1, column: 18 });
    expect(Array.from(sql)[17]).toBe('W');
  });

  it('keeps the server DETAIL of a unique violation', async () => {
    const info = await failureOf(
      'CREATE TEMP TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1)',
    );
    expect(info).toMatchObject({
      kind: 'database',
      code: '23505',
      detail: 'Key (id)=(1) already exists.',
      hint: expect.stringContaining('ON CONFLICT'),
    });
  });

  it("keeps the server's own HINT when it sends one", async () => {
    const info = await failureOf('SELECT lower(1)');
    expect(info.code).toBe('42883');
    expect(info.hint).toMatch(/explicit type casts/);
  });

  it('a wrong password is an authentication error at the authentication stage, with what to do', async () => {
    const info = await failureOf('SELECT 1', { ...sharedPgServer(), password: 'wrong' });
    expect(info).toMatchObject({ kind: 'authentication', code: '28P01', stage: 'authentication' });
    expect(info.hint).toMatch(/password/);
  });

  it('an unknown database is a connection error at the database stage, with what to do', async () => {
    const info = await failureOf('SELECT 1', { ...sharedPgServer(), database: 'no_such_db' });
    expect(info).toMatchObject({ kind: 'connection', code: '3D000', stage: 'database' });
    expect(info.hint).toMatch(/database name/);
  });

  it('57014 is a timeout (with how long it ran) unless the user asked to cancel', async () => {
    const client = superuserSql(sharedPgServer());
    const error = await client
      .unsafe("SET statement_timeout = '50ms'; SELECT pg_sleep(2)")
      .catch((e: unknown) => e);
    await client.end();
    const timeout = fromPostgresError(error as never, { elapsedMs: 52 }).toErrorInfo();
    expect(timeout).toMatchObject({ kind: 'query_timeout', code: '57014' });
    expect(timeout.message).toMatch(/^The statement timed out after 0\.1 s/);
    expect(timeout.hint).toMatch(/retried[\s\S]*Preferences \(Ctrl\+,\)/);
    expect(fromPostgresError(error as never, { cancelRequested: true }).kind).toBe(
      'query_cancelled',
    );
  });
});

describe('lineColumnAt', () => {
  it.each([
    ['abc', 1, { line: 1, column: 1 }],
    ['abc', 4, { line: 1, column: 4 }],
    ['a\nb', 3, { line: 2, column: 1 }],
    ['a\r\nb', 4, { line: 2, column: 1 }],
    ['a\rb', 3, { line: 2, column: 1 }],
  ])('%j at %i', (sql, position, expected) => {
    expect(lineColumnAt(sql, position)).toEqual(expected);
  });

  it('is undefined outside the text', () => {
    expect(lineColumnAt('abc', 0)).toBeUndefined();
    expect(lineColumnAt('abc', 9)).toBeUndefined();
  });
});
