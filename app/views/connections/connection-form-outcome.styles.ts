import { css } from 'lit';

/** The outcome under the fields: a test's result, a failure, a note, work in progress. */
export const outcomeStyles = css`
  .status:not(:empty) {
    margin-top: 0.8rem;
  }
  .outcome {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    padding: 0.5rem 0.65rem;
    border: 1px solid var(--tusk-border);
    border-left-width: 3px;
    border-radius: var(--tusk-radius);
    background: var(--tusk-bg-sidebar);
  }
  .outcome wa-icon,
  .outcome wa-spinner {
    flex: none;
    margin-top: 0.1rem;
  }
  .outcome p {
    margin: 0;
  }
  .outcome .message {
    font-weight: 600;
  }
  .outcome .hint,
  .outcome .facts,
  .outcome .detail {
    margin-top: 0.2rem;
    color: var(--tusk-text-muted);
    font-size: var(--tusk-font-size-small);
  }
  .outcome .detail {
    font-family: var(--tusk-font-code);
    white-space: pre-wrap;
  }
  .outcome.ok {
    border-left-color: var(--tusk-ok);
  }
  .outcome.ok wa-icon {
    color: var(--tusk-ok);
  }
  .outcome.failed {
    border-left-color: var(--tusk-danger);
    background: var(--tusk-danger-bg);
  }
  .outcome.failed wa-icon {
    color: var(--tusk-danger);
  }
  .outcome.note wa-icon {
    color: var(--tusk-accent);
  }
  .outcome.busy {
    border-left-color: var(--tusk-accent);
    align-items: center;
  }
  .keys {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.15rem 0.75rem;
    margin: 0.3rem 0 0;
  }
  .keys dt {
    color: var(--tusk-text-muted);
  }
  .keys dd {
    margin: 0;
    font-family: var(--tusk-font-code);
    font-size: var(--tusk-font-size-small);
    word-break: break-all;
  }
`;
