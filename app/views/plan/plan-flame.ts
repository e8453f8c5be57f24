import { cssProps } from '../shared/css-props';
import { html, type TemplateResult } from 'lit';
import type { PlanNode } from '../../common/plan-shapes';
import {
  describeNode,
  formatCost,
  formatDuration,
  formatShare,
  operationOf,
  targetOf,
} from './plan-figures';

/** A node's block in the icicle: where it starts and how wide it is (0…1 of the whole). */
export interface FlameBlock {
  node: PlanNode;
  x: number;
  width: number;
}

/** Height of a level of the icicle, px. */
const LEVEL_PX = 20;

/**
 * The icicle's blocks: the root(s) across the whole width, each node's children side by
 * side under it, as wide as their inclusive time (their total cost without ANALYZE). When
 * children add up to more than their parent (workers running at once, a CTE read twice),
 * they share the parent's width in proportion.
 */
export function flameBlocks(nodes: readonly PlanNode[], analyze: boolean): FlameBlock[] {
  const size = (n: PlanNode) => Math.max((analyze ? n.inclusiveMs : n.totalCost) ?? 0, 0);
  const children = new Map<number | null, PlanNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const blocks: FlameBlock[] = [];
  const place = (list: PlanNode[], x: number, width: number, parentSize: number) => {
    const sum = list.reduce((s, n) => s + size(n), 0);
    const whole = Math.max(parentSize, sum);
    let at = x;
    for (const n of list) {
      const w = whole > 0 ? (width * size(n)) / whole : width / list.length;
      blocks.push({ node: n, x: at, width: w });
      place(children.get(n.id) ?? [], at, w, size(n));
      at += w;
    }
  };
  const roots = children.get(null) ?? [];
  place(roots, 0, 1, 0);
  return blocks;
}

/** A block's colour: warmer as the node's own share of the time grows. */
function heat(node: PlanNode, analyze: boolean): string {
  if (!analyze || node.neverExecuted) return 'var(--flame-cool)';
  const share = Math.min(Math.max(node.share ?? 0, 0), 1);
  const warm = Math.round(12 + Math.sqrt(share) * 70);
  return `color-mix(in srgb, var(--flame-hot) ${warm}%, var(--flame-cool))`;
}

/**
 * The same tree as an icicle: time (cost without ANALYZE) on the x axis, a level per depth.
 * Clicking a block selects its node (`pick`); the tree is the keyboard's way through it.
 */
export function flameGraph(
  nodes: readonly PlanNode[],
  analyze: boolean,
  selectedId: number | null,
  pick: (id: number) => void,
): TemplateResult {
  const blocks = flameBlocks(nodes, analyze);
  const depth = nodes.reduce((d, n) => Math.max(d, n.depth), 0) + 1;
  const root = nodes[0];
  const total = root ? ((analyze ? root.inclusiveMs : root.totalCost) ?? 0) : 0;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (t) =>
      html`<span class="tick" ${cssProps({ left: `${t * 100}%` })}
        >${analyze ? formatDuration(total * t) : formatCost(total * t)}</span
      >`,
  );
  const onClick = (event: MouseEvent) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id;
    if (id !== undefined) pick(Number(id));
  };
  return html`<div
    class="flame"
    role="group"
    aria-label=${analyze ? 'Flame graph: time on the x axis' : 'Flame graph: cost on the x axis'}
  >
    <div class="axis" aria-hidden="true">${ticks}</div>
    <div class="levels" ${cssProps({ height: `${depth * LEVEL_PX}px` })} @click=${onClick}>
      ${blocks.map(({ node, x, width }) => {
        const target = targetOf(node);
        const figure = analyze
          ? `${formatDuration(node.inclusiveMs)} incl., ${formatDuration(node.exclusiveMs)} own (${formatShare(node.share)})`
          : `cost ${formatCost(node.totalCost)}`;
        return html`<div
          class="block ${node.id === selectedId ? 'selected' : ''} ${node.costliest ? 'costliest' : ''}"
          data-id=${node.id}
          ${cssProps({ left: `${(x * 100).toFixed(4)}%`, width: `${(width * 100).toFixed(4)}%`, top: `${node.depth * LEVEL_PX}px`, background: heat(node, analyze) })}
          title=${`${describeNode(node)}\n${figure}`}
        >
          ${operationOf(node)}${target ? ` ${target}` : ''}
        </div>`;
      })}
    </div>
  </div>`;
}
