import postgres from 'postgres';
import type { ActivitySample } from '../../app/common/activity-shapes';
import { sharedPgServer } from '../support/postgres';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import { refusalOf } from '../support/socket';
import { waitUntil } from '../support/wait';

jest.setTimeout(60_000);

let t: QueryBackend;
let connectionId: string;
const clients: postgres.Sql[] = [];

/** A client of the test's role outside Tusk (application_name `app`), ended after the test. */
function client(app: string, max = 1): postgres.Sql {
  const pg = sharedPgServer();
  const sql = postgres({
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: t.user.role,
    password: t.user.password,
    ssl: 'require',
    max,
    connection: { application_name: app },
    onnotice: () => {},
  });
  clients.push(sql);
  return sql;
}

async function pidOf(sql: postgres.Sql | postgres.ReservedSql): Promise<number> {
  const [row] = await sql<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  return row!.pid;
}

beforeAll(async () => {
  t = await startQueryBackend('act');
  connectionId = await t.open('activity');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end({ timeout: 1 })));
});

afterAll(async () => {
  await t?.stop();
});

describe('activity.snapshot', () => {
  it('shows who blocks whom with the relation, the mode and a sentence; terminate frees the waiter', async () => {
    const table = await t.table('act_rows', 'id int PRIMARY KEY, v int');
    await t.admin(`INSERT INTO ${table} VALUES (1, 0)`);
    const a = await client('act holder').reserve();
    const b = await client('act waiter').reserve();
    const [pidA, pidB] = [await pidOf(a), await pidOf(b)];
    await a.unsafe(`BEGIN; UPDATE ${table} SET v = 1 WHERE id = 1`);
    // postgres.js sends a query once it is awaited or executed.
    const waiting = b.unsafe(`UPDATE ${table} SET v = 2 WHERE id = 1`).execute();
    let snapshot = await t.call('activity.snapshot', { connectionId });
    await waitUntil(async () => {
      snapshot = await t.call('activity.snapshot', { connectionId });
      return snapshot.blocking.some((e) => e.pid === pidB);
    });
    const entry = snapshot.blocking.find((e) => e.pid === pidB)!;
    expect(entry.blockedBy).toEqual([pidA]);
    expect(entry.relation).toBe(`public.${table}`);
    expect(entry.mode).toBe('ShareLock');
    expect(entry.sentence).toMatch(
      new RegExp(
        `^pid ${pidB} waits \\d+ (ms|s) for a ShareLock on a row of public\\.${table} held by pid ${pidA}, idle in transaction for \\d+ (ms|s)$`,
      ),
    );
    const sessionB = snapshot.sessions.find((s) => s.pid === pidB)!;
    expect(sessionB).toMatchObject({ waitEventType: 'Lock', blockedBy: [pidA], tusk: false });
    expect(snapshot.sessions.find((s) => s.pid === pidA)!.state).toBe('idle in transaction');
    expect(snapshot.locks).toContainEqual({
      pid: pidA,
      mode: 'RowExclusiveLock',
      granted: true,
      relation: `public.${table}`,
      locktype: 'relation',
    });
    expect(snapshot.locks.some((l) => l.pid === pidB && !l.granted)).toBe(true);

    expect(await t.call('activity.terminate', { connectionId, pid: pidA })).toEqual({
      signalled: true,
    });
    await expect(waiting).resolves.toHaveProperty('count', 1);
    b.release();
    const after = await t.call('activity.snapshot', { connectionId });
    expect(after.sessions.some((s) => s.pid === pidA)).toBe(false);
    expect(after.blocking.some((e) => e.pid === pidB)).toBe(false);
  });

  it('lists 200 sessions of the test with their application name and state', async () => {
    const many = client('act many', 200);
    const pids = new Set<number>();
    // 200 connections at once, each running one statement; half stay in a transaction.
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const r = await many.reserve();
        pids.add(await pidOf(r));
        if (i % 2 === 0) await r.unsafe('BEGIN; SELECT 1');
      }),
    );
    expect(pids.size).toBe(200);
    const snapshot = await t.call('activity.snapshot', { connectionId });
    const mine = snapshot.sessions.filter((s) => pids.has(s.pid));
    expect(mine).toHaveLength(200);
    expect(new Set(mine.map((s) => s.application))).toEqual(new Set(['act many']));
    expect(mine.filter((s) => s.state === 'idle in transaction')).toHaveLength(100);
    expect(mine.filter((s) => s.state === 'idle')).toHaveLength(100);
    expect(mine.every((s) => s.user === t.user.role && !s.hidden && !s.tusk)).toBe(true);
  });
});

