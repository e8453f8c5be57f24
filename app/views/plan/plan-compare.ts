import { cssProps } from '../shared/css-props';
import { html, nothing, type TemplateResult } from 'lit';
import type { PlanNode, PlanReply } from '../../common/plan-shapes';
import {
  describeNode,
  formatCost,
  formatDuration,
  formatMs,
  formatRows,
  operationOf,
} from './plan-figures';
import { pairPlans, type PlanPair } from './plan-pairs';
import type { KeptPlan } from './plan-types';

/** The figure two plans are compared by: execution time, else (either not analyzed) cost. */
function totalOf(reply: PlanReply, analyze: boolean): number {
  return (analyze ? reply.executionMs : reply.nodes[0]?.totalCost) ?? 0;
}

/** A node's figure in the comparison: its exclusive time, else its total cost. */
function figureOf(node: PlanNode | null, analyze: boolean): number | null {
  if (!node) return null;
  return analyze ? (node.neverExecuted ? 0 : node.exclusiveMs) : node.totalCost;
}

function format(value: number | null, analyze: boolean): string {
  if (value === null) return '';
  return analyze ? formatMs(value) : formatCost(value);
}

/** `-12.3` / `+4.10`, empty when either side is missing. */
function formatDelta(before: number | null, after: number | null, analyze: boolean): string {
  if (before === null || after === null) return '';
  const delta = after - before;
  return `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${format(Math.abs(delta), analyze)}`;
}

/** The change in words: `3.7× faster`, `1.2× slower`, `no change`. */
export function changeInWords(before: number, after: number, analyze: boolean): string {
  if (before === after || (before === 0 && after === 0)) return 'no change';
  const [better, worse] = analyze ? ['faster', 'slower'] : ['cheaper', 'costlier'];
  if (after === 0 || before === 0) return after < before ? better : worse;
  const ratio = after < before ? before / after : after / before;
  return `${ratio.toFixed(ratio >= 10 ? 0 : 1)}× ${after < before ? better : worse}`;
}

function card(which: string, kept: KeptPlan, analyze: boolean): TemplateResult {
  const r = kept.reply;
  return html`<div class="card" data-side=${which}>
    <div class="which">${which}</div>
    <div class="label" title=${kept.sql}>${kept.label}</div>
    <div class="total">
      ${analyze ? formatDuration(r.executionMs) : `cost ${formatCost(totalOf(r, false))}`}
    </div>
    ${analyze && r.planningMs !== null ? html`<div class="sub">planning ${formatDuration(r.planningMs)}</div>` : nothing}
  </div>`;
}

function pairRow(pair: PlanPair, analyze: boolean, noticeable: number): TemplateResult {
  const node = (pair.after ?? pair.before)!;
  const state = !pair.before ? 'added' : !pair.after ? 'removed' : '';
  const was =
    pair.before && pair.after && operationOf(pair.before) !== operationOf(pair.after)
      ? describeNode(pair.before)
      : '';
  const [b, a] = [figureOf(pair.before, analyze), figureOf(pair.after, analyze)];
  const delta = a !== null && b !== null ? a - b : 0;
  const tone = Math.abs(delta) < noticeable ? '' : delta < 0 ? 'better' : 'worse';
  const rows = (n: PlanNode | null) =>
    n ? formatRows(analyze ? n.rowsActual : n.rowsPlanned) : '';
  return html`<div class="crow ${state}" role="row" data-state=${state || 'paired'}>
    <span
      role="cell"
      class="c-node"
      ${cssProps({ '--depth': String(node.depth) })}
      title=${describeNode(node)}
    >
      ${state ? html`<span class="tag ${state}">${state}</span>` : nothing}
      <span class="op">${describeNode(node)}</span>
      ${was ? html`<span class="was">was ${was}</span>` : nothing}
    </span>
    <span role="cell" class="num">${format(b, analyze)}</span>
    <span role="cell" class="num">${format(a, analyze)}</span>
    <span role="cell" class="num delta ${tone}">${formatDelta(b, a, analyze)}</span>
    <span role="cell" class="num">${rows(pair.before)}</span>
    <span role="cell" class="num">${rows(pair.after)}</span>
  </div>`;
}

/**
 * Two plans of the tab side by side: their totals and the change, then one row per node
 * (the newer plan's nodes in order, paired with the older's; nodes only in one marked added
 * or removed) with each side's exclusive time (cost without ANALYZE), the difference and
 * the rows. The older plan is "before" (A), the newer "after" (B).
 */
export function compareView(
  plan: KeptPlan,
  kept: readonly KeptPlan[],
  otherId: string | null,
  choose: (id: string) => void,
): TemplateResult {
  const others = kept.filter((k) => k.id !== plan.id && k.reply.format === 'json');
  if (others.length === 0)
    return html`<div class="compare">
      <p class="hint">
        Explain another statement (or this one again) in this tab to compare: the tab keeps its
        plans.
      </p>
    </div>`;
  const other = others.find((k) => k.id === otherId) ?? others.at(-1)!;
  const [before, after] = other.at <= plan.at ? [other, plan] : [plan, other];
  const analyze = before.reply.analyze && after.reply.analyze;
  const [tb, ta] = [totalOf(before.reply, analyze), totalOf(after.reply, analyze)];
  const pairs = pairPlans(before.reply.nodes, after.reply.nodes);
  const noticeable = Math.max(tb, ta) * 0.01;
  const unit = analyze ? 'ms' : 'cost';
  const diff = ta - tb;
  return html`<div class="compare">
    <div class="compare-bar">
      <label
        >Compare with
        <select @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}>
          ${others.map((k) => html`<option value=${k.id} ?selected=${k.id === other.id}>${k.label}</option>`)}
        </select>
      </label>
    </div>
    <div class="cards">
      ${card('A · before', before, analyze)} ${card('B · after', after, analyze)}
      <div class="card change" data-side="change">
        <div class="which">Change</div>
        <div class="total ${diff < 0 ? 'better' : diff > 0 ? 'worse' : ''}">
          ${diff > 0 ? '+' : diff < 0 ? '−' : ''}${analyze ? formatDuration(Math.abs(diff)) : formatCost(Math.abs(diff))}
        </div>
        <div class="sub">${changeInWords(tb, ta, analyze)}</div>
      </div>
    </div>
    <div class="ctable" role="table" aria-label="Nodes compared">
      <div class="crow chead" role="row">
        <span role="columnheader">Operation</span>
        <span role="columnheader" class="num">A ${analyze ? 'excl. ms' : unit}</span>
        <span role="columnheader" class="num">B ${analyze ? 'excl. ms' : unit}</span>
        <span role="columnheader" class="num">Δ</span>
        <span role="columnheader" class="num">A rows</span>
        <span role="columnheader" class="num">B rows</span>
      </div>
      ${pairs.map((p) => pairRow(p, analyze, noticeable))}
    </div>
  </div>`;
}
