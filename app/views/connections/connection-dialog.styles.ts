import { css } from 'lit';
import { outcomeStyles } from './connection-form-outcome.styles';
import { swatchStyles } from './connection-form-sections.styles';
import { promptDialogStyles } from './host-key-dialog.styles';

/**
 * The connection dialog: labels in a left column of one width, fields beside them, short
 * fields (ports, sizes) paired on one row, thin group headings; messages under their field.
 */
export const connectionDialogStyles = [
  promptDialogStyles,
  swatchStyles,
  outcomeStyles,
  css`
    :host {
      --label-width: 9.25rem;
      --row-gap: 0.4rem;
      --wa-form-control-height: 1.75rem;
    }
    wa-dialog {
      --width: 43rem;
    }
    wa-dialog::part(body) {
      padding-block: 0.35rem 0.25rem;
    }
    wa-dialog::part(footer) {
      justify-content: flex-start;
      background: var(--tusk-bg-sidebar);
      border-radius: 0 0 var(--wa-panel-border-radius) var(--wa-panel-border-radius);
    }
    .spacer {
      flex: 1;
    }

    .form {
      display: flex;
      flex-direction: column;
    }
    .group {
      display: flex;
      flex-direction: column;
      gap: var(--row-gap);
    }

    /* Every labelled control: label left, control right, its message under the control. */
    wa-input,
    wa-select,
    wa-radio-group {
      display: grid;
      grid-template-columns: var(--label-width) minmax(0, 1fr);
      column-gap: 0.6rem;
      align-items: center;
    }
    wa-input::part(form-control-label),
    wa-select::part(form-control-label),
    wa-radio-group::part(form-control-label) {
      margin: 0;
      font-weight: 400;
      color: var(--tusk-text-muted);
      white-space: nowrap;
    }
    wa-input::part(hint),
    wa-select::part(hint),
    wa-radio-group::part(hint) {
      grid-column: 2;
      margin-top: 0.2rem;
      font-size: var(--tusk-font-size-small);
    }
    wa-radio-group::part(form-control-input) {
      display: flex;
      gap: 1.1rem;
      min-height: var(--wa-form-control-height);
      align-items: center;
    }
    .short {
      grid-template-columns: auto minmax(0, 1fr);
    }
    /* A short field's message may be wider than the field: it runs leftwards, unwrapped. */
    .short::part(hint) {
      grid-column: 1 / -1;
      justify-self: end;
      white-space: nowrap;
    }

    .row {
      display: grid;
      gap: 0.9rem;
      align-items: start;
    }
    .row.name {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
    }
    .row.pair {
      grid-template-columns: minmax(0, 1fr) 9.5rem;
    }
    .row.pair.even {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .row.pair.even > .short {
      grid-template-columns: var(--label-width) minmax(0, 1fr);
    }
    .row.secret {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
    }
    .row.ssl {
      grid-template-columns: calc(var(--label-width) + 13rem) minmax(0, 1fr);
      align-items: center;
    }
    .row.checks {
      display: flex;
      gap: 1.5rem;
      min-height: var(--wa-form-control-height);
      align-items: center;
    }
    .row.hostkey {
      grid-template-columns: var(--label-width) minmax(0, auto) auto;
      justify-content: start;
      align-items: center;
      gap: 0.6rem;
      min-height: var(--wa-form-control-height);
    }
    .indent {
      padding-left: calc(var(--label-width) + 0.6rem);
    }
    .label {
      color: var(--tusk-text-muted);
    }
    .muted {
      color: var(--tusk-text-faint);
      font-size: var(--tusk-font-size-small);
    }
    .unit {
      color: var(--tusk-text-faint);
      font-size: var(--tusk-font-size-small);
    }
    code {
      overflow: hidden;
      font-family: var(--tusk-font-code);
      font-size: var(--tusk-font-size-small);
      text-overflow: ellipsis;
      white-space: nowrap;
      user-select: all;
    }
    .note {
      display: flex;
      gap: 0.35rem;
      align-items: center;
      margin: 0;
      color: var(--tusk-text-muted);
      font-size: var(--tusk-font-size-small);
    }
    .note wa-icon {
      color: var(--tusk-warning);
    }
    .error {
      color: var(--tusk-danger);
    }
    .filled {
      color: var(--tusk-ok);
    }
    wa-checkbox::part(label),
    wa-switch::part(label) {
      color: var(--tusk-text);
    }

    /* Group headings: a small title and a rule. */
    .heading {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      margin: 0.85rem 0 0.45rem;
      font-size: var(--tusk-font-size-small);
      font-weight: 600;
      color: var(--tusk-text-muted);
    }
    .heading::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--tusk-border);
    }
    .heading wa-switch {
      font-size: var(--tusk-font-size-small);
      font-weight: 600;
      --height: 0.95rem;
      --width: 1.7rem;
      --thumb-size: 0.7rem;
    }
    .heading wa-switch::part(label) {
      color: var(--tusk-text-muted);
    }
  `,
];
