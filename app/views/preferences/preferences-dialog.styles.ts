import { css } from 'lit';

/**
 * A settings sheet like a native tool's: one column of labels, the controls lined up
 * after them, units and hints muted on the same line, small group titles with a rule.
 * Every row (ours, and Web Awesome's radio group and select, whose parts are laid on the
 * same grid) shares `--label-width`, so all controls start at one edge.
 */
export const preferencesDialogStyles = css`
  :host {
    --label-width: 15rem;
    --box-width: 5.5rem;
  }
  wa-dialog {
    --width: 44rem;
  }
  wa-dialog::part(body) {
    padding: 4px 14px 12px;
  }
  wa-button {
    min-width: 5.5rem;
  }

  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 12px 0 6px;
    font-size: var(--tusk-font-size-small);
    font-weight: 600;
    color: var(--tusk-text-muted);
  }
  legend::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--tusk-border);
  }

  /* A row: label | control + unit | hint; an error below the control. */
  .row {
    display: grid;
    grid-template-columns: var(--label-width) auto 1fr;
    align-items: center;
    column-gap: 10px;
    min-height: 30px;
  }
  .row > label,
  .choice::part(form-control-label) {
    margin: 0;
    padding-inline-start: 12px;
    font-weight: normal;
    color: var(--tusk-text);
    line-height: 1.2;
  }
  .control {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .unit {
    min-width: 4.5rem;
    color: var(--tusk-text-muted);
  }
  .hint,
  .choice::part(hint) {
    margin: 0;
    font-size: var(--tusk-font-size-small);
    color: var(--tusk-text-faint);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }

  input {
    box-sizing: border-box;
    width: var(--box-width);
    height: 24px;
    padding: 0 6px;
    font: inherit;
    font-variant-numeric: tabular-nums;
    text-align: right;
    color: var(--wa-form-control-value-color);
    background: var(--wa-form-control-background-color);
    border: 1px solid var(--wa-form-control-border-color);
    border-radius: var(--tusk-radius);
    outline: 2px solid transparent;
    outline-offset: -1px;
    -moz-appearance: textfield;
  }
  input::-webkit-inner-spin-button,
  input::-webkit-outer-spin-button {
    -webkit-appearance: none;
    margin: 0;
  }
  input:focus-visible {
    outline-color: var(--tusk-focus);
    border-color: var(--tusk-focus);
  }
  input[aria-invalid='true'] {
    border-color: var(--tusk-danger);
    outline-color: var(--tusk-danger);
  }

  /* Web Awesome's radio group and select on the row's grid. */
  .choice::part(form-control-input) {
    grid-column: 2;
  }
  .choice::part(hint) {
    grid-column: 3;
  }
  wa-radio-group.choice::part(form-control-input) {
    gap: 0;
  }
  wa-radio[appearance='button'] {
    --wa-form-control-height: 24px;
    box-sizing: border-box;
    width: 4.5rem;
    justify-content: center;
    font-size: var(--tusk-font-size-small);
  }
  /* Selected like a row of the sidebar: quiet, not a brand-coloured block. */
  wa-radio[appearance='button']:state(checked) {
    background-color: var(--tusk-bg-selected);
    border-color: var(--tusk-accent);
    color: var(--tusk-text);
  }
  wa-select.choice {
    --wa-form-control-height: 24px;
  }
  wa-select.choice::part(form-control-input) {
    width: calc(var(--box-width) + 6px + 4.5rem);
  }
  wa-option {
    padding-block: 3px;
  }
  wa-select.choice::part(combobox) {
    min-height: 24px;
    font-size: var(--tusk-font-size);
  }

  .error {
    grid-column: 2 / -1;
    display: flex;
    align-items: center;
    gap: 4px;
    margin: 2px 0 4px;
    font-size: var(--tusk-font-size-small);
    color: var(--tusk-danger);
  }
  .error:not(.row > .error) {
    margin-inline-start: calc(var(--label-width) + 10px);
  }

  .problem {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    margin: 10px 0 0;
    padding: 8px 10px;
    border: 1px solid var(--tusk-danger);
    border-radius: var(--tusk-radius);
    background: var(--tusk-danger-bg);
    color: var(--tusk-text);
  }
  .problem wa-icon {
    color: var(--tusk-danger);
    margin-top: 2px;
  }
  .problem p {
    margin: 0;
  }
  .problem .message {
    font-weight: 600;
  }
  .problem .detail {
    white-space: pre-wrap;
    font-family: var(--tusk-font-code);
    font-size: var(--tusk-font-size-small);
  }
`;
