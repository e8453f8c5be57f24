import { cssProps } from '../shared/css-props';
import { html, nothing, type TemplateResult } from 'lit';
import type { PlanNode } from '../../common/plan-shapes';
import {
  conditionsOf,
  describeBuffers,
  describeNode,
  formatBuffers,
  formatCost,
  formatFactor,
  formatMs,
  formatRows,
  formatShare,
  operationOf,
  targetOf,
} from './plan-figures';

/** What the tree knows of a node's place: its children and its rank among its siblings. */
export interface NodePlace {
  children: number[];
  position: number;
  siblings: number;
}

/** The places of `nodes` (flat, pre-order) by id. */
export function placesOf(nodes: readonly PlanNode[]): Map<number, NodePlace> {
  const places = new Map<number, NodePlace>();
  const roots: number[] = [];
  for (const node of nodes) places.set(node.id, { children: [], position: 0, siblings: 0 });
  for (const node of nodes) {
    const list = node.parentId === null ? roots : places.get(node.parentId)?.children;
    (list ?? roots).push(node.id);
  }
  const rank = (list: number[]) =>
    list.forEach((id, i) =>
      Object.assign(places.get(id)!, { position: i + 1, siblings: list.length }),
    );
  rank(roots);
  for (const place of places.values()) rank(place.children);
  return places;
}

/** The tree's header row: the columns' names (an analyzed plan has times, else costs). */
export function headerRow(analyze: boolean): TemplateResult {
  const figures = analyze
    ? html`<span class="num" title="Rows per loop">Rows</span>
        <span class="num c-planned" title="Rows per loop the planner expected">Planned</span>
        <span class="num" title="Actual rows against planned: ↑ more came, ↓ fewer">Est.</span>
        <span class="num c-loops">Loops</span>
        <span class="num" title="The node's own time over all loops">Excl. ms</span>
        <span class="num c-incl" title="The node with its children">Incl. ms</span>
        <span title="The node's own time over the execution time">Time share</span>
        <span class="num c-buffers" title="Shared and local buffers hit / read">Buffers</span>`
    : html`<span class="num">Est. rows</span>
        <span class="num c-planned">Startup cost</span>
        <span class="num">Total cost</span>
        <span class="num c-width">Width</span>`;
  return html`<div class="head" aria-hidden="true">
    <span class="c-node">Operation</span><span class="c-cond">Condition · filter</span>${figures}
  </div>`;
}

/** How one row is drawn: its node's state in the tree. */
export interface RowState {
  place: NodePlace;
  expanded: boolean;
  selected: boolean;
  focused: boolean;
  /** The messages of the findings pointing at the node. */
  findings: string[];
  analyze: boolean;
}

/** The accessible name of a node's row: what it is and its main figures. */
function labelOf(node: PlanNode, analyze: boolean): string {
  const figures = !analyze
    ? `${formatRows(node.rowsPlanned)} rows estimated, cost ${formatCost(node.totalCost)}`
    : node.neverExecuted
      ? 'never executed'
      : `${formatRows(node.rowsActual)} rows, ${formatMs(node.exclusiveMs)} ms exclusive, ${formatShare(node.share)}`;
  return `${describeNode(node)}: ${figures}`;
}

/** One node's row of the tree (plain elements only: 500 of them draw at once). */
export function nodeRow(node: PlanNode, s: RowState): TemplateResult {
  const { place, analyze } = s;
  const classes = [
    'row',
    node.costliest ? 'costliest' : '',
    node.neverExecuted ? 'never' : '',
    s.selected ? 'selected' : '',
  ].join(' ');
  const target = targetOf(node);
  const conditions = conditionsOf(node);
  const hasChildren = place.children.length > 0;
  const figures = analyze ? timeCells(node) : costCells(node);
  return html`<div
    class=${classes}
    role="treeitem"
    data-id=${node.id}
    aria-level=${node.depth + 1}
    aria-posinset=${place.position}
    aria-setsize=${place.siblings}
    aria-expanded=${hasChildren ? String(s.expanded) : nothing}
    aria-selected=${String(s.selected)}
    aria-label=${labelOf(node, analyze)}
    tabindex=${s.focused ? 0 : -1}
  >
    <span class="c-node" ${cssProps({ '--depth': String(node.depth) })} title=${describeNode(node)}>
      <span class="toggle" aria-hidden="true">${hasChildren ? (s.expanded ? '▾' : '▸') : ''}</span>
      ${node.subplanName ? html`<span class="sub">${node.subplanName}</span>` : nothing}
      <span class="op">${operationOf(node)}</span>
      ${node.index ? html`<span class="muted">using</span> <span class="name">${node.index}</span>` : nothing}
      ${target ? html`<span class="muted">on</span> <span class="name">${target}</span>` : nothing}
      ${
        s.findings.length
          ? html`<span class="mark" title=${s.findings.join('\n')} aria-label="Has findings"
              >!</span
            >`
          : nothing
      }
    </span>
    <span class="c-cond" title=${conditions}>${conditions}</span>
    ${figures}
  </div>`;
}

/** The figures of an analyzed node: rows, estimate, loops, times, share bar, buffers. */
function timeCells(node: PlanNode): TemplateResult {
  if (node.neverExecuted)
    return html`<span class="never-note">never executed</span><span class="num c-buffers"></span>`;
  const factor = formatFactor(node);
  const share = Math.min(Math.max(node.share ?? 0, 0), 1);
  return html`<span class="num">${formatRows(node.rowsActual)}</span>
    <span class="num c-planned">${formatRows(node.rowsPlanned)}</span>
    <span class="num factor ${node.misestimate ? 'off' : ''}">${factor}</span>
    <span class="num c-loops">${formatRows(node.loops)}</span>
    <span class="num excl">${formatMs(node.exclusiveMs)}</span>
    <span class="num c-incl">${formatMs(node.inclusiveMs)}</span>
    <span class="share"
      ><span class="track"
        ><span class="fill" ${cssProps({ width: `${(share * 100).toFixed(1)}%` })}></span></span
      ><span class="pct">${formatShare(node.share)}</span></span
    >
    <span class="num c-buffers" title=${describeBuffers(node.buffers)}
      >${formatBuffers(node.buffers)}</span
    >`;
}

/** The figures of a node planned only: estimated rows, costs, width. */
function costCells(node: PlanNode): TemplateResult {
  const width = node.fields['Plan Width'];
  return html`<span class="num">${formatRows(node.rowsPlanned)}</span>
    <span class="num c-planned">${formatCost(node.startupCost)}</span>
    <span class="num excl">${formatCost(node.totalCost)}</span>
    <span class="num c-width">${typeof width === 'number' ? width : ''}</span>`;
}
