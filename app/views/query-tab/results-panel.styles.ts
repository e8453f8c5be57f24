import { css } from 'lit';

export const resultsPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    background: var(--tusk-bg);
  }
  .bar {
    display: flex;
    gap: 1px;
    overflow-x: auto;
    background: var(--tusk-bg-sidebar);
    border-bottom: 1px solid var(--tusk-border);
    flex: none;
  }
  .bar button {
    font: inherit;
    font-size: var(--tusk-font-size-small);
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 3px 10px;
    border: 0;
    background: transparent;
    color: var(--tusk-text-muted);
    white-space: nowrap;
    cursor: default;
  }
  .bar button.active {
    background: var(--tusk-bg);
    color: var(--tusk-text);
    box-shadow: inset 0 -2px 0 var(--tusk-accent);
  }
  .view-toggle {
    display: flex;
    margin-left: auto;
    padding: 2px 6px;
    gap: 2px;
  }
  .bar .view-toggle button {
    padding: 1px 8px;
    border: 1px solid var(--tusk-border);
    border-radius: var(--tusk-radius);
  }
  .bar .view-toggle button[aria-pressed='true'] {
    background: var(--tusk-bg);
    color: var(--tusk-text);
    border-color: var(--tusk-accent);
  }
  .bar button:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -2px;
  }
  .bar .has-error {
    color: var(--tusk-danger);
  }
  .tag {
    font-weight: 600;
  }
  .body {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    overflow: auto;
  }
  .body > * {
    flex: 1;
    min-height: 0;
  }
  .quiet {
    margin: 12px;
    color: var(--tusk-text-muted);
  }
  .messages {
    list-style: none;
    margin: 0;
    padding: 6px 10px;
    font-family: var(--tusk-font-code);
    font-size: 12px;
    line-height: 1.6;
  }
  .messages .notice {
    color: var(--tusk-text-muted);
  }
  .messages .notice .text {
    display: block;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .messages .notice .more {
    padding-left: 2ch;
    color: var(--tusk-text-faint);
  }
  .messages .time {
    color: var(--tusk-text-faint);
  }
  .messages .error {
    color: var(--tusk-danger);
    margin: 2px 0;
  }
  .messages .error .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .messages .error .title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: 12px;
  }
  .messages .error .detail,
  .messages .error .hint {
    display: block;
    color: var(--tusk-text-muted);
  }
  .messages .where {
    font: inherit;
    padding: 0;
    border: 0;
    background: none;
    color: var(--tusk-link, var(--tusk-accent));
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  .messages .where:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: 1px;
  }
  .messages .warning {
    color: var(--tusk-warning);
  }
`;
