import { html, type TemplateResult } from 'lit';
import type { PlanNode } from '../../common/plan-shapes';
import {
  describeBuffers,
  describeNode,
  formatCost,
  formatDuration,
  formatFactor,
  formatRows,
  formatShare,
} from './plan-figures';

/** A field's value as the details pane writes it (as EXPLAIN wrote it; objects as JSON). */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

/** One key/value line of the details. */
function line(key: string, value: string, cls = ''): TemplateResult {
  return html`<dt>${key}</dt>
    <dd class=${cls}>${value}</dd>`;
}

/** The figures Tusk computed for the node (times over all loops, share, estimate). */
function computed(node: PlanNode, analyze: boolean): TemplateResult[] {
  const lines: TemplateResult[] = [];
  if (analyze && !node.neverExecuted) {
    lines.push(
      line(
        'Exclusive time',
        `${formatDuration(node.exclusiveMs)} (${formatShare(node.share)})`,
        'strong',
      ),
      line('Inclusive time', formatDuration(node.inclusiveMs)),
      line(
        'Rows',
        `${formatRows(node.rowsActual)} of ${formatRows(node.rowsPlanned)} planned ${formatFactor(node)}`.trim(),
        node.misestimate ? 'off' : '',
      ),
      line('Loops', formatRows(node.loops)),
    );
  } else if (analyze) lines.push(line('Executed', 'never executed'));
  else lines.push(line('Estimated rows', formatRows(node.rowsPlanned)));
  lines.push(line('Cost', `${formatCost(node.startupCost)}..${formatCost(node.totalCost)}`));
  if (node.workers)
    lines.push(
      line(
        'Workers',
        `${node.workers.launched ?? '?'} launched of ${node.workers.planned} planned`,
      ),
    );
  const buffers = describeBuffers(node.buffers);
  if (buffers) lines.push(line('Buffers', buffers));
  return lines;
}

/**
 * The details of the selected node: its description, the figures Tusk computed, then
 * every field EXPLAIN gave it (key/value, scrollable).
 */
export function detailsPane(node: PlanNode | null, analyze: boolean): TemplateResult {
  if (!node)
    return html`<section class="details" aria-label="Node details">
      <p class="hint">Select a node (click, or Enter in the tree) to see all its fields.</p>
    </section>`;
  const fields = Object.entries(node.fields);
  return html`<section class="details" aria-label="Node details">
    <h3 class="title" title=${describeNode(node)}>${describeNode(node)}</h3>
    <dl class="fields computed">${computed(node, analyze)}</dl>
    <h4>EXPLAIN fields</h4>
    <dl class="fields">${fields.map(([k, v]) => line(k, fieldText(v)))}</dl>
  </section>`;
}
