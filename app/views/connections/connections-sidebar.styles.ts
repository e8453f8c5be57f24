import { css } from 'lit';
import { schemaTreeStyles } from '../schema/schema-tree.styles';
import { connectionColorStyles } from '../shared/connection-colors.styles';
import { productionMarkStyles } from '../shared/production-mark';

export const sidebarStyles = [
  connectionColorStyles,
  productionMarkStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-width: 0;
      min-height: 0;
      background: var(--tusk-bg-sidebar);
      font-size: var(--tusk-font-size);
    }
    header {
      display: flex;
      align-items: center;
      gap: 2px;
      height: var(--tusk-toolbar-height);
      padding: 0 4px 0 10px;
    }
    h2 {
      flex: 1;
      margin: 0;
      font-size: 11px;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: var(--tusk-text-muted);
    }
    wa-button[appearance='plain'] {
      --wa-form-control-height: 24px;
      color: var(--tusk-text-muted);
    }
    wa-button[appearance='plain']::part(base) {
      padding: 0 5px;
    }
    .filter {
      margin: 0 8px 4px;
    }
    .filter::part(form-control-label) {
      display: none;
    }
    .toolbar {
      display: flex;
      gap: 2px;
      padding: 0 6px 4px;
      border-bottom: 1px solid var(--tusk-border);
    }
    .item {
      display: flex;
      align-items: center;
      gap: 6px;
      height: var(--tusk-row-height);
      padding: 0 8px 0 0;
      cursor: default;
      user-select: none;
      white-space: nowrap;
    }
    .item:hover {
      background: var(--tusk-bg-hover);
    }
    .item.active {
      background: var(--tusk-bg-hover);
    }
    .tree:focus-visible .item.active,
    .tree:focus .item.active {
      background: var(--tusk-bg-selected);
      box-shadow: inset 2px 0 0 var(--tusk-focus);
    }
    .color {
      width: 3px;
      align-self: stretch;
      flex: none;
    }
    .mark {
      flex: none;
      width: 8px;
      height: 8px;
      margin-left: 4px;
    }
    wa-spinner.mark {
      width: 10px;
      height: 10px;
      font-size: 10px;
      --track-width: 2px;
    }
    .dot {
      border-radius: 50%;
      box-sizing: border-box;
      border: 1.5px solid var(--tusk-text-faint);
    }
    .dot.connected {
      background: var(--tusk-ok);
      border-color: var(--tusk-ok);
    }
    .dot.dropped {
      border-color: var(--tusk-warning);
    }
    .dot.failed {
      border-color: var(--tusk-danger);
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      flex: 0 1 auto;
    }
    .target {
      flex: 1 1 0;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--tusk-text-faint);
      font-size: var(--tusk-font-size-small);
    }
    .badge {
      flex: none;
      font-size: 10px;
      font-weight: 600;
      padding: 0 4px;
      border-radius: 3px;
      color: var(--tusk-warning);
      border: 1px solid currentColor;
      line-height: 14px;
    }
    wa-icon {
      flex: none;
      font-size: 14px;
    }
    .tls {
      color: var(--tusk-text-muted);
      font-size: 12px;
    }
    .problem {
      color: var(--tusk-danger);
    }
    .empty {
      margin: 12px;
      color: var(--tusk-text-muted);
    }
  `,
  schemaTreeStyles,
];
