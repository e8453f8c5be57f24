import { css } from 'lit';
import { schemaIconStyles } from './schema-icons.styles';

/**
 * The object view: a quiet header, the parts as a tab row, and dense property tables
 * aligned on a grid (DataGrip's and TablePlus's look), the DDL as SQL text, the Data part
 * as a query tab's results.
 */
export const objectViewStyles = [
  schemaIconStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
      height: 100%;
      background: var(--tusk-bg);
    }
    header {
      display: flex;
      align-items: baseline;
      gap: 10px;
      padding: 10px 14px 8px;
      min-width: 0;
      white-space: nowrap;
    }
    header .icon {
      align-self: center;
    }
    .transfers {
      align-self: center;
      display: flex;
      gap: 6px;
      margin-left: auto;
    }
    h2 {
      margin: 0;
      font-size: 15px;
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .facts,
    .comment {
      color: var(--tusk-text-muted);
      font-size: var(--tusk-font-size-small);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .comment {
      font-style: italic;
      min-width: 0;
    }
    .parts {
      display: flex;
      gap: 2px;
      padding: 0 10px;
      border-bottom: 1px solid var(--tusk-border);
      flex: none;
    }
    .parts button {
      font: inherit;
      display: flex;
      align-items: center;
      gap: 6px;
      height: 30px;
      padding: 0 10px;
      border: 0;
      border-bottom: 2px solid transparent;
      margin-bottom: -1px;
      background: none;
      color: var(--tusk-text-muted);
      cursor: default;
    }
    .parts button:hover {
      color: var(--tusk-text);
    }
    .parts button[aria-selected='true'] {
      color: var(--tusk-text);
      border-bottom-color: var(--tusk-accent);
    }
    .parts button:focus-visible {
      outline: 2px solid var(--tusk-focus);
      outline-offset: -2px;
    }
    .n {
      color: var(--tusk-text-faint);
      font-size: 11px;
      font-variant-numeric: tabular-nums;
    }
    .panel {
      flex: 1;
      min-height: 0;
      overflow: auto;
    }
    .panel.data {
      display: flex;
      flex-direction: column;
      overflow: hidden;
    }
    tusk-results-panel {
      flex: 1;
      min-height: 0;
    }
    table.props {
      border-collapse: collapse;
      width: 100%;
      font-size: var(--tusk-font-size-small);
    }
    .props th {
      position: sticky;
      top: 0;
      z-index: 1;
      text-align: left;
      font-weight: 500;
      color: var(--tusk-text-muted);
      background: var(--tusk-bg-sidebar);
      border-bottom: 1px solid var(--tusk-border);
      padding: 4px 12px;
      line-height: 18px;
      white-space: nowrap;
    }
    .props th.fit {
      width: 1%;
      padding-right: 20px;
    }
    .props td {
      padding: 3px 20px 3px 12px;
      line-height: 18px;
      border-bottom: 1px solid var(--tusk-border);
      vertical-align: top;
      white-space: nowrap;
    }
    .props tbody tr:hover td {
      background: var(--tusk-bg-hover);
    }
    .props td.num {
      text-align: right;
      color: var(--tusk-text-faint);
      font-variant-numeric: tabular-nums;
    }
    .props td.name {
      font-weight: 500;
    }
    .props td.type,
    .props td.code {
      font-family: var(--tusk-font-code);
      font-size: 12px;
    }
    .props td.code {
      white-space: normal;
      word-break: break-word;
      color: var(--tusk-text-muted);
    }
    .props td.flag {
      text-align: center;
    }
    .props td.comment {
      color: var(--tusk-text-muted);
      white-space: normal;
    }
    .props.kv th {
      position: static;
      width: 10rem;
      background: none;
      border-bottom: 1px solid var(--tusk-border);
    }
    .key {
      display: inline-block;
      width: 14px;
      height: 14px;
      margin-right: 6px;
      vertical-align: -2px;
      mask: center / 14px no-repeat;
    }
    .key.i-key {
      background: var(--tusk-conn-yellow);
      mask-image: url(assets/icons/key.svg);
    }
    .key.i-link {
      background: var(--tusk-text-muted);
      mask-image: url(assets/icons/link.svg);
    }
    .faint {
      color: var(--tusk-text-faint);
    }
    .bad {
      color: var(--tusk-danger);
    }
    .none,
    .message {
      margin: 16px;
      color: var(--tusk-text-muted);
    }
    .message wa-button {
      margin-top: 8px;
    }
    .sr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .ddl-bar,
    .data-bar {
      display: flex;
      align-items: center;
      gap: 6px;
      padding: 6px 12px;
    }
    .ddl-bar {
      position: sticky;
      top: 0;
      justify-content: flex-end;
      float: right;
    }
    .data-bar {
      border-bottom: 1px solid var(--tusk-border);
      flex: none;
    }
    .data-bar .sql {
      font-family: var(--tusk-font-code);
      font-size: 12px;
      color: var(--tusk-text-muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .spacer {
      flex: 1;
    }
    wa-button {
      --wa-form-control-height: 24px;
    }
    wa-button::part(base) {
      padding: 0 8px;
    }
    pre.ddl {
      margin: 0;
      padding: 10px 14px;
      font-family: var(--tusk-font-code);
      font-size: var(--tusk-editor-font-size, 13px);
      line-height: 1.5;
      color: var(--tusk-text);
      white-space: pre;
      outline: none;
    }
    pre.ddl:focus-visible {
      outline: 2px solid var(--tusk-focus);
      outline-offset: -2px;
    }
    .k {
      color: var(--tusk-conn-purple);
    }
    .s {
      color: var(--tusk-conn-green);
    }
    .c {
      color: var(--tusk-text-faint);
      font-style: italic;
    }
    .load {
      padding: 16px;
    }
  `,
];
