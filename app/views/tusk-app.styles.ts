import { css } from 'lit';

export const tuskAppStyles = css`
  :host {
    display: grid;
    grid-template-rows: 1fr var(--tusk-status-height);
    height: 100vh;
    color: var(--tusk-text);
    background: var(--tusk-bg);
  }
  .frame {
    display: grid;
    grid-template-columns: var(--tusk-frame-columns, 260px 1px 1fr);
    min-height: 0;
  }
  .resizer {
    background: var(--tusk-border);
    cursor: col-resize;
    position: relative;
  }
  /* A wider grab area than the 1 px line it draws. */
  .resizer::after {
    content: '';
    position: absolute;
    inset: 0 -3px;
  }
  .resizer:hover,
  .resizer:focus-visible {
    background: var(--tusk-accent);
    outline: none;
  }
  [hidden] {
    display: none !important;
  }
  .tabs-area {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--tusk-bg);
  }
`;
