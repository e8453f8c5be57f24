import { css } from 'lit';

/**
 * The look of the export and import dialogs' forms: rows on one grid (labels in a narrow
 * muted column, controls from one edge), small native controls 24px high, a section rule
 * between groups, and the progress line under way.
 */
export const transferFormStyles = css`
  .form {
    display: grid;
    grid-template-columns: 7rem 1fr;
    gap: 6px 10px;
    align-items: center;
  }
  .form > .label {
    color: var(--tusk-text-muted);
  }
  .form > .rule {
    grid-column: 1 / -1;
    height: 0;
    margin: 4px 0;
    border-top: 1px solid var(--tusk-border);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 14px;
    min-width: 0;
  }
  .pair {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--tusk-text-muted);
  }
  input:not([type='checkbox'], [type='radio'], [type='file']),
  select {
    box-sizing: border-box;
    height: 24px;
    padding: 0 6px;
    border: 1px solid var(--tusk-border-strong);
    border-radius: var(--tusk-radius);
    background: var(--tusk-bg);
    color: var(--tusk-text);
    font: inherit;
  }
  .main {
    width: 10rem;
  }
  input.char {
    width: 2.6rem;
    text-align: center;
    font-family: var(--tusk-font-mono, monospace);
  }
  input.wide {
    flex: 1;
    min-width: 12rem;
  }
  input.num {
    width: 5.5rem;
  }
  input[type='checkbox'],
  input[type='radio'] {
    margin: 0;
    accent-color: var(--tusk-accent);
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    color: var(--tusk-text);
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: 1px;
  }
  .value {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  code,
  .mono {
    font-family: var(--tusk-font-mono, monospace);
    font-size: var(--tusk-font-size-small);
  }
  .muted {
    color: var(--tusk-text-muted);
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--tusk-accent);
    font: inherit;
    cursor: pointer;
  }
  .error {
    margin: 0;
    color: var(--tusk-danger);
    overflow-wrap: anywhere;
  }
  .warning {
    margin: 0;
    color: var(--tusk-warning);
  }
  [slot='footer'] {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
  }
  [slot='footer'] .spacer {
    flex: 1;
  }
`;
