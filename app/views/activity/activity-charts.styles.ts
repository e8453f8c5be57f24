import { css, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css';

/**
 * The charts' look: uPlot's own rules (bundled as text by the build's `.css` loader, adopted
 * by the shadow root — the page's CSP allows no inline `<style>`), then small multiples in a grid, compact legends in
 * the theme's colours.
 */
export const chartsStyles = [
  unsafeCSS(uplotCss),
  css`
    :host {
      display: block;
      overflow: auto;
      padding: 8px;
      box-sizing: border-box;
      color: var(--tusk-text);
      font-size: var(--tusk-font-size-small);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: 8px;
    }
    .chart {
      min-width: 0;
      border: 1px solid var(--tusk-border);
      border-radius: 4px;
      padding: 4px 6px 2px;
      background: var(--tusk-bg);
    }
    .head {
      display: flex;
      align-items: baseline;
      gap: 8px;
      margin-bottom: 2px;
    }
    .title {
      font-weight: 600;
      color: var(--tusk-text-muted);
    }
    .now {
      margin-left: auto;
      font-family: var(--tusk-font-code);
      font-variant-numeric: tabular-nums;
      color: var(--tusk-text);
    }
    .waiting {
      color: var(--tusk-text-faint);
      padding: 4px 0 8px;
    }
    .uplot {
      font-family: var(--tusk-font-ui);
      width: 100%;
    }
    .u-legend {
      font-size: 11px;
      text-align: left;
      margin: 0;
      color: var(--tusk-text-muted);
    }
    .u-legend .u-series > * {
      padding: 0 2px;
    }
    .u-inline tr {
      margin-right: 8px;
    }
    .u-legend .u-value {
      font-family: var(--tusk-font-code);
      font-variant-numeric: tabular-nums;
    }
    .u-legend .u-marker {
      width: 8px;
      height: 8px;
      margin-right: 3px;
    }
    .u-legend tr:first-child {
      display: none;
    }
    .u-cursor-x {
      border-right-color: var(--tusk-text-faint);
    }
    .u-cursor-y {
      display: none;
    }
  `,
];
