import { randomBytes } from 'node:crypto';
import { startBouncedBackend, type BouncedBackend } from '../support/pgbouncer';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { page, queryEnd } from '../support/queries';
import type { TestSocket } from '../support/socket';

/**
 * `edits.apply` through PgBouncer in transaction mode (issue 26): its own transaction
 * carries the connection's settings (`SET LOCAL`) and commits; inside the tab's
 * transaction it commits nothing.
 */
describe('edits through PgBouncer in transaction mode', () => {
  const pg = sharedPgServer();
  const table = `bouncer_edits_${randomBytes(4).toString('hex')}`;
  let bounced: BouncedBackend;
  let socket: TestSocket;
  let connection = '';

  const run = async (sql: string, tabId?: string) => {
    const { queryId } = await socket.call('queries.execute', {
      connectionId: connection,
      sql,
      ...(tabId ? { tabId } : {}),
    });
    const end = await queryEnd(socket, queryId);
    expect(end.payload.error).toBeUndefined();
    return { queryId, transaction: end.payload.transaction as string };
  };
  const stored = async () => {
    const admin = superuserSql(pg);
    const rows = await admin.unsafe(`SELECT id, name FROM ${table} ORDER BY id`);
    await admin.end();
    return rows.map((r) => [r['id'], r['name']]);
  };

  beforeAll(async () => {
    const admin = superuserSql(pg);
    await admin.unsafe(
      `CREATE TABLE ${table} (id int PRIMARY KEY, name text); INSERT INTO ${table} VALUES (1, 'one'), (2, 'two')`,
    );
    await admin.end();
    bounced = await startBouncedBackend(pg, `bouncer edits ${table}`, {
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

  it("applies in a transaction of its own, with the connection's settings, and commits", async () => {
    const { queryId } = await run(`SELECT id, name FROM ${table} ORDER BY id`);
    expect((await page(socket, queryId)).editable?.key).toEqual([0]);
    const applied = await socket.call('edits.apply', {
      connectionId: connection,
      tabId: 'edits',
      queryId,
      changes: [{ op: 'update', row: 0, values: { '1': 'uno' } }],
    });
    expect(applied).toEqual({
      inTransaction: false,
      rows: [{ change: 0, row: 0, values: ['1', 'uno'] }],
    });
    expect(await stored()).toEqual([
      [1, 'uno'],
      [2, 'two'],
    ]);
    // The tab's session is idle and still has the connection's settings in its next run.
    const after = await run('SHOW statement_timeout', 'edits');
    expect(after.transaction).toBe('idle');
    expect((await page(socket, after.queryId)).rows).toEqual([['1500ms']]);
  });

  it("inside the tab's transaction: nothing committed, a ROLLBACK undoes it", async () => {
    expect((await run('BEGIN', 'txn')).transaction).toBe('open');
    const { queryId } = await run(`SELECT id, name FROM ${table} ORDER BY id`, 'txn');
    const applied = await socket.call('edits.apply', {
      connectionId: connection,
      tabId: 'txn',
      queryId,
      changes: [{ op: 'delete', row: 1 }],
    });
    expect(applied).toEqual({ inTransaction: true, rows: [] });
    expect((await stored()).length).toBe(2);
    expect((await run('ROLLBACK', 'txn')).transaction).toBe('idle');
    expect(await stored()).toEqual([
      [1, 'uno'],
      [2, 'two'],
    ]);
  });
});
