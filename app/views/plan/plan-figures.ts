import type { FindingKind, PlanBuffers, PlanNode, PlanReply } from '../../common/plan-shapes';

/**
 * How the plan view writes a plan's figures and names its nodes (as psql does): pure
 * functions of what `queries.plan` computed; nothing here computes a time.
 */

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Milliseconds as a cell shows them (the unit is in the column's header): `12.3`, `0.042`. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '';
  const size = Math.abs(ms);
  if (size >= 100) return INTEGER.format(ms);
  if (size >= 10) return ms.toFixed(1);
  if (size >= 1) return ms.toFixed(2);
  if (ms === 0) return '0';
  return ms.toFixed(3);
}

/** A duration with its unit: `1.24 s`, `12.3 ms`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  return `${formatMs(ms)} ms`;
}

/** A row count (fractional on PostgreSQL 18 when rows per loop are not whole). */
export function formatRows(rows: number | null): string {
  if (rows === null) return '';
  return Number.isInteger(rows) ? INTEGER.format(rows) : DECIMAL.format(rows);
}

/** A share of the execution time (0…1) as a percentage: `42%`, `<1%`. */
export function formatShare(share: number | null): string {
  if (share === null) return '';
  if (share > 0 && share < 0.01) return '<1%';
  return `${Math.round(share * 100)}%`;
}

/** A plan cost (`1234.56`). */
export function formatCost(cost: number): string {
  return cost.toFixed(2);
}

/** Blocks of 8 kB as a size: `640 kB`, `12.5 MB`. */
export function formatBlocks(blocks: number): string {
  const kb = blocks * 8;
  if (kb < 1024) return `${kb} kB`;
  if (kb < 1024 * 1024) return `${(kb / 1024).toFixed(1)} MB`;
  return `${(kb / 1024 / 1024).toFixed(2)} GB`;
}

/** A node's shared buffers, `hit / read` (empty when it touched none). */
export function formatBuffers(b: PlanBuffers): string {
  const hit = b.sharedHit + b.localHit;
  const read = b.sharedRead + b.localRead;
  if (hit === 0 && read === 0) return '';
  return `${INTEGER.format(hit)} / ${INTEGER.format(read)}`;
}

/** Every buffer figure of a node in words (a cell's tooltip, the details' line). */
export function describeBuffers(b: PlanBuffers): string {
  const parts: string[] = [];
  const add = (label: string, hit: number, read: number, dirtied: number, written: number) => {
    const some = [
      hit && `hit ${INTEGER.format(hit)}`,
      read && `read ${INTEGER.format(read)} (${formatBlocks(read)})`,
      dirtied && `dirtied ${INTEGER.format(dirtied)}`,
      written && `written ${INTEGER.format(written)}`,
    ].filter(Boolean);
    if (some.length) parts.push(`${label} ${some.join(', ')}`);
  };
  add('shared', b.sharedHit, b.sharedRead, b.sharedDirtied, b.sharedWritten);
  add('local', b.localHit, b.localRead, b.localDirtied, b.localWritten);
  add('temp', 0, b.tempRead, 0, b.tempWritten);
  if (b.ioReadMs !== null) parts.push(`I/O read ${formatDuration(b.ioReadMs)}`);
  if (b.ioWriteMs !== null) parts.push(`I/O write ${formatDuration(b.ioWriteMs)}`);
  return parts.join('; ');
}

/**
 * How far the actual rows are from the planned ones: `×12 ↑` (more came than planned) or
 * `×40 ↓`; empty when they agree within 2× or the node did not run.
 */
