import { css } from 'lit';

/** A quiet reference sheet: small group titles, one line per action, keys as key caps. */
export const shortcutsDialogStyles = css`
  wa-dialog {
    --width: 44rem;
  }
  wa-dialog::part(body) {
    padding: 0 14px 12px;
  }
  /* Fixed columns, so the keys line up from one table to the next. */
  table {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  h3 {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    padding: 12px 0 4px;
    font-size: var(--tusk-font-size-small);
    font-weight: 600;
    color: var(--tusk-text-muted);
  }
  h3::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--tusk-border);
  }
  th,
  td {
    height: var(--tusk-row-height);
    padding: 1px 0;
    vertical-align: middle;
  }
  th {
    width: 17rem;
    padding-inline: 12px 16px;
    text-align: start;
    font-weight: normal;
    color: var(--tusk-text);
  }
  td {
    white-space: nowrap;
  }
  tr:hover {
    background: var(--tusk-bg-hover);
  }
  .keys {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    white-space: nowrap;
  }
  .or {
    margin-inline: 5px;
    font-size: var(--tusk-font-size-small);
    color: var(--tusk-text-faint);
  }
  kbd.combo {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    color: var(--tusk-text-faint);
    font: inherit;
  }
  kbd kbd {
    display: inline-block;
    min-width: 1.1em;
    padding: 0 5px;
    line-height: 18px;
    text-align: center;
    font-family: var(--tusk-font-ui);
    font-size: var(--tusk-font-size-small);
    color: var(--tusk-text);
    background: var(--tusk-bg-sidebar);
    border: 1px solid var(--tusk-border-strong);
    border-bottom-width: 2px;
    border-radius: var(--tusk-radius);
  }
  .scope {
    margin-inline-start: 6px;
    font-size: var(--tusk-font-size-small);
    color: var(--tusk-text-faint);
  }
  .note {
    margin: 12px 0 0;
    font-size: var(--tusk-font-size-small);
    color: var(--tusk-text-muted);
  }
`;