describe('activity.cancel and terminate', () => {
  it('cancels a pg_sleep(60) within a second', async () => {
    const sql = client('act sleeper');
    const r = await sql.reserve();
    const pid = await pidOf(r);
    const sleeping = r
      .unsafe('SELECT pg_sleep(60)')
      .catch((error: Error & { code?: string }) => error);
    await waitUntil(async () => {
      const s = await t.call('activity.snapshot', { connectionId });
      return s.sessions.some((x) => x.pid === pid && x.state === 'active');
    });
    const started = Date.now();
    expect(await t.call('activity.cancel', { connectionId, pid })).toEqual({ signalled: true });
    expect(await sleeping).toHaveProperty('code', '57014');
    expect(Date.now() - started).toBeLessThan(1000);
    r.release();
  });

  it("refuses a superuser's backend naming SUPERUSER, another role's naming pg_signal_backend", async () => {
    const admin = postgres({
      ...superuserOptions(),
      connection: { application_name: 'act superuser' },
    });
    clients.push(admin);
    const superPid = await pidOf(admin);
    const refused = await refusalOf(t.call('activity.cancel', { connectionId, pid: superPid }));
    expect(refused).toMatchObject({ kind: 'validation', code: 'SIGNAL_REFUSED' });
    expect(refused.hint).toMatch(/SUPERUSER/);
    expect(refused.hint).not.toMatch(/GRANT pg_signal_backend/);

    const other = `${t.user.role}_other`;
    await t.admin(`CREATE ROLE ${other} LOGIN PASSWORD 'x-${t.user.suffix}'`);
    try {
      const theirs = postgres({
        ...superuserOptions(),
        username: other,
        password: `x-${t.user.suffix}`,
      });
      clients.push(theirs);
      const otherPid = await pidOf(theirs);
      const refusal = await refusalOf(
        t.call('activity.terminate', { connectionId, pid: otherPid }),
      );
      expect(refusal).toMatchObject({ kind: 'validation', code: 'SIGNAL_REFUSED' });
      expect(refusal.hint).toMatch(new RegExp(`GRANT pg_signal_backend TO ${t.user.role}`));
      await theirs.end();
    } finally {
      await t.admin(`DROP ROLE ${other}`);
    }
  });

  it('says NO_SUCH_BACKEND for a pid that is gone', async () => {
    const sql = client('act gone');
    const pid = await pidOf(sql);
    await sql.end();
    await waitUntil(async () => {
      const s = await t.call('activity.snapshot', { connectionId });
      return !s.sessions.some((x) => x.pid === pid);
    });
    const refused = await refusalOf(t.call('activity.cancel', { connectionId, pid }));
    expect(refused).toMatchObject({ kind: 'validation', code: 'NO_SUCH_BACKEND' });
  });
});

function superuserOptions() {
  const pg = sharedPgServer();
  return {
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: pg.username,
    password: pg.password,
    ssl: 'require' as const,
    max: 1,
    onnotice: () => {},
  };
}

