import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type uPlot from 'uplot';
import type { ActivitySample } from '../../controllers/api';
import { servicesContext } from '../data/app-context';
import { StoreController } from '../data/store';
import { createPlot, drawPlot, latestInLegend, readTheme } from './activity-charts-plot';
import { CHARTS, chartData } from './activity-charts-series';
import { chartsStyles } from './activity-charts.styles';

/** How many draw times are kept ({@link TuskActivityCharts.drawTimes}). */
const KEPT_DRAW_TIMES = 300;

/**
 * `<tusk-activity-charts .connectionId>`: the live charts of a watched connection over the
 * last five minutes — sessions by state, transactions, tuples, blocks with the cache hit
 * ratio, temporary bytes, deadlocks — as small uPlot charts in a grid. It only reads
 * `services.activity.of(connectionId).samples` (whoever hosts it watches the connection).
 * A new sample is drawn with `setData` on the existing charts; the charts follow the
 * element's width and are made anew only when the theme changes.
 */
export class TuskActivityCharts extends LitElement {
  static override styles = chartsStyles;
  static override properties = { connectionId: {} };
  declare connectionId: string;

  /** How long each of the last draws took (all charts, ms), newest last. */
  readonly drawTimes: number[] = [];

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  readonly #plots = new Map<string, uPlot>();
  #drawn: readonly ActivitySample[] | null = null;
  #width = 0;
  readonly #resize = new ResizeObserver(() => this.#fit());
  readonly #theme = new MutationObserver(() => this.#remake());

  constructor() {
    super();
    this.connectionId = '';
    new StoreController(this, () => {
      const app = this.#services.value;
      return app && [{ store: app.activity, keys: () => [this.connectionId] }];
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#theme.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'data-theme'],
    });
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#theme.disconnect();
    this.#resize.disconnect();
    this.#destroy();
  }

  /** The data a chart (`sessions`, `transactions`, `tuples`, `blocks`, `temp`, `deadlocks`) plots now. */
  plotted(chart: string): uPlot.AlignedData | null {
    return this.#plots.get(chart)?.data ?? null;
  }

  get #samples(): readonly ActivitySample[] {
    return this.#services.value?.activity.of(this.connectionId).samples ?? [];
  }

  override render() {
    const samples = this.#samples;
    const latest = samples.at(-1);
    return html`<div class="grid" role="group" aria-label="Activity charts">
      ${CHARTS.map(
        (spec) =>
          html`<section class="chart" data-chart=${spec.id} aria-label=${spec.title}>
            <div class="head">
              <span class="title">${spec.title}</span>
              <span class="now">${latest ? spec.headline(latest) : nothing}</span>
            </div>
            ${samples.length < 2 ? html`<div class="waiting">Waiting for samples…</div>` : nothing}
            <div class="plot"></div>
          </section>`,
      )}
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const grid = this.renderRoot.querySelector<HTMLElement>('.grid');
    if (grid && this.#plots.size === 0) {
      this.#resize.observe(grid);
      this.#make();
    } else if (this.#samples !== this.#drawn) this.#draw();
  }

  #cellWidth(): number {
    const plot = this.renderRoot.querySelector<HTMLElement>('.plot');
    return Math.max(120, Math.floor(plot?.clientWidth ?? 300));
  }

  #make(): void {
    const theme = readTheme(this);
    this.#width = this.#cellWidth();
    const samples = this.#samples;
    for (const spec of CHARTS) {
      const into = this.renderRoot.querySelector<HTMLElement>(`[data-chart="${spec.id}"] .plot`)!;
      const plot = createPlot(spec, theme, this.#width, into, chartData(spec, samples));
      this.#plots.set(spec.id, plot);
      queueMicrotask(() => latestInLegend(plot));
    }
    this.#drawn = samples;
  }

  /** Puts the samples into the existing charts, drawing them now; keeps how long it took. */
  #draw(): void {
    const samples = this.#samples;
    const start = performance.now();
    for (const spec of CHARTS) {
      const plot = this.#plots.get(spec.id);
      if (!plot) continue;
      drawPlot(plot, chartData(spec, samples));
    }
    this.drawTimes.push(performance.now() - start);
    if (this.drawTimes.length > KEPT_DRAW_TIMES) this.drawTimes.shift();
    this.#drawn = samples;
  }

  #fit(): void {
    const width = this.#cellWidth();
    if (width === this.#width || this.#plots.size === 0) return;
    this.#width = width;
    for (const plot of this.#plots.values()) plot.setSize({ width, height: plot.height });
  }

  /** The theme changed: the charts are made again in its colours. */
  #remake(): void {
    if (this.#plots.size === 0) return;
    this.#destroy();
    this.#make();
  }

  #destroy(): void {
    for (const plot of this.#plots.values()) plot.destroy();
    this.#plots.clear();
    this.#drawn = null;
  }
}

customElements.define('tusk-activity-charts', TuskActivityCharts);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-activity-charts': TuskActivityCharts;
  }
}
