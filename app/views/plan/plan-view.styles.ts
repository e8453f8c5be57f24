import { css } from 'lit';
import { comparisonStyles, flameStyles } from './plan-pictures.styles';
import { sideStyles } from './plan-side.styles';

/**
 * The plan view's frame, in the result grid's tokens: a quiet top line (figures left, the
 * modes as small tabs right), then the picture with the findings and details beside it
 * (below it when the pane is narrow).
 */
const frameStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    min-width: 0;
    background: var(--tusk-bg);
    color: var(--tusk-text);
    font-size: var(--tusk-font-size-small);
    container: plan / inline-size;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible,
  pre:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: -2px;
  }
  .top {
    flex: none;
    display: flex;
    align-items: center;
    gap: 16px;
    min-height: 28px;
    padding: 0 4px 0 10px;
    background: var(--tusk-bg-sidebar);
    border-bottom: 1px solid var(--tusk-border);
    color: var(--tusk-text-muted);
    white-space: nowrap;
  }
  .figures {
    flex: 1;
    min-width: 0;
    display: flex;
    gap: 16px;
    overflow: hidden;
  }
  .figure {
    font-variant-numeric: tabular-nums;
  }
  .figure b {
    font-weight: 600;
    color: var(--tusk-text);
  }
  .figure.settings {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .figure .code {
    font-family: var(--tusk-font-code);
    font-size: 11px;
    color: var(--tusk-text);
  }
  .figure.note {
    color: var(--tusk-text-faint);
    font-style: italic;
  }
  .modes {
    flex: none;
    display: flex;
    padding: 2px;
    gap: 1px;
    border: 1px solid var(--tusk-border);
    border-radius: var(--tusk-radius);
    background: var(--tusk-bg);
  }
  .modes button {
    padding: 1px 10px;
    border: 0;
    border-radius: 3px;
    background: transparent;
    color: var(--tusk-text-muted);
  }
  .modes button:hover {
    background: var(--tusk-bg-hover);
    color: var(--tusk-text);
  }
  .modes button[aria-selected='true'] {
    background: var(--tusk-bg-selected);
    color: var(--tusk-text);
    font-weight: 500;
  }
  .count {
    padding: 0 4px;
    border-radius: 6px;
    background: var(--tusk-bg-hover);
    color: var(--tusk-text-muted);
    font-size: 10.5px;
    font-weight: 500;
  }
  .body {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .main {
    flex: 1;
    min-height: 0;
    display: flex;
  }
  .picture {
    flex: 1;
    min-width: 0;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .picture > * {
    flex: 1;
    min-height: 0;
  }
  .side {
    flex: none;
    width: 320px;
    min-height: 0;
    display: flex;
    flex-direction: column;
    border-left: 1px solid var(--tusk-border);
    background: var(--tusk-bg);
  }
  @container plan (max-width: 1200px) {
    .side {
      width: 280px;
    }
  }
  .hide-side .side {
    display: none;
  }
  .side-toggle {
    flex: none;
    padding: 1px 8px;
    border: 1px solid transparent;
    border-radius: 3px;
    background: transparent;
    color: var(--tusk-text-muted);
  }
  .side-toggle:hover {
    background: var(--tusk-bg-hover);
  }
  .side-toggle[aria-pressed='true'] {
    border-color: var(--tusk-border);
    color: var(--tusk-text);
  }
  @container plan (max-width: 760px) {
    .main {
      flex-direction: column;
    }
    .side {
      width: auto;
      height: 45%;
      border-left: 0;
      border-top: 1px solid var(--tusk-border);
      flex-direction: row;
    }
    .side > * {
      flex: 1;
      min-width: 0;
    }
  }
  .hint {
    margin: 8px 10px;
    color: var(--tusk-text-faint);
  }
  .raw {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .raw-bar {
    flex: none;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    min-height: 26px;
    padding: 0 4px 0 10px;
    border-bottom: 1px solid var(--tusk-border);
    color: var(--tusk-text-faint);
  }
  .copy {
    padding: 1px 10px;
    border: 1px solid var(--tusk-border-strong);
    border-radius: 3px;
    background: var(--tusk-bg);
    color: var(--tusk-text);
  }
  .copy:hover {
    background: var(--tusk-bg-hover);
  }
  .raw-text {
    flex: 1;
    min-height: 0;
    margin: 0;
    padding: 6px 10px;
    overflow: auto;
    font: 12px / 18px var(--tusk-font-code);
    color: var(--tusk-text);
    white-space: pre;
    tab-size: 2;
    user-select: text;
  }
`;

/** Every style of the plan view's shadow root (the tree has its own). */
export const planViewStyles = [frameStyles, sideStyles, flameStyles, comparisonStyles];
