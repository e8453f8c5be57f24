import { css } from 'lit';

/**
 * The plan tree's look, dense like the result grid: 22 px rows, aligned columns (one grid
 * template for the header and every row), numbers right-aligned in tabular figures, a
 * quiet warm tint on the costliest nodes. Narrow panes drop the condition column first,
 * then the secondary figures (they stay in the details).
 */
export const planTreeStyles = css`
  :host {
    display: block;
    min-height: 0;
    min-width: 0;
    container-type: inline-size;
    font-size: var(--tusk-font-size-small);
    color: var(--tusk-text);
  }
  .scroller {
    height: 100%;
    overflow: auto;
    --cols: minmax(240px, 2fr) minmax(120px, 1.5fr) 70px 70px 60px 54px 72px 72px 96px 96px;
    --row-min: 950px;
  }
  .scroller.planned {
    --cols: minmax(240px, 2fr) minmax(120px, 1.5fr) 80px 96px 96px 56px;
    --row-min: 700px;
  }
  .head,
  .row {
    display: grid;
    grid-template-columns: var(--cols);
    align-items: center;
    min-width: var(--row-min);
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 1;
    height: 24px;
    background: var(--tusk-bg-sidebar);
    border-bottom: 1px solid var(--tusk-border-strong);
    color: var(--tusk-text-muted);
    font-size: 11px;
    font-weight: 600;
    white-space: nowrap;
  }
  .head > span {
    padding: 0 5px;
    overflow: hidden;
    text-overflow: ellipsis;
    border-right: 1px solid var(--tusk-border);
    line-height: 23px;
  }
  .tree {
    box-sizing: border-box;
    outline: none;
  }
  .row {
    height: 22px;
    border-bottom: 1px solid var(--tusk-border);
    box-sizing: border-box;
    white-space: nowrap;
    cursor: default;
    outline: none;
  }
  .row > span {
    padding: 0 6px;
    overflow: hidden;
    text-overflow: ellipsis;
    line-height: 21px;
  }
  .row:hover {
    background: var(--tusk-bg-hover);
  }
  .row.costliest {
    background: color-mix(in srgb, var(--tusk-warning) 9%, transparent);
  }
  .row.costliest .excl {
    font-weight: 700;
    color: var(--tusk-text);
  }
  .row.selected {
    background: var(--tusk-bg-selected);
  }
  .row:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -2px;
  }
  .row.never > span {
    color: var(--tusk-text-faint);
  }
  .row.never .op,
  .row.never .name {
    color: var(--tusk-text-faint);
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    font-family: var(--tusk-font-code);
    font-size: 11.5px;
  }
  .head .num {
    font-family: inherit;
    font-size: inherit;
  }
  .c-node {
    padding-left: calc(4px + var(--depth, 0) * 12px) !important;
  }
  .toggle {
    display: inline-block;
    width: 12px;
    color: var(--tusk-text-faint);
    text-align: center;
    cursor: pointer;
  }
  .op {
    font-weight: 500;
  }
  .muted {
    color: var(--tusk-text-faint);
  }
  .name {
    font-family: var(--tusk-font-code);
    font-size: 11.5px;
  }
  .sub {
    margin-right: 4px;
    padding: 0 4px;
    border-radius: 3px;
    background: var(--tusk-bg-hover);
    color: var(--tusk-text-muted);
    font-size: 11px;
  }
  .mark {
    display: inline-block;
    width: 13px;
    height: 13px;
    margin-left: 6px;
    border-radius: 50%;
    background: var(--tusk-warning);
    color: var(--tusk-bg);
    font: 700 10px / 13px var(--tusk-font-ui);
    text-align: center;
    vertical-align: 1px;
  }
  .c-cond {
    color: var(--tusk-text-muted);
    font-family: var(--tusk-font-code);
    font-size: 11px;
  }
  .head .c-cond {
    font-family: inherit;
    font-size: inherit;
  }
  .factor {
    color: var(--tusk-text-faint);
  }
  .factor.off {
    color: var(--tusk-danger);
    font-weight: 600;
  }
  .never-note {
    grid-column: span 7;
    font-style: italic;
  }
  .share {
    display: flex;
    align-items: center;
    gap: 5px;
  }
  .track {
    flex: 1;
    height: 6px;
    border-radius: 1px;
    background: var(--tusk-bg-hover);
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    background: color-mix(in srgb, var(--tusk-accent) 70%, transparent);
  }
  .costliest .fill {
    background: var(--tusk-warning);
  }
  .pct {
    width: 28px;
    text-align: right;
    font-variant-numeric: tabular-nums;
    font-size: 11px;
    color: var(--tusk-text-muted);
  }
  @container (max-width: 1150px) {
    .scroller {
      --cols: minmax(240px, 1fr) 70px 70px 60px 54px 72px 72px 96px 96px;
      --row-min: 830px;
    }
    .scroller.planned {
      --cols: minmax(220px, 1fr) 80px 96px 96px 56px;
      --row-min: 560px;
    }
    .c-cond {
      display: none;
    }
  }
  @container (max-width: 900px) {
    .scroller {
      --cols: minmax(180px, 1fr) 64px 64px 60px 64px 64px 84px;
      --row-min: 580px;
    }
    .scroller.planned {
      --cols: minmax(180px, 1fr) 80px 96px 96px;
      --row-min: 452px;
    }
    .never-note {
      grid-column: span 6;
    }
    .c-loops,
    .c-buffers,
    .c-width {
      display: none;
    }
  }
  @container (max-width: 640px) {
    .scroller {
      --cols: minmax(160px, 1fr) 64px 60px 64px 84px;
      --row-min: 432px;
    }
    .scroller.planned {
      --cols: minmax(160px, 1fr) 80px 96px;
      --row-min: 336px;
    }
    .never-note {
      grid-column: span 4;
    }
    .c-planned,
    .c-incl {
      display: none;
    }
  }
`;
