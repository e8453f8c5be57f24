import { css } from 'lit';

/** The icicle: a level per depth, blocks warmer as their own share grows, a time axis on top. */
export const flameStyles = css`
  .flame {
    --flame-hot: var(--tusk-warning);
    --flame-cool: var(--tusk-bg-hover);
    overflow: auto;
    padding: 0 10px 10px;
  }
  .axis {
    position: sticky;
    top: 0;
    z-index: 1;
    height: 20px;
    margin-bottom: 4px;
    background: var(--tusk-bg);
    border-bottom: 1px solid var(--tusk-border);
  }
  .tick {
    position: absolute;
    bottom: 2px;
    transform: translateX(-50%);
    color: var(--tusk-text-faint);
    font-size: 11px;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .tick:first-child {
    transform: none;
  }
  .tick:last-child {
    transform: translateX(-100%);
  }
  .levels {
    position: relative;
  }
  .block {
    position: absolute;
    height: 19px;
    min-width: 1px;
    box-sizing: border-box;
    padding: 0 4px;
    border-right: 1px solid var(--tusk-bg);
    overflow: hidden;
    color: var(--tusk-text);
    font: 11px / 19px var(--tusk-font-ui);
    white-space: nowrap;
    text-overflow: ellipsis;
    cursor: default;
  }
  .block:hover {
    filter: brightness(0.94);
  }
  .block.costliest {
    font-weight: 600;
  }
  .block.selected {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -2px;
  }
`;

/** The comparison: the two totals and the change as cards, then an aligned table of nodes. */
export const comparisonStyles = css`
  .compare {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .compare-bar {
    flex: none;
    padding: 4px 10px;
    border-bottom: 1px solid var(--tusk-border);
    color: var(--tusk-text-muted);
  }
  select {
    margin-left: 6px;
    height: 22px;
    border: 1px solid var(--tusk-border-strong);
    border-radius: 3px;
    background: var(--tusk-bg);
    color: var(--tusk-text);
    font: inherit;
  }
  .cards {
    flex: none;
    display: flex;
    border-bottom: 1px solid var(--tusk-border);
  }
  .card {
    flex: 1;
    min-width: 0;
    padding: 6px 10px;
    border-right: 1px solid var(--tusk-border);
  }
  .card:last-child {
    border-right: 0;
  }
  .card .which {
    color: var(--tusk-text-faint);
    font-size: 11px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .card .label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--tusk-text-muted);
  }
  .card .total {
    font-size: 16px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .card .sub {
    color: var(--tusk-text-muted);
  }
  .better {
    color: var(--tusk-ok);
  }
  .worse {
    color: var(--tusk-danger);
  }
  .ctable {
    flex: 1;
    min-height: 0;
    overflow: auto;
  }
  .crow {
    display: grid;
    grid-template-columns: minmax(260px, 1fr) 84px 84px 84px 84px 84px;
    align-items: center;
    height: 22px;
    border-bottom: 1px solid var(--tusk-border);
    box-sizing: border-box;
    white-space: nowrap;
  }
  .crow > span {
    padding: 0 6px;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .chead {
    position: sticky;
    top: 0;
    z-index: 1;
    height: 24px;
    background: var(--tusk-bg-sidebar);
    border-bottom-color: var(--tusk-border-strong);
    color: var(--tusk-text-muted);
    font-weight: 600;
  }
  .crow .c-node {
    padding-left: calc(6px + var(--depth, 0) * 14px);
  }
  .crow .op {
    font-family: var(--tusk-font-code);
    font-size: 11.5px;
  }
  .crow .num {
    text-align: right;
    font-family: var(--tusk-font-code);
    font-size: 11.5px;
    font-variant-numeric: tabular-nums;
  }
  .chead .num {
    font-family: inherit;
    font-size: inherit;
  }
  .crow.removed .op {
    color: var(--tusk-text-faint);
    text-decoration: line-through;
  }
  .tag {
    margin-right: 6px;
    padding: 0 4px;
    border-radius: 3px;
    font-size: 10.5px;
    font-weight: 600;
  }
  .tag.added {
    background: color-mix(in srgb, var(--tusk-ok) 16%, transparent);
    color: var(--tusk-ok);
  }
  .tag.removed {
    background: var(--tusk-danger-bg);
    color: var(--tusk-danger);
  }
  .was {
    margin-left: 8px;
    color: var(--tusk-text-faint);
    font-style: italic;
  }
  .delta.better,
  .delta.worse {
    font-weight: 600;
  }
`;
