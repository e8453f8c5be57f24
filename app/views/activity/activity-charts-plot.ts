import uPlot from 'uplot';
import { CHART_WINDOW_MS } from '../data/activity-store';
import type { ChartSpec } from './activity-charts-series';

/** The height of a chart's plotting area and axes, px (its legend comes under it). */
export const PLOT_HEIGHT = 120;

/** The theme's colours a chart reads (re-read when the theme changes). */
export interface ChartTheme {
  text: string;
  grid: string;
  colour: (name: string) => string;
}

/** The theme's colours as `element` inherits them. */
export function readTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--tusk-text-faint', '#5f6670'),
    grid: read('--tusk-border', '#dcdfe4'),
    colour: (name) => read(`--tusk-conn-${name}`, '#6e7781'),
  };
}

const WINDOW_S = CHART_WINDOW_MS / 1000;
const MIN_WINDOW_S = 60;

/** Whole steps for counts (1, 2, 5, 10, 20, 50…): no tick at half a session or byte. */
const WHOLE_STEPS = Array.from({ length: 13 }, (_, k) => [1, 2, 5].map((m) => m * 10 ** k)).flat();

/** Unix seconds as the local time of day, `18:52` (`18:52:30` off the minute). */
function clock(seconds: number): string {
  const at = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return at.getSeconds() === 0 ? hm : `${hm}:${pad(at.getSeconds())}`;
}
const FONT = '10px system-ui, sans-serif';

/**
 * A uPlot chart of `spec` in `into`, `width` px wide: time on x over the last five minutes
 * (to the latest sample), values from 0, a compact live legend; a series marked `percent`
 * on a 0–100 right axis, dashed.
 */
export function createPlot(
  spec: ChartSpec,
  theme: ChartTheme,
  width: number,
  into: HTMLElement,
  data: uPlot.AlignedData,
): uPlot {
  const hasPercent = spec.series.some((s) => s.percent);
  const axis = (scale: string, side: 1 | 3, values: (v: number) => string): uPlot.Axis => ({
    scale,
    ...(spec.whole && scale === 'y' ? { incrs: WHOLE_STEPS } : {}),
    side,
    stroke: theme.text,
    font: FONT,
    size: 42,
    gap: 3,
    ticks: { stroke: theme.grid, width: 1, size: 3 },
    grid: { stroke: theme.grid, width: 1, show: side === 3 },
    values: (_u, splits) => splits.map((v) => (v == null ? '' : values(v))),
  });
  const fmt = (v: number | null, percent = false) =>
    v == null ? '–' : percent ? `${v.toFixed(1)}%` : spec.format(v);
  const opts: uPlot.Options = {
    width,
    height: PLOT_HEIGHT,
    pxAlign: 1,
    cursor: { points: { size: 5 }, drag: { x: false, y: false } },
    legend: { live: true },
    hooks: { setCursor: [latestInLegend] },
    scales: {
      // The samples there are, at least the last minute, at most the last five.
      x: {
        time: true,
        range: (_u, min, max) => [Math.max(max - WINDOW_S, Math.min(min, max - MIN_WINDOW_S)), max],
      },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      ...(hasPercent ? { '%': { range: [0, 100] as uPlot.Range.MinMax } } : {}),
    },
    axes: [
      {
        stroke: theme.text,
        font: FONT,
        size: 20,
        values: (_u, splits) => splits.map(clock),
        gap: 2,
        ticks: { stroke: theme.grid, width: 1, size: 3 },
        grid: { stroke: theme.grid, width: 1 },
      },
      axis('y', 3, spec.format),
      ...(hasPercent ? [axis('%', 1, (v) => `${v}%`)] : []),
    ],
    series: [
      {},
      ...spec.series.map((s): uPlot.Series => ({
        label: s.label,
        stroke: theme.colour(s.colour),
        width: 1.5,
        scale: s.percent ? '%' : 'y',
        points: { show: false },
        spanGaps: false,
        ...(s.percent ? { dash: [4, 3] } : {}),
        value: (_u, v) => fmt(v, s.percent),
      })),
    ],
  };
  return new uPlot(opts, data, into);
}

/**
 * Puts `data` into `plot` and draws it now; away from the cursor, its legend then says the
 * latest values (not dashes).
 */
export function drawPlot(plot: uPlot, data: uPlot.AlignedData): void {
  plot.batch(() => plot.setData(data));
  latestInLegend(plot);
}

/** The legend says the latest values unless the cursor is over the chart. */
export function latestInLegend(plot: uPlot): void {
  const count = plot.data[0].length;
  if (plot.cursor.idx == null && count > 0) plot.setLegend({ idx: count - 1 }, false);
}
