import type { ActivitySample, ServerSetting, TopStatement } from '../../app/common/activity-shapes';
import { CHARTS, chartData, hitRatio } from '../../app/views/activity/activity-charts-series';
import { formatBytes, formatMs } from '../../app/views/activity/activity-database-format';
import { settingValue, shownSettings } from '../../app/views/activity/activity-settings-filter';
import { oneLine, sortStatements } from '../../app/views/activity/activity-statements-columns';

/** A sample at `at` with `stats` over zeros. */
function sample(at: string, stats: Partial<ActivitySample['stats']> = {}): ActivitySample {
  return {
    connectionId: 'c',
    at,
    sessions: [],
    blocking: [],
    stats: {
      sessionsByState: {},
      commitsPerSec: 0,
      rollbacksPerSec: 0,
      tuplesReturnedPerSec: 0,
      tuplesFetchedPerSec: 0,
      tuplesInsertedPerSec: 0,
      tuplesUpdatedPerSec: 0,
      tuplesDeletedPerSec: 0,
      blocksReadPerSec: 0,
      blocksHitPerSec: 0,
      tempBytesPerSec: 0,
      deadlocks: 0,
      ...stats,
    },
  };
}

function setting(name: string, value: string, unit: string | null, changed = false): ServerSetting {
  return {
    name,
    setting: value,
    unit,
    category: 'c',
    description: `about ${name}`,
    source: changed ? 'user' : 'default',
    changed,
  };
}

/** The figures the activity sections show, computed from what the backend sends. */
describe('the activity sections’ figures', () => {
  it('gives uPlot the samples’ times in seconds and one array per series', () => {
    const samples = [
      sample('2026-01-01T00:00:00.000Z', {
        commitsPerSec: 5,
        sessionsByState: { active: 2, idle: 1, walsender: 1, disabled: 2 },
      }),
      sample('2026-01-01T00:00:01.500Z', { commitsPerSec: 8, rollbacksPerSec: 1 }),
    ];
    const tps = CHARTS.find((c) => c.id === 'transactions')!;
    expect(chartData(tps, samples)).toEqual([
      [1767225600, 1767225601.5],
      [5, 8],
      [0, 1],
    ]);
    const sessions = CHARTS.find((c) => c.id === 'sessions')!;
    // active, idle, idle in transaction, and the other states summed.
    expect(chartData(sessions, samples).slice(1)).toEqual([
      [2, 0],
      [1, 0],
      [0, 0],
      [3, 0],
    ]);
  });

  it('reads the cache hit ratio in percent, none without blocks', () => {
    expect(
      hitRatio(sample('2026-01-01T00:00:00Z', { blocksHitPerSec: 90, blocksReadPerSec: 10 })),
    ).toBe(90);
    expect(hitRatio(sample('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('says sizes and times as a person reads them', () => {
    expect([0, 512, 2048, 1536, 5 * 1024 ** 2, 3.25 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '512 B',
      '2 KB',
      '1.5 KB',
      '5 MB',
      '3.3 GB',
    ]);
    expect([0.25, 12.34, 1500, 120_000].map(formatMs)).toEqual([
      '0.25 ms',
      '12 ms',
      '1.5 s',
      '2 min',
    ]);
  });

  it('shows sizes of settings in their unit, the changed ones first, searched by words', () => {
    expect(settingValue(setting('work_mem', '12288', 'kB'))).toBe('12 MB');
    expect(settingValue(setting('shared_buffers', '16384', '8kB'))).toBe('128 MB');
    expect(settingValue(setting('wal_buffers', '-1', '8kB'))).toBe('-1 8kB');
    expect(settingValue(setting('deadlock_timeout', '1000', 'ms'))).toBe('1000 ms');
    const all = [
      setting('b', '1', null),
      setting('work_mem', '4096', 'kB'),
      setting('a', '1', null, true),
    ];
    expect(shownSettings(all, '').map((s) => s.name)).toEqual(['a', 'b', 'work_mem']);
    expect(shownSettings(all, 'WORK').map((s) => s.name)).toEqual(['work_mem']);
    expect(shownSettings(all, 'about work').map((s) => s.name)).toEqual(['work_mem']);
    expect(shownSettings(all, 'about nothing')).toEqual([]);
  });

  it('sorts statements by a column either way, and puts a query on one line', () => {
    const st = (query: string, totalMs: number, calls: number): TopStatement => ({
      queryId: query,
      query,
      user: 'u',
      database: 'd',
      calls,
      totalMs,
      meanMs: totalMs / calls,
      rows: 0,
      sharedBlocksHit: 0,
      sharedBlocksRead: 0,
      tempBlocksRead: 0,
      tempBlocksWritten: 0,
    });
    const list = [st('a', 10, 5), st('b', 30, 1), st('c', 20, 9)];
    expect(sortStatements(list, { key: 'total', descending: true }).map((s) => s.query)).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(sortStatements(list, { key: 'calls', descending: false }).map((s) => s.query)).toEqual([
      'b',
      'a',
      'c',
    ]);
    expect(oneLine('SELECT *\n  FROM t\n WHERE x = $1')).toBe('SELECT * FROM t WHERE x = $1');
  });
});
