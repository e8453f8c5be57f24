import { html, nothing } from 'lit';
import { renderItem } from '../connections/connection-item';
import type { TreeRow } from './tree-model';

/** The height of every row of the tree, px (the rows are drawn by position from it). */
export const ROW_HEIGHT = 24;

/** The words a row is known by (its accessible name): the label, its detail, its count. */
export function rowName(row: TreeRow): string {
  return [row.label, row.detail, row.mark, row.count === undefined ? '' : String(row.count)]
    .filter(Boolean)
    .join(', ');
}

/** The label, with the part a filter matched marked. */
function label(row: TreeRow) {
  if (!row.match) return row.label;
  const [from, to] = row.match;
  return html`${row.label.slice(0, from)}<mark>${row.label.slice(from, to)}</mark>${row.label.slice(
    to,
  )}`;
}

/**
 * One row of the tree, a `treeitem` with its level, place and state (its `id` is what
 * aria-activedescendant names): a connection as the connections list draws it, any other
 * node with its twisty, its kind's icon, its label, detail, marks and count.
 */
export function renderRow(row: TreeRow, options: { active: boolean; domId: string }) {
  const place = {
    level: row.level,
    setSize: row.setSize,
    posInSet: row.posInSet,
    expanded: row.expanded,
    key: row.key,
  };
  if (row.connection)
    return renderItem(row.connection, { ...options, selected: options.active, place });
  return html`<div
    id=${options.domId}
    class="item node lv-${Math.min(row.level, 9)} ${row.type} ${row.system ? 'system' : ''} ${options.active ? 'active' : ''}"
    role="treeitem"
    aria-level=${row.level}
    aria-setsize=${row.setSize}
    aria-posinset=${row.posInSet}
    aria-expanded=${row.expanded === undefined ? nothing : String(row.expanded)}
    aria-selected=${options.active ? 'true' : 'false'}
    aria-label=${rowName(row)}
    title=${row.title ?? rowName(row)}
    data-key=${row.key}
  >
    <span
      class="twisty ${row.expanded === undefined ? 'leaf' : row.expanded ? 'open' : ''}"
      aria-hidden="true"
    ></span>
    ${row.type === 'note' ? nothing : html`<span class="icon i-${row.icon}" aria-hidden="true"></span>`}
    <span class="name">${label(row)}</span>
    ${row.detail ? html`<span class="detail">${row.detail}</span>` : nothing}
    ${row.mark ? html`<span class="mark-text">${row.mark}</span>` : nothing}
    ${row.count === undefined ? nothing : html`<span class="count">${row.count}</span>`}
  </div>`;
}