describe('activity.watch', () => {
  function samples(): ActivitySample[] {
    return t.socket.events
      .filter((e) => e.event === 'activity.sample')
      .map((e) => e.payload as ActivitySample)
      .filter((s) => s.connectionId === connectionId);
  }

  it('pushes samples at the interval with rising commits, on a session of its own, until unwatched', async () => {
    const table = await t.table('act_load', 'v int');
    const before = samples().length;
    expect(await t.call('activity.watch', { connectionId, intervalMs: 500 })).toEqual({
      intervalMs: 500,
    });
    // A tab's session too: it must be Tusk's, and not the sampler.
    await t.call('queries.execute', { connectionId, sql: 'SELECT 1 AS act_tab', tabId: 'act-tab' });
    const load = client('act load');
    let stop = false;
    const inserting = (async () => {
      while (!stop) await load.unsafe(`INSERT INTO ${table} (v) VALUES (1)`);
    })();
    await waitUntil(() => samples().length - before >= 6, 10_000);
    stop = true;
    await inserting;
    const got = samples().slice(before);
    expect(got.length).toBeGreaterThanOrEqual(6);
    const gaps = got.slice(1).map((s, i) => Date.parse(s.at) - Date.parse(got[i]!.at));
    for (const gap of gaps) expect(gap).toBeGreaterThan(300);
    expect(Math.max(...got.slice(2).map((s) => s.stats.commitsPerSec))).toBeGreaterThan(20);
    expect(got[0]!.stats.commitsPerSec).toBe(0);

    const last = got.at(-1)!;
    const sampler = last.sessions.filter(
      (s) => s.state === 'active' && s.query?.includes('pg_blocking_pids'),
    );
    expect(sampler).toHaveLength(1);
    expect(sampler[0]).toMatchObject({ tusk: true, user: t.user.role, application: 'Tusk' });
    const tab = last.sessions.find((s) => s.query?.includes('act_tab'));
    expect(tab).toMatchObject({ tusk: true });
    // The pool's sessions (whatever they ran last): Tusk's too, apart from the other two.
    const pool = last.sessions.filter(
      (s) =>
        s.application === 'Tusk' &&
        s.user === t.user.role &&
        ![sampler[0]!.pid, tab!.pid].includes(s.pid),
    );
    expect(pool.length).toBeGreaterThan(0);
    for (const session of pool) expect(session).toMatchObject({ tusk: true });
    expect(new Set([sampler[0]!.pid, pool[0]!.pid, tab!.pid]).size).toBe(3);
    // The same sampler session every time.
    const samplerPids = new Set(
      got.map(
        (s) =>
          s.sessions.find((x) => x.state === 'active' && x.query?.includes('pg_blocking_pids'))
            ?.pid,
      ),
    );
    expect(samplerPids).toEqual(new Set([sampler[0]!.pid]));

    expect(await t.call('activity.unwatch', { connectionId })).toEqual({ watching: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = samples().length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(samples().length).toBe(stopped);
    await waitUntil(async () => {
      const s = await t.call('activity.snapshot', { connectionId });
      return !s.sessions.some((x) => x.pid === sampler[0]!.pid);
    });
    const now = await t.call('activity.snapshot', { connectionId });
    expect(now.sessions.some((x) => x.pid === sampler[0]!.pid)).toBe(false);
  });

  it("goes on sampling when the sampler's backend is terminated under it", async () => {
    const id = await t.open('activity retry');
    const mine = () =>
      t.socket.events
        .filter((e) => e.event === 'activity.sample')
        .map((e) => e.payload as ActivitySample)
        .filter((s) => s.connectionId === id);
    await t.call('activity.watch', { connectionId: id, intervalMs: 500 });
    const samplerPid = (s: ActivitySample) =>
      s.sessions.find((x) => x.state === 'active' && x.query?.includes('pg_blocking_pids'))?.pid;
    const first = samplerPid(mine()[0]!)!;
    // The sampler's backend ends under it: a later tick logs in anew (the timer survives).
    await t.admin('SELECT pg_terminate_backend($1)', [first]);
    await waitUntil(() => mine().some((s) => samplerPid(s) !== first), 5000);
    const again = mine().find((s) => samplerPid(s) !== first);
    expect(again).toBeDefined();
    expect(samplerPid(again!)).toEqual(expect.any(Number));
    await t.call('activity.unwatch', { connectionId: id });
    await t.call('connections.disconnect', { id });
  });

  it('stops when the connection closes', async () => {
    const id = await t.open('activity closing');
    await t.call('activity.watch', { connectionId: id, intervalMs: 500 });
    const count = () =>
      t.socket.events.filter(
        (e) => e.event === 'activity.sample' && (e.payload as ActivitySample).connectionId === id,
      ).length;
    await waitUntil(() => count() >= 2, 5000);
    expect(count()).toBeGreaterThanOrEqual(2);
    await t.call('connections.disconnect', { id });
    const stopped = count();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(count()).toBe(stopped);
    const refused = await refusalOf(
      t.call('activity.watch', { connectionId: id, intervalMs: 500 }),
    );
    expect(refused).toMatchObject({ kind: 'connection', code: 'CONNECTION_NOT_OPEN' });
  });
});
