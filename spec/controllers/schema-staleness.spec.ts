import type { TreeObject } from '../../app/controllers/api';
import { queryEnd } from '../support/queries';
import { startSchemaTarget, type SchemaTarget } from '../support/schema-targets';
import { waitUntil } from '../support/wait';

/**
 * Issue 25: DDL run in a tab reloads the connection's catalog once it committed —
 * `schema.changed` comes and `schema.tree` shows the change without a refresh; DDL inside
 * an open transaction shows only after COMMIT, and a rollback shows nothing.
 */
describe('the schema after DDL run in Tusk (PostgreSQL 18)', () => {
  let t: SchemaTarget;
  let connectionId = '';
  const changes = () =>
    t.socket.events.filter(
      (e) =>
        e.event === 'schema.changed' &&
        (e.payload as { connectionId: string }).connectionId === connectionId,
    ).length;
  const names = async () =>
    ((await t.call('schema.tree', { connectionId, schema: 'public' })) as TreeObject[]).map(
      (o) => o.name,
    );
  const inTab = async (tabId: string, sql: string) => {
    const { queryId } = await t.call('queries.execute', { connectionId, sql, tabId });
    const end = await queryEnd(t.socket, queryId);
    expect(end.payload.error).toBeUndefined();
    return end.payload as { transaction: string };
  };
  /** Waits for the next schema.changed after `count`; false when none came in `ms`. */
  const changedAfter = async (count: number, ms = 5000) => {
    await waitUntil(() => changes() > count, ms);
    return changes() > count;
  };

  beforeAll(async () => {
    t = await startSchemaTarget(18, 'tusk_stale');
    connectionId = t.connectionId;
  }, 60_000);
  afterAll(async () => t?.stop());

  it('CREATE TABLE in a tab: schema.changed comes and the tree shows it without a refresh', async () => {
    expect(await names()).toEqual([]);
    const count = changes();
    await inTab('tab-1', 'CREATE TABLE fresh_one (a int); CREATE INDEX ON fresh_one (a)');
    expect(await changedAfter(count)).toBe(true);
    // One script, one reload (debounced).
    await new Promise((r) => setTimeout(r, 300));
    expect(changes()).toBe(count + 1);
    expect(await names()).toEqual(['fresh_one']);
  });

  it('inside BEGIN the table shows only after COMMIT; a rollback shows nothing', async () => {
    const count = changes();
    expect((await inTab('tab-2', 'BEGIN; CREATE TABLE in_tx (a int)')).transaction).toBe('open');
    expect(await inTab('tab-2', 'CREATE VIEW in_tx_view AS SELECT a FROM in_tx')).toMatchObject({
      transaction: 'open',
    });
    expect(await changedAfter(count, 600)).toBe(false);
    expect(await names()).not.toContain('in_tx');
    expect((await inTab('tab-2', 'COMMIT')).transaction).toBe('idle');
    expect(await changedAfter(count)).toBe(true);
    expect(await names()).toEqual(expect.arrayContaining(['in_tx', 'in_tx_view']));

    const next = changes();
    await inTab('tab-3', 'BEGIN; CREATE TABLE rolled_back (a int)');
    await inTab('tab-3', 'ROLLBACK');
    expect(await changedAfter(next, 600)).toBe(false);
    expect(await names()).not.toContain('rolled_back');
  });

  it('a tab closed with its transaction committed counts its DDL; a pool run is heard too', async () => {
    const count = changes();
    await inTab('tab-4', 'BEGIN; CREATE TABLE closed_commit (a int)');
    expect(await changedAfter(count, 400)).toBe(false);
    await t.call('sessions.close', { connectionId, tabId: 'tab-4', commit: true });
    expect(await changedAfter(count)).toBe(true);
    expect(await names()).toContain('closed_commit');

    const next = changes();
    const { queryId } = await t.call('queries.execute', {
      connectionId,
      sql: 'DROP TABLE closed_commit',
    });
    await queryEnd(t.socket, queryId);
    expect(await changedAfter(next)).toBe(true);
    expect(await names()).not.toContain('closed_commit');
  });
});
