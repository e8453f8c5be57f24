import { randomBytes } from 'node:crypto';
import { startBouncedBackend, type BouncedBackend } from '../support/pgbouncer';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { page, queryEnd } from '../support/queries';
import type { TestSocket } from '../support/socket';

/**
 * EXPLAIN ANALYZE through PgBouncer in transaction mode (issue 28): Tusk's own transaction
 * around it is rolled back, never committed as the pooler's per-statement wrap would.
 */
describe('EXPLAIN ANALYZE through PgBouncer in transaction mode', () => {
  const pg = sharedPgServer();
  const table = `bouncer_explain_${randomBytes(4).toString('hex')}`;
  let bounced: BouncedBackend;
  let socket: TestSocket;
  let connection = '';

  const count = async () => {
    const admin = superuserSql(pg);
    const [row] = await admin.unsafe(`SELECT count(*) AS n FROM ${table}`);
    await admin.end();
    return Number(row!['n']);
  };
  const finish = async (started: Promise<{ queryId: string }>) => {
    const { queryId } = await started;
    return { queryId, ...(await queryEnd(socket, queryId)) };
  };

  beforeAll(async () => {
    const admin = superuserSql(pg);
    await admin.unsafe(
      `CREATE TABLE ${table} (id int PRIMARY KEY); INSERT INTO ${table} SELECT generate_series(1, 50)`,
    );
    await admin.end();
    bounced = await startBouncedBackend(pg, `bouncer explain ${table}`, {
      statementTimeoutMs: 1500,
    });
    ({ socket, connectionId: connection } = bounced);
  }, 60_000);
  afterAll(async () => {
    await bounced?.stop();
    const admin = superuserSql(pg);
    await admin.unsafe(`DROP TABLE IF EXISTS ${table}`);
    await admin.end();
  });

  it('rolls the DELETE back on a pool session and on a tab, with the statement timeout in force', async () => {
    for (const tabId of [undefined, 'explain-bouncer']) {
      const done = await finish(
        socket.call('queries.explain', {
          connectionId: connection,
          sql: `DELETE FROM ${table}`,
          analyze: true,
          options: {},
          ...(tabId ? { tabId } : {}),
        }),
      );
      expect(done.event).toBe('query.completed');
      expect(done.payload.transaction).toBe('idle');
      expect(await count()).toBe(50);
    }
    // The connection's statement timeout reached the analyzed statement (SET LOCAL).
    const slow = await finish(
      socket.call('queries.explain', {
        connectionId: connection,
        sql: 'SELECT pg_sleep(5)',
        analyze: true,
        options: {},
        tabId: 'explain-bouncer',
      }),
    );
    expect(slow.event).toBe('query.failed');
    expect(slow.payload.error.kind).toBe('query_timeout');
  });

  it("keeps the tab's open transaction through the pooler", async () => {
    const tabId = 'explain-bouncer-open';
    const begun = await finish(
      socket.call('queries.execute', {
        connectionId: connection,
        sql: `BEGIN; INSERT INTO ${table} VALUES (500)`,
        tabId,
      }),
    );
    expect(begun.payload.transaction).toBe('open');
    const done = await finish(
      socket.call('queries.explain', {
        connectionId: connection,
        sql: `DELETE FROM ${table}`,
        analyze: true,
        options: {},
        tabId,
      }),
    );
    expect(done.payload.transaction).toBe('open');
    const inside = await finish(
      socket.call('queries.execute', {
        connectionId: connection,
        sql: `SELECT count(*) FROM ${table}`,
        tabId,
      }),
    );
    expect((await page(socket, inside.queryId)).rows).toEqual([['51']]);
    await finish(
      socket.call('queries.execute', { connectionId: connection, sql: 'ROLLBACK', tabId }),
    );
    expect(await count()).toBe(50);
  });
});
