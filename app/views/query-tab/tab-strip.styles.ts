import { css } from 'lit';
import { connectionColorStyles } from '../shared/connection-colors.styles';
import { productionMarkStyles } from '../shared/production-mark';

/** "All tabs": a dense menu, one line a tab, its connection muted on the right. */
const allTabsMenuStyles = css`
  wa-dropdown-item {
    max-width: 480px;
    padding: 3px 10px 3px 6px;
    font-size: var(--tusk-font-size);
    border-radius: 3px;
  }
  wa-dropdown-item::part(label) {
    display: flex;
    align-items: center;
    gap: 6px;
    overflow: hidden;
  }
  wa-dropdown-item.active {
    background: var(--tusk-bg-selected);
  }
  .check {
    visibility: hidden;
    color: var(--tusk-accent);
  }
  .active .check {
    visibility: visible;
  }
  .item-title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .item-conn {
    display: flex;
    align-items: center;
    gap: 5px;
    max-width: 180px;
    color: var(--tusk-text-faint);
  }
  .item-conn-name {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .swatch {
    flex: none;
    width: 7px;
    height: 7px;
    border-radius: 2px;
  }
`;

/** The tab strip: one line of tabs that scrolls sideways, "New tab" and "All tabs". */
export const tabStripStyles = [
  connectionColorStyles,
  productionMarkStyles,
  css`
    :host {
      display: block;
      background: var(--tusk-bg-sidebar);
      border-bottom: 1px solid var(--tusk-border);
    }
    .strip {
      display: flex;
      align-items: stretch;
      height: 30px;
    }
    .tabs {
      display: flex;
      min-width: 0;
      overflow-x: auto;
      overflow-y: hidden;
      scrollbar-width: none;
    }
    .tab {
      display: flex;
      flex: none;
      align-items: center;
      gap: 6px;
      box-sizing: border-box;
      min-width: 96px;
      max-width: 240px;
      padding: 0 4px 0 0;
      border-right: 1px solid var(--tusk-border);
      color: var(--tusk-text-muted);
      cursor: default;
      user-select: none;
      white-space: nowrap;
      position: relative;
    }
    .tab:hover {
      background: var(--tusk-bg-hover);
    }
    .tab.active {
      background: var(--tusk-bg);
      color: var(--tusk-text);
    }
    .tab.active::after {
      content: '';
      position: absolute;
      left: 0;
      right: 0;
      bottom: -1px;
      height: 1px;
      background: var(--tusk-bg);
    }
    .tab:focus-visible {
      outline: 2px solid var(--tusk-focus);
      outline-offset: -2px;
    }
    .color {
      width: 3px;
      align-self: stretch;
    }
    .state {
      width: 7px;
      height: 7px;
      border-radius: 50%;
      flex: none;
      margin-left: 4px;
    }
    wa-spinner.state {
      width: 10px;
      height: 10px;
      font-size: 10px;
      --track-width: 2px;
    }
    .tx-idle {
      background: transparent;
      border: 1px solid var(--tusk-text-faint);
      box-sizing: border-box;
    }
    .tx-open {
      background: var(--tusk-warning);
    }
    .tx-failed {
      background: var(--tusk-danger);
    }
    .kind {
      flex: none;
      font-size: 13px;
      color: var(--tusk-text-muted);
    }
    .title {
      min-width: 3em;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    /* The connection's name gives way first, the title only once it is gone. */
    .conn {
      flex: 0 1000 auto;
      min-width: 0;
      color: var(--tusk-text-faint);
      font-size: var(--tusk-font-size-small);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .dirty {
      color: var(--tusk-text-muted);
      font-size: 9px;
    }
    .rename {
      font: inherit;
      width: 9rem;
      padding: 1px 3px;
      border: 1px solid var(--tusk-focus);
      background: var(--tusk-bg);
      color: var(--tusk-text);
    }
    .close {
      flex: none;
      margin-left: auto;
      display: grid;
      place-items: center;
      width: 18px;
      height: 18px;
      padding: 0;
      border: 0;
      border-radius: 3px;
      background: transparent;
      color: var(--tusk-text-faint);
      visibility: hidden;
    }
    .tab:hover .close,
    .tab.active .close {
      visibility: visible;
    }
    .close:hover {
      background: var(--tusk-bg-hover);
      color: var(--tusk-text);
    }
    wa-button {
      --wa-form-control-height: 24px;
      flex: none;
      align-self: center;
      margin-left: 2px;
      color: var(--tusk-text-muted);
    }
    wa-button[slot='trigger'] {
      margin: 0 2px 0 auto;
    }
  `,
  allTabsMenuStyles,
];
