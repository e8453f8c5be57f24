import { css, unsafeCSS } from 'lit';
import { schemaIconStyles } from './schema-icons.styles';

/** Indentation of each tree level past the first, px. */
const INDENT = 12;

/** `lv-2` … `lv-9`: a node's indentation by its level (no style attributes: the CSP). */
const levels = unsafeCSS(
  Array.from(
    { length: 8 },
    (_, i) => `.node.lv-${i + 2} { padding-left: ${9 + (i + 1) * INDENT}px; }`,
  ).join('\n'),
);

/**
 * The schema tree in the sidebar: fixed-height rows (drawn by position), twisties, icons
 * per kind as masks of the codicons Tusk serves (one element, no component, per row),
 * muted details and counts, the filter's match marked, the status line.
 */
export const schemaTreeStyles = [
  schemaIconStyles,
  css`
    .tree {
      position: relative;
      flex: 1;
      min-height: 0;
      overflow: auto;
      outline: none;
      contain: strict;
    }
    .rows {
      box-sizing: border-box;
      min-width: 100%;
    }
    .item {
      box-sizing: border-box;
      height: 24px;
    }
    .node {
      gap: 4px;
      padding-right: 8px;
    }
    ${levels}
    .twisty {
      flex: none;
      width: 16px;
      height: 16px;
      margin-right: -2px;
      background: var(--tusk-text-faint);
      mask: url(assets/icons/chevron-right.svg) center / 16px no-repeat;
      transition: transform 0.08s;
    }
    .twisty.open {
      transform: rotate(90deg);
    }
    .twisty.leaf {
      background: none;
    }
    .item:not(.node) .twisty {
      margin: 0 -4px 0 -2px;
    }
    .node .name {
      /* The name keeps its width (up to most of the row); the detail takes what is left. */
      flex: none;
      max-width: 80%;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .node.folder .name,
    .node.part .name {
      color: var(--tusk-text-muted);
    }
    .node.system .name {
      color: var(--tusk-text-muted);
    }
    .node.system .icon {
      opacity: 0.6;
    }
    .node.note .name {
      color: var(--tusk-text-faint);
      font-style: italic;
    }
    .detail {
      /* The detail gives way first: a long type never hides the name. */
      flex: 0 1000 auto;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--tusk-text-faint);
      font-size: var(--tusk-font-size-small);
    }
    .mark-text {
      flex: none;
      color: var(--tusk-text-faint);
      font-size: 11px;
      font-style: italic;
    }
    .count {
      flex: none;
      margin-left: auto;
      padding-left: 8px;
      color: var(--tusk-text-faint);
      font-size: var(--tusk-font-size-small);
      font-variant-numeric: tabular-nums;
    }
    mark {
      background: none;
      color: var(--tusk-accent);
      font-weight: 600;
    }
    .said {
      padding: 4px 10px;
      border-top: 1px solid var(--tusk-border);
      color: var(--tusk-text-muted);
      font-size: var(--tusk-font-size-small);
    }
    .said:empty {
      display: none;
    }
  `,
];