export function formatFactor(node: PlanNode): string {
  if (node.misestimate) {
    const arrow = node.misestimate.direction === 'under' ? '↑' : '↓';
    return `×${formatFactorNumber(node.misestimate.factor)} ${arrow}`;
  }
  if (node.rowsActual === null || node.neverExecuted) return '';
  const [a, p] = [Math.max(node.rowsActual, 0.5), Math.max(node.rowsPlanned, 0.5)];
  const factor = Math.max(a / p, p / a);
  if (factor < 2) return '';
  return `×${formatFactorNumber(factor)} ${a > p ? '↑' : '↓'}`;
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A factor short enough for its column: `2.5`, `167`, `2K`, `1.2M`. */
function formatFactorNumber(factor: number): string {
  if (factor < 10) return (Math.round(factor * 10) / 10).toString();
  if (factor < 1000) return INTEGER.format(factor);
  return COMPACT.format(factor);
}

/** The field of a node as EXPLAIN named it, when it is a string. */
function field(node: PlanNode, name: string): string | undefined {
  const value = node.fields[name];
  return typeof value === 'string' ? value : undefined;
}

const AGGREGATE_NAMES: Record<string, string> = {
  Hashed: 'HashAggregate',
  Sorted: 'GroupAggregate',
  Mixed: 'MixedAggregate',
};

/**
 * A node's operation as psql names it: `Hash Left Join`, `HashAggregate`, `Parallel Seq
 * Scan`, `Finalize GroupAggregate`.
 */
export function operationOf(node: PlanNode): string {
  let name = node.nodeType;
  if (name === 'Aggregate' && node.strategy) name = AGGREGATE_NAMES[node.strategy] ?? name;
  else if (name === 'SetOp' && node.strategy === 'Hashed') name = 'HashSetOp';
  else if (node.joinType && node.joinType !== 'Inner' && name.endsWith(' Join'))
    name = `${name.slice(0, -' Join'.length)} ${node.joinType} Join`;
  else if (node.joinType && node.joinType !== 'Inner' && name === 'Nested Loop')
    name = `Nested Loop ${node.joinType} Join`;
  const partial = field(node, 'Partial Mode');
  if (partial && partial !== 'Simple') name = `${partial} ${name}`;
  if (node.fields['Parallel Aware'] === true) name = `Parallel ${name}`;
  return name;
}

/** What a node reads: `orders o`, `public.orders`, the CTE or function it scans; '' for none. */
export function targetOf(node: PlanNode): string {
  const what =
    node.relation ?? field(node, 'CTE Name') ?? field(node, 'Function Name') ?? undefined;
  if (!what) return node.alias ?? '';
  const name = node.schema && node.schema !== 'public' ? `${node.schema}.${what}` : what;
  return node.alias && node.alias !== what ? `${name} ${node.alias}` : name;
}

/** A node's one-line description: operation, what it reads and with which index. */
export function describeNode(node: PlanNode): string {
  const target = targetOf(node);
  return [operationOf(node), node.index ? `using ${node.index}` : '', target ? `on ${target}` : '']
    .filter(Boolean)
    .join(' ');
}

/** The node's condition and filter in one line (`Hash Cond: …; Filter: …`). */
export function conditionsOf(node: PlanNode): string {
  const parts: string[] = [];
  if (node.condition) parts.push(node.condition);
  if (node.filter) {
    const removed =
      node.rowsRemovedByFilter !== undefined
        ? ` (removed ${formatRows(node.rowsRemovedByFilter)})`
        : '';
    parts.push(`Filter: ${node.filter}${removed}`);
  }
  return parts.join('  ·  ');
}

/** A finding's kind in a word or two, for its label. */
export const FINDING_LABELS: Record<FindingKind, string> = {
  'seq-scan-filter': 'Seq scan filter',
  'sort-spill': 'Sort on disk',
  'hash-spill': 'Hash on disk',
  'nested-loop-seq-scan': 'Loop over seq scan',
  misestimate: 'Row estimate',
  'heap-fetches': 'Heap fetches',
  'function-time': 'Function time',
  'trigger-time': 'Trigger time',
};

/** The total time of a plan: its execution time, else (no ANALYZE) its root's cost. */
export function totalOf(reply: PlanReply): string {
  if (reply.analyze) return formatDuration(reply.executionMs);
  const root = reply.nodes[0];
  return root ? `cost ${formatCost(root.totalCost)}` : '—';
}
