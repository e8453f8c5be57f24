import { css } from 'lit';

/** The side pane's look: findings as a compact list, the node's fields as key/value lines. */
export const sideStyles = css`
  .findings {
    flex: none;
    max-height: 50%;
    overflow: auto;
    border-bottom: 1px solid var(--tusk-border);
  }
  h3 {
    position: sticky;
    top: 0;
    z-index: 1;
    margin: 0;
    padding: 5px 10px;
    background: var(--tusk-bg-sidebar);
    border-bottom: 1px solid var(--tusk-border);
    font-size: var(--tusk-font-size-small);
    font-weight: 600;
    color: var(--tusk-text);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .findings ul,
  .details ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .finding {
    border-bottom: 1px solid var(--tusk-border);
  }
  .finding.on {
    box-shadow: inset 3px 0 0 var(--tusk-accent);
    background: var(--tusk-bg-sidebar);
  }
  .finding .pick {
    display: block;
    width: 100%;
    padding: 6px 10px;
    border: 0;
    background: transparent;
    text-align: left;
    line-height: 1.4;
  }
  .finding .pick:hover:enabled {
    background: var(--tusk-bg-hover);
  }
  .finding .pick:disabled {
    color: inherit;
  }
  .finding .line {
    display: flex;
    align-items: baseline;
    min-width: 0;
    white-space: nowrap;
  }
  .kind {
    flex: none;
    margin-right: 6px;
    padding: 0 5px;
    border-radius: 3px;
    background: var(--tusk-warning-bg);
    color: var(--tusk-warning);
    font-size: 11px;
    font-weight: 600;
  }
  .where {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--tusk-text-muted);
    font-family: var(--tusk-font-code);
    font-size: 11px;
  }
  .message {
    display: block;
    margin-top: 2px;
    color: var(--tusk-text);
  }
  .suggestion {
    display: flex;
    align-items: flex-start;
    gap: 6px;
    padding: 0 10px 6px;
  }
  .suggestion code {
    flex: 1;
    min-width: 0;
    padding: 2px 6px;
    border-radius: 3px;
    background: var(--tusk-bg-sidebar);
    font: 11px / 16px var(--tusk-font-code);
    overflow-wrap: anywhere;
    user-select: text;
  }
  .details {
    flex: 1;
    min-height: 0;
    overflow: auto;
  }
  .details .title {
    font-family: var(--tusk-font-code);
    font-weight: 600;
  }
  .details h4 {
    margin: 6px 10px 2px;
    color: var(--tusk-text-faint);
    font-size: 11px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .fields {
    display: grid;
    grid-template-columns: minmax(90px, max-content) 1fr;
    margin: 0;
    padding: 4px 10px;
    column-gap: 10px;
    row-gap: 1px;
  }
  .fields.computed {
    border-bottom: 1px solid var(--tusk-border);
    padding-bottom: 6px;
  }
  .fields dt {
    color: var(--tusk-text-muted);
    white-space: nowrap;
  }
  .fields dd {
    margin: 0;
    min-width: 0;
    font-family: var(--tusk-font-code);
    font-size: 11.5px;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
    user-select: text;
  }
  .fields dd.strong {
    font-weight: 700;
  }
  .fields dd.off {
    color: var(--tusk-danger);
  }
`;
