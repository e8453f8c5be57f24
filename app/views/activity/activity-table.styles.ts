import { css } from 'lit';

/**
 * The activity tables' look (sessions, locks, the blocking tree): dense 22 px rows in the
 * code font, a quiet sticky header, thin lines, numbers right-aligned in tabular figures,
 * marks in the theme's warning and danger colours — the results grid's look.
 */
export const activityTableStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    color: var(--tusk-text);
    font-size: var(--tusk-font-size-small);
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 8px;
    border-bottom: 1px solid var(--tusk-border);
    flex: none;
    min-height: 28px;
    box-sizing: border-box;
  }
  .bar input[type='search'] {
    font: inherit;
    width: 260px;
    height: 22px;
    padding: 0 8px;
    color: var(--tusk-text);
    background: var(--tusk-bg);
    border: 1px solid var(--tusk-border-strong);
    border-radius: var(--tusk-radius, 4px);
    outline: none;
  }
  .bar input[type='search']:focus {
    border-color: var(--tusk-focus);
  }
  .count {
    color: var(--tusk-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .legend {
    display: flex;
    gap: 12px;
    margin-left: auto;
    color: var(--tusk-text-muted);
  }
  .legend span::before {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    margin-right: 5px;
    border-radius: 2px;
  }
  .legend .idle-tx::before {
    background: var(--tusk-warning);
  }
  .legend .long::before {
    background: var(--tusk-danger);
  }
  .scroll {
    flex: 1;
    min-height: 0;
    overflow: auto;
    outline: none;
  }
  table {
    border-collapse: separate;
    border-spacing: 0;
    min-width: 100%;
    font: 12px / 21px var(--tusk-font-code);
    font-variant-numeric: tabular-nums;
  }
  th {
    position: sticky;
    top: 0;
    z-index: 1;
    padding: 0;
    text-align: left;
    font: 500 var(--tusk-font-size-small) / 23px var(--tusk-font-ui);
    color: var(--tusk-text-muted);
    background: var(--tusk-bg-sidebar);
    border-bottom: 1px solid var(--tusk-border-strong);
    border-right: 1px solid var(--tusk-border);
    white-space: nowrap;
  }
  th button {
    all: unset;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 4px;
    width: 100%;
    padding: 0 8px;
    cursor: default;
  }
  th button:hover {
    color: var(--tusk-text);
  }
  th button:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -2px;
  }
  th.num button {
    justify-content: flex-end;
  }
  th .arrow {
    font-size: 9px;
    color: var(--tusk-text);
  }
  td {
    padding: 0 8px;
    border-bottom: 1px solid var(--tusk-border);
    border-right: 1px solid var(--tusk-border);
    white-space: nowrap;
    max-width: 180px;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  td.num {
    text-align: right;
  }
  td.query {
    max-width: 560px;
    min-width: 240px;
  }
  th:last-child,
  td:last-child {
    width: 100%;
  }
  td.muted,
  .muted {
    color: var(--tusk-text-faint);
  }
  tbody tr {
    outline: none;
  }
  tbody tr:hover td {
    background: var(--tusk-bg-hover);
  }
  tbody tr[aria-selected='true'] td {
    background: var(--tusk-bg-selected);
  }
  tbody tr:focus-visible td {
    box-shadow:
      inset 0 1px 0 var(--tusk-focus),
      inset 0 -1px 0 var(--tusk-focus);
  }
  tr.hidden td {
    color: var(--tusk-text-faint);
    font-style: italic;
  }
  tr.idle-tx td:first-child {
    box-shadow: inset 3px 0 0 var(--tusk-warning);
  }
  tr.long td:first-child {
    box-shadow: inset 3px 0 0 var(--tusk-danger);
  }
  td .long-mark {
    color: var(--tusk-danger);
    font-weight: 600;
  }
  td .idle-tx-mark {
    color: var(--tusk-warning);
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    margin-right: 6px;
    padding: 0 4px;
    border-radius: 3px;
    font: 500 10px / 14px var(--tusk-font-ui);
    color: var(--tusk-accent);
    border: 1px solid currentColor;
    vertical-align: 1px;
  }
  .state-dot {
    display: inline-block;
    width: 7px;
    height: 7px;
    margin-right: 6px;
    border-radius: 50%;
    background: var(--tusk-text-faint);
    vertical-align: 1px;
  }
  .state-dot.active {
    background: var(--tusk-ok);
  }
  .state-dot.idle-in-transaction {
    background: var(--tusk-warning);
  }
  .state-dot.waiting {
    background: var(--tusk-danger);
  }
  .bar .actions {
    display: flex;
    gap: 2px;
  }
  button.action:disabled {
    opacity: 0.45;
    pointer-events: none;
  }
  .actions button,
  button.action {
    font: 500 11px / 17px var(--tusk-font-ui);
    padding: 0 6px;
    margin: 0 1px;
    color: var(--tusk-text-muted);
    background: none;
    border: 1px solid var(--tusk-border);
    border-radius: 3px;
    cursor: default;
  }
  .actions button:hover,
  button.action:hover {
    color: var(--tusk-text);
    border-color: var(--tusk-border-strong);
  }
  .actions button.danger:hover,
  button.action.danger:hover {
    color: var(--tusk-danger);
    border-color: var(--tusk-danger);
  }
  .actions button:focus-visible,
  button.action:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -1px;
  }
  .empty {
    padding: 24px;
    color: var(--tusk-text-muted);
    text-align: center;
  }
`;
