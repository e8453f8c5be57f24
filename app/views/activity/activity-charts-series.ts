import type { ActivitySample } from '../../controllers/api';
import { formatBytes } from './activity-database-format';

/** A theme colour of a series: one of the connection colours (`--tusk-conn-<name>`). */
export type SeriesColour =
  'red' | 'orange' | 'yellow' | 'green' | 'teal' | 'blue' | 'purple' | 'gray';

/** One line of a chart: its legend label, colour and value in a sample (null: no value). */
export interface ChartSeries {
  label: string;
  colour: SeriesColour;
  value: (sample: ActivitySample) => number | null;
  /** Drawn against the right axis (a percentage), dashed. */
  percent?: boolean;
}

/** One small chart of the grid: its id (`data-chart`), title, series and value format. */
export interface ChartSpec {
  id: string;
  title: string;
  series: ChartSeries[];
  /** How its values read on the axis and in the legend. */
  format: (value: number) => string;
  /** Its values are whole (counts, bytes): the axis ticks whole steps. */
  whole?: boolean;
  /** What its title says of the latest sample (a total, a ratio). */
  headline: (sample: ActivitySample) => string;
}

/** The session states drawn apart; the others are summed as `other`. */
const STATES = ['active', 'idle', 'idle in transaction'] as const;

function otherSessions(sample: ActivitySample): number {
  let sum = 0;
  for (const [state, count] of Object.entries(sample.stats.sessionsByState)) {
    if (!(STATES as readonly string[]).includes(state)) sum += count;
  }
  return sum;
}

/** `hit / (hit + read)` in percent; null when no block was asked for. */
export function hitRatio(sample: ActivitySample): number | null {
  const { blocksHitPerSec: hit, blocksReadPerSec: read } = sample.stats;
  return hit + read > 0 ? (100 * hit) / (hit + read) : null;
}

/** A count or a rate, short: `12`, `3.5`, `1.2k`, `4.1M`. */
export function formatRate(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${Math.round(value / 1e3)}k`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 10 || Number.isInteger(value)) return String(Math.round(value));
  return value.toFixed(1);
}

/** The charts of the activity view, in the order they are laid out. */
export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'sessions',
    title: 'Sessions',
    whole: true,
    format: formatRate,
    headline: (s) => `${Object.values(s.stats.sessionsByState).reduce((a, b) => a + b, 0)} in all`,
    series: [
      ...STATES.map((state, i) => ({
        label: state,
        colour: (['green', 'gray', 'orange'] as const)[i]!,
        value: (s: ActivitySample) => s.stats.sessionsByState[state] ?? 0,
      })),
      { label: 'other', colour: 'purple', value: otherSessions },
    ],
  },
  {
    id: 'transactions',
    title: 'Transactions /s',
    format: formatRate,
    headline: (s) => formatRate(s.stats.commitsPerSec + s.stats.rollbacksPerSec),
    series: [
      { label: 'commits', colour: 'green', value: (s) => s.stats.commitsPerSec },
      { label: 'rollbacks', colour: 'red', value: (s) => s.stats.rollbacksPerSec },
    ],
  },
  {
    id: 'tuples',
    title: 'Tuples /s',
    format: formatRate,
    headline: (s) =>
      `${formatRate(s.stats.tuplesInsertedPerSec + s.stats.tuplesUpdatedPerSec + s.stats.tuplesDeletedPerSec)} written`,
    series: [
      { label: 'returned', colour: 'blue', value: (s) => s.stats.tuplesReturnedPerSec },
      { label: 'fetched', colour: 'teal', value: (s) => s.stats.tuplesFetchedPerSec },
      { label: 'inserted', colour: 'green', value: (s) => s.stats.tuplesInsertedPerSec },
      { label: 'updated', colour: 'orange', value: (s) => s.stats.tuplesUpdatedPerSec },
      { label: 'deleted', colour: 'red', value: (s) => s.stats.tuplesDeletedPerSec },
    ],
  },
  {
    id: 'blocks',
    title: 'Blocks /s',
    format: formatRate,
    headline: (s) => {
      const ratio = hitRatio(s);
      return ratio == null ? '' : `${ratio.toFixed(1)}% from cache`;
    },
    series: [
      { label: 'hit', colour: 'blue', value: (s) => s.stats.blocksHitPerSec },
      { label: 'read', colour: 'orange', value: (s) => s.stats.blocksReadPerSec },
      { label: 'hit ratio %', colour: 'green', value: hitRatio, percent: true },
    ],
  },
  {
    id: 'temp',
    title: 'Temporary files /s',
    whole: true,
    format: formatBytes,
    headline: (s) => formatBytes(s.stats.tempBytesPerSec),
    series: [{ label: 'bytes', colour: 'purple', value: (s) => s.stats.tempBytesPerSec }],
  },
  {
    id: 'deadlocks',
    title: 'Deadlocks',
    whole: true,
    format: formatRate,
    headline: (s) => formatRate(s.stats.deadlocks),
    series: [{ label: 'deadlocks', colour: 'red', value: (s) => s.stats.deadlocks }],
  },
];

/**
 * A chart's data as uPlot takes it: the samples' times (Unix seconds) then one array per
 * series, oldest first.
 */
export function chartData(
  spec: ChartSpec,
  samples: readonly ActivitySample[],
): [number[], ...(number | null)[][]] {
  const xs = new Array<number>(samples.length);
  const ys = spec.series.map(() => new Array<number | null>(samples.length));
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    xs[i] = Date.parse(sample.at) / 1000;
    for (let j = 0; j < ys.length; j++) ys[j]![i] = spec.series[j]!.value(sample);
  }
  return [xs, ...ys];
}
