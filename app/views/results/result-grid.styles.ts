import { css } from 'lit';

/**
 * The grid's look, dense like a native database tool: 22 px rows, thin lines, values in the
 * code font, a quiet header, a clear selection. Sizes the script knows (row and header
 * heights, the row numbers' width) come in as custom properties set through the CSSOM.
 */
export const gridStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    position: relative;
    min-height: 0;
    min-width: 0;
    background: var(--tusk-bg);
    color: var(--tusk-text);
    font-size: var(--tusk-font-size-small);
  }
  .grid {
    flex: 1;
    min-height: 0;
    overflow: auto;
    position: relative;
    outline: none;
    contain: strict;
    cursor: default;
  }
  tusk-grid-bar {
    min-width: 0;
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 2;
    width: max-content;
    min-width: 100%;
    height: var(--grid-header-height);
  }
  .hrow {
    display: flex;
    height: 100%;
    background: var(--tusk-bg-sidebar);
    border-bottom: 1px solid var(--tusk-border-strong);
    box-sizing: border-box;
  }
  .corner,
  .rh {
    position: sticky;
    left: 0;
    flex: none;
    box-sizing: border-box;
    width: var(--grid-row-header);
    background: var(--tusk-bg-sidebar);
    border-right: 1px solid var(--tusk-border);
    color: var(--tusk-text-faint);
    font: 11px / calc(var(--grid-row-height) - 1px) var(--tusk-font-code);
    font-variant-numeric: tabular-nums;
  }
  .corner {
    z-index: 3;
    line-height: calc(var(--grid-header-height) - 1px);
    text-align: center;
  }
  .rh {
    z-index: 1;
    padding: 0 6px;
    text-align: right;
    border-bottom: 1px solid var(--tusk-border);
  }
  .col {
    flex: none;
    position: relative;
    box-sizing: border-box;
    display: flex;
    align-items: baseline;
    gap: 6px;
    padding: 0 8px;
    line-height: calc(var(--grid-header-height) - 1px);
    border-right: 1px solid var(--tusk-border);
    white-space: nowrap;
    overflow: hidden;
  }
  .col .name {
    font-weight: 600;
    color: var(--tusk-text);
    overflow: hidden;
    text-overflow: ellipsis;
    flex: 0 1 auto;
  }
  .col .type {
    font-size: 11px;
    color: var(--tusk-text-faint);
    overflow: hidden;
    text-overflow: ellipsis;
    flex: 0 100 auto;
  }
  .col .sort {
    position: absolute;
    top: 50%;
    right: 6px;
    transform: translateY(-50%);
    min-width: 12px;
    padding: 0 2px;
    border-radius: 3px;
    font: 11px / 16px var(--tusk-font-ui);
    text-align: center;
    color: var(--tusk-text-faint);
    visibility: hidden;
    cursor: pointer;
  }
  .col.sorted {
    padding-right: 26px;
  }
  .col:hover .sort,
  .col .sort.on {
    visibility: visible;
  }
  .col .sort.on {
    color: var(--tusk-accent);
    font-weight: 600;
  }
  .col .sort:hover {
    background: var(--tusk-bg-hover);
    color: var(--tusk-text);
  }
  .grip {
    position: absolute;
    top: 0;
    right: 0;
    bottom: 0;
    width: 5px;
    cursor: col-resize;
  }
  .grip:hover {
    background: var(--tusk-accent);
    opacity: 0.5;
  }
  .col.sel,
  .rh.sel {
    background: var(--tusk-bg-hover);
    color: var(--tusk-text);
  }
  .col.whole,
  .rh.whole {
    background: var(--tusk-bg-selected);
  }
  .spacer {
    position: relative;
    overflow: clip;
  }
  .rows {
    position: absolute;
    top: 0;
    left: 0;
    min-width: 100%;
    will-change: transform;
  }
  .row {
    position: absolute;
    top: 0;
    left: 0;
    min-width: 100%;
    display: flex;
    height: var(--grid-row-height);
  }
  .pad {
    flex: none;
  }
  .cell {
    flex: none;
    box-sizing: border-box;
    padding: 0 6px;
    border-right: 1px solid var(--tusk-border);
    border-bottom: 1px solid var(--tusk-border);
    font: 12px / calc(var(--grid-row-height) - 1px) var(--tusk-font-code);
    white-space: pre;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .cell.num {
    text-align: right;
  }
  .cell.null {
    color: var(--tusk-text-faint);
    font-style: italic;
  }
  .cell .size {
    margin-left: 6px;
    padding: 0 4px;
    border-radius: 3px;
    background: var(--tusk-bg-hover);
    color: var(--tusk-text-muted);
    font: 11px var(--tusk-font-ui);
    font-style: normal;
  }
  /* Edits: a colour per state (the words are in aria-description). */
  .row[data-state='new'] .cell,
  .row[data-state='inserted'] .cell {
    background: color-mix(in srgb, var(--tusk-ok) 11%, transparent);
  }
  .row[data-state='deleted'] .cell,
  .row[data-state='gone'] .cell {
    background: color-mix(in srgb, var(--tusk-danger) 10%, transparent);
    color: var(--tusk-text-muted);
    text-decoration: line-through;
    text-decoration-color: color-mix(in srgb, var(--tusk-danger) 60%, transparent);
  }
  .cell.changed {
    background: color-mix(in srgb, var(--tusk-warning) 20%, transparent);
  }
  .cell.default {
    color: var(--tusk-text-faint);
    font: italic 11px / calc(var(--grid-row-height) - 1px) var(--tusk-font-ui);
  }
  .cell.refused {
    outline: 1px solid var(--tusk-danger);
    outline-offset: -1px;
  }
  .row[data-state] .rh {
    font-weight: 600;
  }
  .row[data-state='changed'] .rh {
    color: var(--tusk-warning);
  }
  .row[data-state='new'] .rh,
  .row[data-state='stored'] .rh,
  .row[data-state='inserted'] .rh {
    color: var(--tusk-ok);
  }
  .row[data-state='deleted'] .rh,
  .row[data-state='gone'] .rh,
  .rh.error {
    color: var(--tusk-danger);
  }
  .cell.sel {
    background: var(--tusk-bg-selected);
  }
  .cell.active {
    outline: 1px solid var(--tusk-border-strong);
    outline-offset: -1px;
  }
  .grid:focus .cell.active {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -2px;
  }
  tusk-edit-bar {
    flex: none;
    min-width: 0;
  }
  .status {
    position: absolute;
    inset: var(--grid-header-height, 26px) 0 26px 0;
    display: grid;
    place-items: center;
    padding: 0 16px;
    color: var(--tusk-text-muted);
    text-align: center;
    pointer-events: none;
  }
`;
