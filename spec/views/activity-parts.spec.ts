import type { ActivitySession, BlockingEntry } from '../../app/controllers/api';
import { arrange, SESSION_COLUMNS } from '../../app/views/activity/activity-columns';
import { formatDuration, longOf } from '../../app/views/activity/activity-format';
import { blockingTree } from '../../app/views/activity/activity-tree';
import { activityOf } from '../../app/views/activity/open-activity';

/** The activity view's pure parts: the blocking tree, the sessions' order and filter, marks. */
const AT = '2026-01-01T12:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(AT) - ms).toISOString();

function session(pid: number, extra: Partial<ActivitySession> = {}): ActivitySession {
  return {
    pid,
    user: 'app',
    database: 'shop',
    application: null,
    client: 'local',
    backendType: 'client backend',
    state: 'idle',
    waitEventType: null,
    waitEvent: null,
    backendStart: ago(60_000),
    xactStart: null,
    queryStart: ago(1000),
    stateChange: ago(1000),
    query: 'SELECT 1',
    blockedBy: [],
    tusk: false,
    hidden: false,
    ...extra,
  };
}

const wait = (pid: number, blockedBy: number[]): BlockingEntry => ({
  pid,
  blockedBy,
  mode: 'ShareLock',
  relation: 'public.orders',
  waitingMs: 1000,
  sentence: `pid ${pid} waits`,
});

/** The tree as nested pids: `[pid, [...waiters]]`. */
const shape = (nodes: ReturnType<typeof blockingTree>): unknown[] =>
  nodes.map((n) => (n.waiters.length ? [n.pid, shape(n.waiters)] : n.pid));

describe('the blocking tree', () => {
  it('puts the blockers that wait for nobody at the root, their waiters nested under them', () => {
    const tree = blockingTree(
      [wait(2, [1]), wait(3, [2]), wait(4, [1]), wait(6, [5])],
      [1, 2, 3, 4, 5, 6].map((pid) => session(pid)),
    );
    expect(shape(tree)).toEqual([
      [1, [[2, [3]], 4]],
      [5, [6]],
    ]);
    expect(tree[0]!.wait).toBeNull();
    expect(tree[0]!.waiters[0]!.wait?.relation).toBe('public.orders');
  });

  it('shows a cycle (a deadlock not yet broken) once, without looping', () => {
    expect(shape(blockingTree([wait(7, [8]), wait(8, [7])], []))).toEqual([[7, [8]]]);
  });

  it('is empty when nobody waits', () => {
    expect(blockingTree([], [session(1)])).toEqual([]);
  });
});

describe('the sessions table', () => {
  const sessions = [
    session(30, { application: 'billing', state: 'active', queryStart: ago(20_000) }),
    session(10, { application: 'psql', user: 'alice' }),
    session(20, { application: 'billing worker', query: 'UPDATE orders SET paid = true' }),
    session(40, { application: null, hidden: true, query: null, state: null }),
  ];
  const column = (id: string) => SESSION_COLUMNS.find((c) => c.id === id)!;

  it('keeps the sessions matching every word of the filter, in any field', () => {
    const pids = (filter: string) =>
      arrange(sessions, AT, filter, column('pid'), false).map((s) => s.pid);
    expect(pids('')).toEqual([10, 20, 30, 40]);
    expect(pids('billing')).toEqual([20, 30]);
    expect(pids('BILLING orders')).toEqual([20]);
    expect(pids('alice')).toEqual([10]);
    expect(pids('nothing-like-it')).toEqual([]);
  });

  it('sorts by a column either way, the unknown last', () => {
    const by = (id: string, desc: boolean) =>
      arrange(sessions, AT, '', column(id), desc).map((s) => s.pid);
    expect(by('queryAge', true)).toEqual([30, 10, 20, 40]);
    expect(by('application', false)).toEqual([30, 20, 10, 40]);
    expect(by('application', true)).toEqual([10, 20, 30, 40]);
  });
});

describe('marks and durations', () => {
  it('marks a long idle in transaction and a long query with how long, not a short one', () => {
    const idle = session(1, { state: 'idle in transaction', stateChange: ago(14 * 60_000) });
    expect(longOf(idle, AT)).toEqual({ kind: 'idle-in-transaction', ms: 14 * 60_000 });
    expect(longOf(session(2, { state: 'active', queryStart: ago(12_000) }), AT)).toEqual({
      kind: 'long-query',
      ms: 12_000,
    });
    expect(longOf(session(3, { state: 'active', queryStart: ago(2000) }), AT)).toBeNull();
    expect(
      longOf(session(4, { state: 'idle in transaction', stateChange: ago(5000) }), AT),
    ).toBeNull();
  });

  it('says durations compactly', () => {
    expect(
      [450, 42_000, 185_000, 2 * 3_600_000 + 14 * 60_000, 3 * 86_400_000 + 4 * 3_600_000].map(
        formatDuration,
      ),
    ).toEqual(['450ms', '42s', '3m 05s', '2h 14m', '3d 4h']);
  });

  it('reads an activity tab’s section and rate, defaults for what does not fit', () => {
    expect(activityOf({ extra: { section: 'locks', rateMs: 5000 } })).toEqual({
      section: 'locks',
      rateMs: 5000,
    });
    expect(activityOf({ extra: { section: 'nope', rateMs: 3 } })).toEqual({
      section: 'sessions',
      rateMs: 1000,
    });
  });
});
