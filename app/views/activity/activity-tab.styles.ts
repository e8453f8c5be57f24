import { css } from 'lit';
import { connectionColorStyles } from '../shared/connection-colors.styles';

/**
 * The activity tab: a quiet toolbar (the connection, Pause, the rate as a segmented
 * control, whether it is live and the last sample's time), the sections as a tab row like
 * the object view's parts, and the section filling the rest.
 */
export const activityTabStyles = [
  connectionColorStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
      height: 100%;
      background: var(--tusk-bg);
      color: var(--tusk-text);
      font-size: var(--tusk-font-size-small);
    }
    .toolbar {
      display: flex;
      align-items: center;
      gap: 8px;
      flex: none;
      height: var(--tusk-toolbar-height, 34px);
      padding: 0 10px;
      background: var(--tusk-bg-sidebar);
      border-bottom: 1px solid var(--tusk-border);
      white-space: nowrap;
      min-width: 0;
      overflow: hidden;
    }
    .conn {
      display: flex;
      align-items: center;
      gap: 6px;
      min-width: 0;
    }
    .conn .name {
      font-weight: 600;
      font-size: var(--tusk-font-size);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .color {
      width: 3px;
      height: 14px;
      border-radius: 2px;
    }
    .sep {
      width: 1px;
      height: 16px;
      background: var(--tusk-border-strong);
    }
    .fill {
      flex: 1;
    }
    .muted {
      color: var(--tusk-text-muted);
    }
    button.tool,
    .rates button {
      font: inherit;
      height: 22px;
      padding: 0 8px;
      color: var(--tusk-text);
      background: var(--tusk-bg);
      border: 1px solid var(--tusk-border-strong);
      border-radius: var(--tusk-radius, 4px);
      cursor: default;
    }
    button.tool:hover,
    .rates button:hover {
      background: var(--tusk-bg-hover);
    }
    button.tool[aria-pressed='true'] {
      background: var(--tusk-bg-selected);
    }
    button:focus-visible {
      outline: 2px solid var(--tusk-focus);
      outline-offset: -1px;
    }
    .rates {
      display: inline-flex;
    }
    .rates button {
      border-radius: 0;
      margin-left: -1px;
      font-variant-numeric: tabular-nums;
      color: var(--tusk-text-muted);
    }
    .rates button:first-child {
      border-radius: var(--tusk-radius, 4px) 0 0 var(--tusk-radius, 4px);
      margin-left: 0;
    }
    .rates button:last-child {
      border-radius: 0 var(--tusk-radius, 4px) var(--tusk-radius, 4px) 0;
    }
    .rates button[aria-checked='true'] {
      position: relative;
      color: var(--tusk-text);
      background: var(--tusk-bg-selected);
      border-color: var(--tusk-accent);
      z-index: 1;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 5px;
      font-variant-numeric: tabular-nums;
    }
    .status .dot {
      width: 7px;
      height: 7px;
      border-radius: 50%;
      background: var(--tusk-text-faint);
    }
    .status.live .dot {
      background: var(--tusk-ok);
    }
    .status.paused .dot {
      background: var(--tusk-warning);
    }
    .note {
      padding: 0 6px;
      border-radius: 3px;
      line-height: 18px;
      color: var(--tusk-text);
      background: var(--tusk-info-bg);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .sections {
      display: flex;
      gap: 2px;
      padding: 0 8px;
      border-bottom: 1px solid var(--tusk-border);
      flex: none;
    }
    .sections button {
      font: inherit;
      display: flex;
      align-items: center;
      gap: 6px;
      height: 28px;
      padding: 0 10px;
      border: 0;
      border-bottom: 2px solid transparent;
      margin-bottom: -1px;
      background: none;
      color: var(--tusk-text-muted);
      cursor: default;
    }
    .sections button:hover {
      color: var(--tusk-text);
    }
    .sections button[aria-selected='true'] {
      color: var(--tusk-text);
      border-bottom-color: var(--tusk-accent);
    }
    .sections button:focus-visible {
      outline-offset: -2px;
    }
    .n {
      color: var(--tusk-text-faint);
      font-size: 11px;
      font-variant-numeric: tabular-nums;
    }
    .n.alert {
      color: #fff;
      background: var(--tusk-danger);
      border-radius: 7px;
      padding: 0 5px;
      line-height: 14px;
    }
    .outcome {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 10px;
      flex: none;
      border-bottom: 1px solid var(--tusk-border);
    }
    .outcome > span {
      flex: 1;
    }
    .outcome.ok {
      background: var(--tusk-info-bg);
    }
    .outcome.refused {
      background: var(--tusk-danger-bg);
    }
    .outcome .hint {
      color: var(--tusk-text-muted);
    }
    .outcome button.tool {
      border: 0;
      background: none;
    }
    .panel {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    .panel > * {
      flex: 1;
      min-height: 0;
    }
    .message {
      padding: 24px;
      color: var(--tusk-text-muted);
    }
  `,
];
