import { css } from 'lit';

export const queryTabStyles = css`
  :host {
    display: grid;
    /* The results keep their share of the tab at any window size, and always leave the
       toolbar and some editor lines visible. */
    grid-template-rows:
      auto minmax(40px, 1fr) 5px
      clamp(min(80px, 30%), var(--results-size, 320px), calc(100% - 100px));
    /* One column as wide as the tab: a long line inside never widens it. */
    grid-template-columns: minmax(0, 1fr);
    min-height: 0;
    min-width: 0;
    height: 100%;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: 10px;
    height: var(--tusk-toolbar-height);
    padding: 0 8px;
    border-bottom: 1px solid var(--tusk-border);
    background: var(--tusk-bg);
    font-size: var(--tusk-font-size-small);
    white-space: nowrap;
    overflow: hidden;
    container-type: inline-size;
  }
  /* A narrow tab shows the Explain buttons as icons (their names stay in aria-label). */
  @container (max-width: 820px) {
    .toolbar wa-button .label {
      display: none;
    }
  }
  wa-button {
    --wa-form-control-height: 24px;
  }
  wa-button::part(base) {
    padding: 0 10px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  select {
    font: inherit;
    height: 24px;
    max-width: 16rem;
    padding: 0 4px;
    border: 1px solid var(--tusk-border-strong);
    border-radius: var(--tusk-radius);
    background: var(--tusk-bg);
    color: var(--tusk-text);
  }
  select:focus-visible {
    outline: 2px solid var(--tusk-focus);
  }
  .tx {
    padding: 1px 6px;
    border-radius: 3px;
    color: var(--tusk-text-muted);
  }
  .tx-open {
    background: var(--tusk-warning-bg);
    color: var(--tusk-warning);
  }
  .tx-failed,
  .tx-lost {
    background: var(--tusk-danger-bg);
    color: var(--tusk-danger);
  }
  .ro {
    color: var(--tusk-warning);
  }
  .spacer {
    flex: 1;
    min-width: 0;
  }
  wa-button[appearance='plain'] {
    color: var(--tusk-text-muted);
  }
  wa-button[appearance='plain']::part(base) {
    padding: 0 5px;
  }
  .figures {
    color: var(--tusk-text-muted);
    font-variant-numeric: tabular-nums;
    /* A narrow tab cuts the run's figures short rather than pushing them out of sight. */
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  tusk-sql-editor {
    min-height: 0;
    overflow: hidden;
  }
  .splitter {
    background: var(--tusk-bg-sidebar);
    border-top: 1px solid var(--tusk-border);
    border-bottom: 1px solid var(--tusk-border);
    cursor: row-resize;
  }
  .splitter:hover,
  .splitter:focus-visible {
    background: var(--tusk-accent);
    outline: none;
  }
  tusk-results-panel {
    min-height: 0;
  }
`;
