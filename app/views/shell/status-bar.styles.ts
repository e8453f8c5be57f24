import { css } from 'lit';

export const statusBarStyles = css`
  :host {
    display: flex;
    box-sizing: border-box;
    align-items: center;
    gap: 14px;
    padding: 0 10px;
    height: var(--tusk-status-height);
    font-size: var(--tusk-font-size-small);
    background: var(--tusk-bg-status);
    color: var(--tusk-text-muted);
    border-top: 1px solid var(--tusk-border);
    white-space: nowrap;
    overflow: hidden;
  }
  .state,
  .connection {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .connection {
    gap: 10px;
  }
  .connection .name {
    color: var(--tusk-text);
    font-weight: 500;
  }
  .ro,
  .warn {
    color: var(--tusk-warning);
  }
  .dot {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--tusk-warning);
  }
  .dot.open {
    background: var(--tusk-ok);
  }
  .dot.reconnecting {
    background: var(--tusk-danger);
  }
  .health {
    margin-left: auto;
    display: flex;
    gap: 10px;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .retry {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--tusk-border-strong);
    border-radius: 3px;
    padding: 0 6px;
    cursor: pointer;
  }
  .retry:focus-visible {
    outline: 2px solid var(--tusk-focus);
  }
`;
