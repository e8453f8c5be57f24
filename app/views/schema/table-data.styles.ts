import { css } from 'lit';

/**
 * A table's data view: a quiet toolbar (reload, the applied SQL, the row count), the WHERE
 * and ORDER BY boxes as one dense filter row with their keywords as labels (DataGrip's
 * look), then the results panel taking the rest (its own bars, an edit toolbar included).
 */
export const tableDataStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    min-width: 0;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 8px;
    height: 32px;
    padding: 0 8px 0 4px;
    flex: none;
    min-width: 0;
    white-space: nowrap;
  }
  .sql {
    min-width: 0;
    flex: 0 1 auto;
    overflow: hidden;
    text-overflow: ellipsis;
    font-family: var(--tusk-font-code);
    font-size: 12px;
    color: var(--tusk-text-muted);
  }
  .status,
  .count {
    color: var(--tusk-text-muted);
    font-size: var(--tusk-font-size-small);
    font-variant-numeric: tabular-nums;
  }
  .count.bad {
    color: var(--tusk-danger);
    white-space: normal;
  }
  .spacer {
    flex: 1;
  }
  .filters {
    display: flex;
    flex: none;
    border-top: 1px solid var(--tusk-border);
    border-bottom: 1px solid var(--tusk-border);
    background: var(--tusk-bg);
  }
  .box {
    display: flex;
    align-items: center;
    min-width: 0;
    height: 28px;
    cursor: text;
  }
  .box.where {
    flex: 3;
  }
  .box.order {
    flex: 2;
    border-left: 1px solid var(--tusk-border);
  }
  .kw {
    flex: none;
    padding: 0 8px 0 10px;
    font-family: var(--tusk-font-code);
    font-size: 11px;
    font-weight: 600;
    letter-spacing: 0.02em;
    color: var(--tusk-conn-purple);
    user-select: none;
  }
  input {
    flex: 1;
    min-width: 0;
    height: 100%;
    padding: 0 8px 0 0;
    border: 0;
    background: transparent;
    color: var(--tusk-text);
    font-family: var(--tusk-font-code);
    font-size: 12px;
    outline: none;
  }
  input::placeholder {
    color: var(--tusk-text-faint);
  }
  .box:focus-within {
    box-shadow: inset 0 -2px 0 var(--tusk-accent);
  }
  .box.edited .kw::after {
    content: '•';
    margin-left: 4px;
    color: var(--tusk-warning);
  }
  .refused,
  .notice {
    flex: none;
    padding: 5px 12px;
    font-size: var(--tusk-font-size-small);
    border-bottom: 1px solid var(--tusk-border);
  }
  .refused {
    background: var(--tusk-danger-bg);
    color: var(--tusk-text);
  }
  .refused strong {
    color: var(--tusk-danger);
    font-weight: 600;
  }
  .notice {
    background: var(--tusk-warning-bg);
  }
  tusk-results-panel {
    flex: 1;
    min-height: 0;
  }
  .idle {
    margin: 16px;
    color: var(--tusk-text-muted);
  }
  wa-button {
    --wa-form-control-height: 24px;
  }
  wa-button::part(base) {
    padding: 0 8px;
  }
`;
