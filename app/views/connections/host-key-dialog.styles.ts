import { css } from 'lit';

/** What the small connection prompts share: a narrow, quiet dialog. */
export const promptDialogStyles = css`
  wa-dialog {
    --width: 32rem;
    --spacing: 0.85rem;
  }
  wa-dialog::part(header) {
    padding-block: 0.55rem 0.25rem;
  }
  wa-dialog::part(title) {
    font-size: var(--tusk-font-size);
    font-weight: 600;
  }
  wa-dialog::part(body) {
    padding-block: 0.25rem 0.5rem;
    font-size: var(--tusk-font-size);
    color: var(--tusk-text);
  }
  wa-dialog::part(footer) {
    gap: 0.5rem;
    padding-block: 0.6rem;
    border-top: 1px solid var(--tusk-border);
  }
  p {
    margin: 0 0 0.6rem;
    line-height: 1.45;
    overflow-wrap: anywhere;
  }
  code {
    font-family: var(--tusk-font-code);
  }
  .hint {
    color: var(--tusk-text-muted);
    font-size: var(--tusk-font-size-small);
  }
`;

export const hostKeyDialogStyles = [
  promptDialogStyles,
  css`
    wa-dialog {
      --width: 34rem;
    }
    .fingerprint {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0 0 0.6rem;
      padding: 0.45rem 0.6rem;
      border: 1px solid var(--tusk-border);
      border-radius: var(--tusk-radius);
      background: var(--tusk-bg-sidebar);
      font-family: var(--tusk-font-code);
      font-size: var(--tusk-font-size-small);
      user-select: all;
      word-break: break-all;
    }
    .fingerprint wa-icon {
      flex: none;
      color: var(--tusk-text-muted);
    }
    .warning {
      color: var(--tusk-warning);
      vertical-align: -2px;
    }
    .keys {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0.3rem 0.75rem;
      margin: 0 0 0.6rem;
      padding: 0.45rem 0.6rem;
      border: 1px solid var(--tusk-border);
      border-radius: var(--tusk-radius);
      background: var(--tusk-bg-sidebar);
    }
    dt {
      color: var(--tusk-text-muted);
    }
    dd {
      margin: 0;
      font-family: var(--tusk-font-code);
      font-size: var(--tusk-font-size-small);
      word-break: break-all;
    }
  `,
];
