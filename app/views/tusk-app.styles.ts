import { css } from 'lit';

export const tuskAppStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto 1fr auto;
    height: 100vh;
    font-family: system-ui, sans-serif;
    color: var(--tusk-fg, #1d2330);
    background: var(--tusk-bg, #f6f7f9);
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 1rem;
    background: #2e3440;
    color: #eceff4;
  }
  header h1 {
    font-size: 1rem;
    margin: 0;
    letter-spacing: 0.05em;
  }
  main {
    overflow: auto;
    padding: 1.5rem;
  }
  .notices {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    display: grid;
    gap: 0.5rem;
  }
  .notice {
    border-left: 4px solid #5e81ac;
    background: #fff;
    padding: 0.5rem 0.75rem;
  }
  .notice.warning {
    border-color: #d08770;
  }
  .notice.error {
    border-color: #bf616a;
  }
  .notice small {
    display: block;
    opacity: 0.75;
  }
  .error {
    color: #bf616a;
  }
`;
