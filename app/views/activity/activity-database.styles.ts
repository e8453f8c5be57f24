import { css } from 'lit';

/**
 * The look of the activity view's report sections (statements, database, settings), in
 * the result grid's tokens: a quiet bar, then dense tables — 22 px rows, thin lines,
 * numbers right-aligned in the code font, a sticky quiet header.
 */
export const reportStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-width: 0;
    overflow: auto;
    padding: 8px;
    box-sizing: border-box;
    color: var(--tusk-text);
    font-size: var(--tusk-font-size-small);
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 28px;
    padding: 0 4px 0 8px;
    background: var(--tusk-bg-sidebar);
    border: 1px solid var(--tusk-border);
    border-bottom: none;
    color: var(--tusk-text-muted);
    white-space: nowrap;
  }
  .bar .spacer {
    flex: 1;
  }
  .bar .search {
    width: 220px;
    height: 22px;
    padding: 0 6px;
    box-sizing: border-box;
    font: inherit;
    color: var(--tusk-text);
    background: var(--tusk-bg);
    border: 1px solid var(--tusk-border-strong);
    border-radius: 3px;
  }
  .bar .search:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -1px;
  }
  .scroll {
    flex: 0 1 auto;
    min-height: 0;
    overflow: auto;
    border: 1px solid var(--tusk-border);
    max-height: var(--activity-report-height, none);
  }
  .columns .scroll {
    max-height: var(--activity-report-height, 360px);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    height: 22px;
    padding: 0 8px;
    border-bottom: 1px solid var(--tusk-border);
    white-space: nowrap;
    text-align: left;
    box-sizing: border-box;
  }
  th {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--tusk-bg-sidebar);
    color: var(--tusk-text-muted);
    font-weight: 500;
    border-bottom-color: var(--tusk-border-strong);
  }
  th button {
    all: unset;
    cursor: default;
  }
  th button:focus-visible,
  td button:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: 1px;
  }
  th[aria-sort] {
    color: var(--tusk-text);
  }
  tr:hover td {
    background: var(--tusk-bg-hover);
  }
  .num {
    text-align: right;
    font-family: var(--tusk-font-code);
    font-size: 11px;
  }
  .code {
    font-family: var(--tusk-font-code);
    font-size: 11px;
  }
  .query {
    max-width: 0;
    width: 45%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .faint {
    color: var(--tusk-text-faint);
  }
  .actions {
    width: 1%;
    padding: 0 2px;
  }
  .actions wa-button::part(base) {
    height: 20px;
    min-height: 20px;
    padding: 0 4px;
  }
  .changed td:first-child {
    box-shadow: inset 3px 0 0 var(--tusk-accent);
  }
  .changed .value {
    font-weight: 600;
  }
  h3 {
    margin: 12px 0 4px;
    font-size: var(--tusk-font-size-small);
    font-weight: 600;
    color: var(--tusk-text-muted);
  }
  h3:first-child {
    margin-top: 0;
  }
  .empty {
    padding: 6px 8px;
    color: var(--tusk-text-faint);
    border: 1px solid var(--tusk-border);
  }
  .note {
    padding: 8px 10px;
    border: 1px solid var(--tusk-border);
    background: var(--tusk-bg-sidebar);
    line-height: 1.5;
  }
  .note pre {
    margin: 6px 0;
    padding: 6px 8px;
    background: var(--tusk-bg);
    border: 1px solid var(--tusk-border);
    font: 11px / 1.5 var(--tusk-font-code);
    white-space: pre-wrap;
    user-select: text;
  }
  .error {
    padding: 6px 8px;
    color: var(--tusk-danger);
    background: var(--tusk-danger-bg);
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(360px, 1fr));
    gap: 0 16px;
  }
`;
