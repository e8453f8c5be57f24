import { faultProxy, type FaultProxy } from '../support/cancel-proxy';
import { sharedPgServer, superuserSql } from '../support/postgres';
import { execute, page, queryEnd, runQuery } from '../support/queries';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import type { TestSocket } from '../support/socket';
import { waitUntil } from '../support/wait';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cancel never hits the next query; a cancel at login never sticks', () => {
  const pg = sharedPgServer();
  let q: QueryBackend;
  let socket: TestSocket;
  let slowCancels: FaultProxy;
  let remote: FaultProxy;
  let holding: FaultProxy;
  /** Through a proxy that keeps each CancelRequest open and never passes it on: pool of 1. */
  let held = '';
  /** Through a proxy that holds each CancelRequest 300 ms (a slow network): pool of 1. */
  let delayed = '';
  /** Through a proxy that delays every byte 30 ms each way (a server 60 ms away). */
  let far = '';
  let direct = '';

  beforeAll(async () => {
    slowCancels = await faultProxy(pg.port, { cancelDelayMs: 300 });
    remote = await faultProxy(pg.port, { latencyMs: 30 });
    holding = await faultProxy(pg.port, { holdCancels: true });
    q = await startQueryBackend('tusk_races');
    socket = q.socket;
    const via = (port: number) => ({ host: '127.0.0.1', port, sslMode: 'disable' as const });
    delayed = await q.open('delayed', { ...via(slowCancels.port), poolSize: 1 });
    far = await q.open('far', { ...via(remote.port), poolSize: 4 });
    direct = await q.open('direct', { sslMode: 'disable' });
    held = await q.open('held', { ...via(holding.port), poolSize: 1 });
  }, 60_000);
  afterAll(async () => {
    await q?.stop();
    slowCancels?.close();
    remote?.close();
    holding?.close();
  });

  /**
   * Cancels a 250 ms query that ends by itself before the held CancelRequest lands, then at
   * once runs a query nobody cancels: it must get its own answer.
   */
  const lateCancelThenNext = async (tabId?: string) => {
    const tab = tabId ? { tabId } : {};
    const first = await q.call('queries.execute', {
      connectionId: delayed,
      sql: 'SELECT pg_sleep(0.25)',
      ...tab,
    });
    await sleep(15);
    await q.call('queries.cancel', { queryId: first.queryId });
    await queryEnd(socket, first.queryId);
    const next = await q.call('queries.execute', {
      connectionId: delayed,
      sql: 'SELECT 2 AS two, pg_sleep(0.6)',
      ...tab,
    });
    const end = await queryEnd(socket, next.queryId);
    return {
      started: next,
      end,
      rows: end.event === 'query.completed' ? (await page(socket, next.queryId)).rows : null,
    };
  };

  it('through a 300 ms cancel delay, on a tab: the next run waits for the cancel to land (told), then gets its answer, 5 of 5', async () => {
    let queued = 0;
    for (let i = 0; i < 5; i++) {
      const { started, end, rows } = await lateCancelThenNext('late-tab');
      expect([i, end.event, end.payload.error?.kind, rows]).toEqual([
        i,
        'query.completed',
        undefined,
        [['2', '']],
      ]);
      // Queued behind the landing cancel, not refused with "still running" (on a loaded
      // machine the cancel may come after the query ended: then nothing is landing).
      if (started.waitingFor === 'cancel') queued += 1;
    }
    expect(queued).toBeGreaterThanOrEqual(3);
    expect(slowCancels.cancels()).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('through a 300 ms cancel delay, on the pool: the next run gets its answer, 3 of 3', async () => {
    for (let i = 0; i < 3; i++) {
      const { end, rows } = await lateCancelThenNext();
      expect([i, end.event, end.payload.error?.kind, rows]).toEqual([
        i,
        'query.completed',
        undefined,
        [['2', '']],
      ]);
    }
  }, 30_000);

  it('a second run while one runs is refused, and the first keeps running to its end', async () => {
    const first = await execute(socket, direct, 'SELECT pg_sleep(0.3), 1 AS one');
    void first;
    const tabFirst = await q.call('queries.execute', {
      connectionId: direct,
      sql: 'SELECT pg_sleep(0.3), 1 AS one',
      tabId: 'busy-tab',
    });
    const refused = await socket.request('queries.execute', {
      connectionId: direct,
      sql: 'SELECT 2',
      tabId: 'busy-tab',
    });
    expect(refused['error']).toMatchObject({
      kind: 'validation',
      code: 'TAB_BUSY',
      message: 'This tab is still running a query',
    });
    expect((await queryEnd(socket, tabFirst.queryId)).event).toBe('query.completed');
    expect((await queryEnd(socket, first)).event).toBe('query.completed');
  });

  it('a 57014 Tusk did not send, before the statement timeout, is a cancel with a detail, never a timeout', async () => {
    const queryId = await execute(socket, direct, "SELECT pg_sleep(5), 'victim' AS marker");
    const admin = superuserSql(pg);
    await waitUntil(async () => {
      const rows = await admin.unsafe(
        "SELECT pid FROM pg_stat_activity WHERE query LIKE '%''victim'' AS marker%' AND pid <> pg_backend_pid()",
      );
      if (rows.length === 0) return false;
      await admin.unsafe('SELECT pg_cancel_backend($1)', [rows[0]!['pid']]);
      return true;
    });
    await admin.end();
    const end = await queryEnd(socket, queryId);
    expect(end).toMatchObject({
      event: 'query.failed',
      payload: {
        error: {
          kind: 'query_cancelled',
          code: '57014',
          detail: expect.stringContaining('Tusk sent no cancel for this statement'),
        },
      },
    });
    // A real statement timeout is still told as one.
    const timed = await runQuery(
      socket,
      direct,
      "SET statement_timeout = '150ms'; SELECT pg_sleep(2)",
    );
    expect(timed.end.payload.error).toMatchObject({ kind: 'query_timeout', code: '57014' });
  });

  it('a server 60 ms away: a new tab whose first query is cancelled while it logs in runs its next query; it closes', async () => {
    for (let i = 0; i < 3; i++) {
      const tabId = `login-${i}`;
      const first = await q.call('queries.execute', {
        connectionId: far,
        sql: 'SELECT 1',
        tabId,
      });
      await q.call('queries.cancel', { queryId: first.queryId });
      expect((await queryEnd(socket, first.queryId)).event).toBe('query.cancelled');
      const next = await q.call('queries.execute', {
        connectionId: far,
        sql: `SELECT ${i} AS i`,
        tabId,
      });
      const end = await queryEnd(socket, next.queryId, 5000);
      expect([i, end.event]).toEqual([i, 'query.completed']);
      expect((await page(socket, next.queryId)).rows).toEqual([[String(i)]]);
      expect(await q.call('sessions.close', { connectionId: far, tabId })).toEqual({
        closed: true,
      });
    }
  }, 30_000);

  it('a server 60 ms away: pool runs cancelled while their sessions log in leave no session busy', async () => {
    const cancelled = [];
    for (let i = 0; i < 3; i++) {
      const queryId = await execute(socket, far, 'SELECT 1');
      await q.call('queries.cancel', { queryId });
      cancelled.push(queryId);
    }
    for (const queryId of cancelled) await queryEnd(socket, queryId);
    const busy = async () =>
      ((await q.call('connections.status', {})) as { id: string; pool: { busy: number } }[]).find(
        (c) => c.id === far,
      )!.pool.busy;
    await waitUntil(async () => (await busy()) === 0);
    expect(await busy()).toBe(0);
    // Every session of the pool answers again: four at once.
    const runs = await Promise.all(
      [0, 1, 2, 3].map((i) => execute(socket, far, `SELECT ${i} AS i, pg_sleep(0.2)`)),
    );
    for (const [i, queryId] of runs.entries()) {
      expect((await queryEnd(socket, queryId, 5000)).event).toBe('query.completed');
      expect((await page(socket, queryId)).rows).toEqual([[String(i), '']]);
    }
  }, 30_000);

  it('a CancelRequest that never lands: the query is stopped by the next steps, and its session is closed, not reused (a tab is told it lost it)', async () => {
    const sleeper = await execute(socket, held, "SELECT pg_sleep(5), 'held' AS marker");
    await sleep(200);
    await q.call('queries.cancel', { queryId: sleeper });
    expect((await queryEnd(socket, sleeper, 5000)).event).toBe('query.cancelled');
    // The pool's one session was replaced: the next run logs in anew and is not cancelled.
    const next = await runQuery(socket, held, 'SELECT 3 AS three, pg_sleep(0.3)');
    expect([next.end.event, next.end.payload.error]).toEqual(['query.completed', undefined]);
    expect((await page(socket, next.queryId)).rows).toEqual([['3', '']]);
    // A tab's session is reported lost, and its next run refused until acknowledged.
    const inTab = await q.call('queries.execute', {
      connectionId: held,
      sql: 'SELECT pg_sleep(5)',
      tabId: 'held-tab',
    });
    await sleep(200);
    await q.call('queries.cancel', { queryId: inTab.queryId });
    await queryEnd(socket, inTab.queryId, 5000);
    const lost = (await socket.event('session.lost', 5000)) as { tabId: string };
    expect(lost).toMatchObject({ tabId: 'held-tab', connectionId: held });
    const refused = await socket.request('queries.execute', {
      connectionId: held,
      sql: 'SELECT 1',
      tabId: 'held-tab',
    });
    expect(refused['error']).toMatchObject({ code: 'SESSION_LOST' });
    expect(holding.cancels()).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
