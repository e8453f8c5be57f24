import { page, queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';

/** Issue 22, item 16: a new default statement timeout reaches open connections. */
describe('the statement timeout preference on open connections', () => {
  let q: QueryBackend;
  let plain = '';
  let own = '';

  /** `SHOW statement_timeout` on the connection's pool, or in a tab's session. */
  const shown = async (connectionId: string, tabId?: string): Promise<string | null> => {
    const { queryId } = await q.call('queries.execute', {
      connectionId,
      sql: 'SHOW statement_timeout',
      ...(tabId ? { tabId } : {}),
    });
    expect((await queryEnd(q.socket, queryId)).event).toBe('query.completed');
    return (await page(q.socket, queryId)).rows[0][0];
  };

  beforeAll(async () => {
    q = await startQueryBackend('tusk_pref_timeout');
    plain = await q.open('plain');
    own = await q.open('own', { statementTimeoutMs: 7000 });
  }, 60_000);
  afterAll(async () => q?.stop());

  it('the pool takes it at once (a busy session once released), new tabs take it, open tabs and a connection of its own keep theirs', async () => {
    expect(await shown(plain)).toBe('30s');
    expect(await shown(plain, 'before')).toBe('30s');
    expect(await shown(own)).toBe('7s');
    // A session busy while the preference changes.
    const busy = q.call('queries.execute', { connectionId: plain, sql: 'SELECT pg_sleep(0.4)' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await q.call('preferences.set', { values: { statementTimeoutMs: 45_000 } });
    expect((await queryEnd(q.socket, (await busy).queryId)).event).toBe('query.completed');
    // Every session of the pool (4 by default) is asked, some at the same time.
    const all = await Promise.all(Array.from({ length: 6 }, () => shown(plain)));
    expect(new Set(all)).toEqual(new Set(['45s']));
    expect(await shown(plain, 'after')).toBe('45s');
    expect(await shown(plain, 'before')).toBe('30s');
    expect(await shown(own)).toBe('7s');
    // Queries still run on the renewed sessions.
    const { end } = await runQuery(q.socket, plain, 'SELECT 1');
    expect(end.event).toBe('query.completed');
  });
});
