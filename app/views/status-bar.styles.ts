import { css } from 'lit';

export const statusBarStyles = css`
  :host {
    display: flex;
    align-items: center;
    gap: 1rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.8rem;
    background: var(--tusk-bar-bg, #1f2430);
    color: var(--tusk-bar-fg, #d8dee9);
    border-top: 1px solid #00000033;
  }
  .state {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .dot {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: #e0a84f;
  }
  .dot.open {
    background: #6cc070;
  }
  .dot.reconnecting {
    background: #e06c5f;
  }
  .health {
    margin-left: auto;
    display: flex;
    gap: 0.75rem;
    opacity: 0.85;
  }
  button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid currentColor;
    border-radius: 3px;
    padding: 0 0.4rem;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid #88c0d0;
  }
`;
