import postgres from 'postgres';
import type { ActivitySample } from '../../app/common/activity-shapes';
import { startTestBackend, type TestBackend } from '../support/backend';
import { startBouncedBackend, type BouncedBackend } from '../support/pgbouncer';
import { sharedPgServer, startPgServer, startStandby, superuserSql } from '../support/postgres';
import type { PgServerInfo } from '../support/postgres';
import { startQueryBackend, type QueryBackend } from '../support/query-backend';
import { openSocket, socketUrl, type TestSocket } from '../support/socket';
import type { Supervised } from '../support/supervised';

jest.setTimeout(90_000);

/** The sampler's own backend in a sample: the one running the sample's SQL. */
function samplerOf(sample: ActivitySample) {
  return sample.sessions.filter(
    (s) => s.state === 'active' && s.query?.includes('pg_blocking_pids'),
  );
}

describe('activity for an unprivileged role', () => {
  let t: QueryBackend;
  let admin: postgres.Sql;
  beforeAll(async () => {
    t = await startQueryBackend('acth');
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it("sees its own sessions whole and others' marked hidden, not an error", async () => {
    const connectionId = await t.open('hidden');
    admin = superuserSql(sharedPgServer(), { connection: { application_name: 'acth admin' } });
    const [{ pid: adminPid }] = await admin<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    const snapshot = await t.call('activity.snapshot', { connectionId });
    const theirs = snapshot.sessions.find((s) => s.pid === adminPid);
    expect(theirs).toMatchObject({ hidden: true, query: null, state: null, tusk: false });
    const mine = snapshot.sessions.filter((s) => s.user === t.user.role);
    expect(mine.length).toBeGreaterThanOrEqual(2); // the pool's and the snapshot's own
    expect(mine.every((s) => !s.hidden && s.query !== null && s.tusk)).toBe(true);
    await t.call('activity.watch', { connectionId, intervalMs: 500 });
    const sample = (await t.socket.event('activity.sample', 3000)) as ActivitySample;
    expect(sample.sessions.find((s) => s.pid === adminPid)?.hidden).toBe(true);
    expect(sample.stats.sessionsByState['other']).toBeGreaterThanOrEqual(1);
    await t.call('activity.unwatch', { connectionId });
  });
});

describe('activity on a hot standby', () => {
  let primary: Supervised<PgServerInfo>;
  let standby: PgServerInfo;
  let backend: TestBackend;
  let socket: TestSocket;
  beforeAll(async () => {
    primary = await startPgServer('off');
    standby = await startStandby(primary);
    backend = await startTestBackend();
    socket = await openSocket(socketUrl(backend.port, backend.token));
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await backend?.stop();
    await primary?.stop();
  });

  it('reads a snapshot, a sample and its replay lag (no standbys of its own)', async () => {
    const saved = await socket.call('connections.save', {
      name: 'standby',
      host: standby.host,
      port: standby.port,
      database: standby.database,
      username: standby.username,
      password: standby.password,
      sslMode: 'disable',
      rememberPasswords: true,
    });
    await socket.call('connections.connect', { id: saved.id });
    const snapshot = await socket.call('activity.snapshot', { connectionId: saved.id });
    expect(snapshot.sessions.some((s) => s.backendType === 'startup')).toBe(true);
    await socket.call('activity.watch', { connectionId: saved.id, intervalMs: 500 });
    const sample = (await socket.event('activity.sample', 3000)) as ActivitySample;
    expect(samplerOf(sample)).toHaveLength(1);
    await socket.call('activity.unwatch', { connectionId: saved.id });
    const report = await socket.call('activity.database', { connectionId: saved.id });
    expect(report.replication).toMatchObject({ role: 'standby' });
  });
});

describe('activity behind PgBouncer in transaction mode', () => {
  let b: BouncedBackend;
  beforeAll(async () => {
    b = await startBouncedBackend(sharedPgServer(), 'activity bounced');
  });
  afterAll(async () => {
    await b?.stop();
  });

  it("reads a snapshot and samples; the sessions are the pooler's server connections", async () => {
    const connectionId = b.connectionId;
    const snapshot = await b.socket.call('activity.snapshot', { connectionId });
    expect(snapshot.sessions.length).toBeGreaterThan(0);
    await b.socket.call('activity.watch', { connectionId, intervalMs: 500 });
    const first = (await b.socket.event('activity.sample', 3000)) as ActivitySample;
    const sampler = samplerOf(first);
    expect(sampler).toHaveLength(1);
    // The server connection that ran the sample is known as Tusk's own.
    expect(sampler[0]).toMatchObject({ tusk: true });
    const more = () => b.socket.events.filter((e) => e.event === 'activity.sample').length;
    const deadline = Date.now() + 3000;
    while (more() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(more()).toBeGreaterThanOrEqual(3);
    await b.socket.call('activity.unwatch', { connectionId });
    const settings = await b.socket.call('activity.settings', { connectionId });
    expect(settings.length).toBeGreaterThan(200);
  });
});
