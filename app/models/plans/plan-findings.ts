import type { PlanFinding, PlanNode, PlanReply } from '../../common/plan-shapes';
import { filterColumns } from './filter-columns';
import { num } from './plan-json';
import type { FlatNode } from './plan-nodes';
import type { PlanRelation, RelationStats, StatsLookup } from './stats-lookup';
import { quoteIdent } from './plan-text';
import { count, kilobytes, memorySetting, percent, rows as rowCount } from './finding-words';

/** A scan reading at least this many rows is on a large table. */
const LARGE_READ = 10_000;
/** A filter removing at least this share of the rows read removes "most" of them. */
const MOSTLY_REMOVED = 0.9;
/** A nested loop running its inner seq scan at least this many times runs it "many" times. */
const MANY_LOOPS = 100;
/** A function scan or triggers taking this share of the execution time take "a large" one. */
const LARGE_SHARE = 0.2;

/** A finding before the catalog is asked: what it needs of it, and how to word it then. */
interface Draft {
  relation?: PlanRelation;
  make(stats: RelationStats | undefined, name: string): PlanFinding;
}

/**
 * Why the plan may be slow, each finding pointing at its node and worded as a hypothesis
 * with its numbers (see `FINDING_KINDS`). Most need ANALYZE's actual figures; the catalog
 * is asked once, through `stats`, for the relations the findings name (its analyze dates).
 */
export async function planFindings(
  reply: PlanReply,
  flat: FlatNode[],
  stats: StatsLookup,
): Promise<PlanFinding[]> {
  if (!reply.analyze) return [];
  const drafts: Draft[] = [];
  for (const { node } of flat) {
    if (node.neverExecuted) continue;
    drafts.push(...seqScanFilter(node), ...spills(node, reply), ...heapFetches(node));
    drafts.push(...nestedLoop(node, flat), ...misestimate(node, flat));
    if (node.nodeType === 'Function Scan' && (node.share ?? 0) >= LARGE_SHARE) {
      drafts.push({
        make: () => ({
          nodeId: node.id,
          kind: 'function-time',
          message:
            `${describe(node)} takes ${percent(node.share!)} of the execution time ` +
            `(${node.exclusiveMs!.toFixed(1)} ms): the function itself may be what is slow.`,
        }),
      });
    }
  }
  const triggerMs = reply.triggers.reduce((a, t) => a + t.timeMs, 0);
  if (reply.executionMs && triggerMs / reply.executionMs >= LARGE_SHARE) {
    const names = reply.triggers.map((t) => t.name).join(', ');
    drafts.push({
      make: () => ({
        nodeId: null,
        kind: 'trigger-time',
        message:
          `Triggers (${names}) take ${triggerMs.toFixed(1)} ms, ` +
          `${percent(triggerMs / reply.executionMs!)} of the execution time: ` +
          'what they do may be what is slow.',
      }),
    });
  }
  const relations = new Map<string, PlanRelation>();
  for (const d of drafts) if (d.relation) relations.set(keyOf(d.relation), d.relation);
  let found = new Map<string, RelationStats>();
  if (relations.size) {
    try {
      found = await stats([...relations.values()]);
    } catch {
      // The findings then name the relation as the plan does, without its analyze dates.
    }
  }
  return grouped(
    drafts.map((d) => {
      const stat = d.relation ? found.get(keyOf(d.relation)) : undefined;
      return d.make(stat, stat?.qualified ?? (d.relation ? qualified(d.relation) : ''));
    }),
    flat,
  );
}

/**
 * The findings with those saying the same of the same table (same kind and suggestion: a
 * UNION of 250 scans of one table off by over 10×) told once, on the node where it weighs
 * most (the largest misestimate, else the largest exclusive time), with how many more.
 */
function grouped(findings: PlanFinding[], flat: FlatNode[]): PlanFinding[] {
  const byId = new Map(flat.map((f) => [f.node.id, f.node]));
  const weight = (f: PlanFinding) => {
    const node = f.nodeId === null ? undefined : byId.get(f.nodeId);
    return f.kind === 'misestimate' ? (node?.misestimate?.factor ?? 0) : (node?.exclusiveMs ?? 0);
  };
  const groups = new Map<string, PlanFinding[]>();
  const order: string[] = [];
  findings.forEach((f, i) => {
    const key = f.suggestion ? `${f.kind}\n${f.suggestion}` : `#${i}`;
    if (!groups.has(key)) order.push(key);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  });
  return order.map((key) => {
    const same = groups.get(key)!;
    if (same.length === 1) return same[0]!;
    const top = same.reduce((a, b) => (weight(b) > weight(a) ? b : a));
    const more = same.length - 1;
    return {
      ...top,
      message: `${top.message} (The same holds for ${count(more)} more ${more === 1 ? 'node' : 'nodes'} of this plan.)`,
    };
  });
}

function keyOf(relation: PlanRelation): string {
  return relation.schema === undefined ? relation.name : `${relation.schema}.${relation.name}`;
}

function qualified(relation: PlanRelation): string {
  const name = quoteIdent(relation.name);
  return relation.schema === undefined ? name : `${quoteIdent(relation.schema)}.${name}`;
}

function relationOf(node: PlanNode): PlanRelation | undefined {
  const name = node.fields['Relation Name'];
  if (typeof name !== 'string') return undefined;
  return node.schema === undefined ? { name } : { schema: node.schema, name };
}

/** `Seq Scan on t`, `Index Scan using i on t`, `Hash Join`. */
function describe(node: PlanNode): string {
  let text = node.nodeType;
  if (node.index !== undefined) text += ` using ${node.index}`;
  if (node.relation !== undefined) text += ` on ${node.relation}`;
  if (node.alias !== undefined && node.alias !== node.relation) text += ` ${node.alias}`;
  return text;
}

function seqScanFilter(node: PlanNode): Draft[] {
  const relation = relationOf(node);
  if (node.nodeType !== 'Seq Scan' || !node.filter || !relation) return [];
  const loops = node.loops ?? 1;
  const kept = (node.rowsActual ?? 0) * loops;
  const removed = (node.rowsRemovedByFilter ?? 0) * loops;
  const read = kept + removed;
  if (read < LARGE_READ || removed / read < MOSTLY_REMOVED) return [];
  const columns = filterColumns(node.filter, node.alias);
  return [
    {
      relation,
      make: (_stats, name) => {
        const list = columns.map(quoteIdent).join(', ');
        const finding: PlanFinding = {
          nodeId: node.id,
          kind: 'seq-scan-filter',
          message:
            `${describe(node)} reads ${count(read)} rows and its filter removes ` +
            `${count(removed)} of them (${percent(removed / read)}), keeping ${count(kept)}: ` +
            (columns.length
              ? `an index on ${name} (${list}) may help.`
              : 'an index on the filtered columns may help.'),
        };
        if (columns.length) finding.suggestion = `CREATE INDEX ON ${name} (${list})`;
        return finding;
      },
    },
  ];
}

function spills(node: PlanNode, reply: PlanReply): Draft[] {
  const f = node.fields;
  const current = reply.settings?.['work_mem'];
  const now = current ? ` (work_mem is ${current})` : '';
  if (
    node.nodeType === 'Sort' &&
    (f['Sort Space Type'] === 'Disk' || /^external/.test(String(f['Sort Method'] ?? '')))
  ) {
    const disk = Number(f['Sort Space Used'] ?? 0);
    const setting = memorySetting(disk * 2);
    return [
      {
        make: () => ({
          nodeId: node.id,
          kind: 'sort-spill',
          message:
            `Sort spills to disk: "${String(f['Sort Method'])}" needed ${kilobytes(disk)} on disk${now}; ` +
            `a work_mem above that (about ${setting}, as a sort takes more in memory) may let it sort in memory.`,
          suggestion: `SET work_mem = '${setting}'`,
        }),
      },
    ];
  }
  const batches = num(f, 'Hash Batches') ?? num(f, 'HashAgg Batches') ?? 0;
  if (batches <= 1) return [];
  const peak = num(f, 'Peak Memory Usage') ?? 0;
  const needed = node.nodeType === 'Hash' ? peak * batches : peak + (num(f, 'Disk Usage') ?? 0);
  const setting = memorySetting(needed);
  const what = node.nodeType === 'Hash' ? 'Hash' : 'HashAggregate';
  return [
    {
      make: () => ({
        nodeId: node.id,
        kind: 'hash-spill',
        message:
          `${what} splits its input into ${batches} batches written to disk (${kilobytes(peak)} in memory)${now}: ` +
          `it needed about ${kilobytes(needed)}; a work_mem of about ${setting} (or a larger hash_mem_multiplier) may keep it in one batch.`,
        suggestion: `SET work_mem = '${setting}'`,
      }),
    },
  ];
}

function heapFetches(node: PlanNode): Draft[] {
  const fetches = num(node.fields, 'Heap Fetches') ?? 0;
  const relation = relationOf(node);
  const rows = (node.rowsActual ?? 0) * (node.loops ?? 1);
  if (node.nodeType !== 'Index Only Scan' || !relation || fetches < 100 || fetches < rows * 0.1) {
    return [];
  }
  return [
    {
      relation,
      make: (_stats, name) => ({
        nodeId: node.id,
        kind: 'heap-fetches',
        message:
          `${describe(node)} went to the table for ${count(fetches)} of the ${count(rows)} rows it returned: ` +
          `the visibility map of ${name} may be out of date; a VACUUM may let it answer from the index alone.`,
        suggestion: `VACUUM ${name}`,
      }),
    },
  ];
}

function nestedLoop(node: PlanNode, flat: FlatNode[]): Draft[] {
  if (node.nodeType !== 'Nested Loop') return [];
  const inner = flat.find(
    (f) => f.node.parentId === node.id && f.node.parentRelationship === 'Inner',
  )?.node;
  if (!inner || inner.nodeType !== 'Seq Scan' || (inner.loops ?? 0) < MANY_LOOPS) return [];
  const relation = relationOf(inner);
  const perLoop = (inner.rowsActual ?? 0) + (inner.rowsRemovedByFilter ?? 0);
  const condition = [node.fields['Join Filter'], inner.filter].filter((c) => typeof c === 'string');
  const columns = condition.flatMap((c) => filterColumns(c as string, inner.alias));
  return [
    {
      ...(relation ? { relation } : {}),
      make: (_stats, name) => {
        const target = name || describe(inner);
        const list = [...new Set(columns)].slice(0, 3).map(quoteIdent).join(', ');
        const finding: PlanFinding = {
          nodeId: node.id,
          kind: 'nested-loop-seq-scan',
          message:
            `Nested Loop scans ${target} sequentially ${count(inner.loops!)} times ` +
            `(${count(perLoop)} rows read each time): ` +
            (list
              ? `an index on ${target} (${list}) may help.`
              : 'an index on its join column may help.'),
        };
        if (list && relation) finding.suggestion = `CREATE INDEX ON ${name} (${list})`;
        return finding;
      },
    },
  ];
}

/** Misestimates where they start: a scan of a table, or a node none of whose children is off. */
function misestimate(node: PlanNode, flat: FlatNode[]): Draft[] {
  const off = node.misestimate;
  if (!off) return [];
  const relation = relationOf(node);
  if (!relation && flat.some((f) => f.node.parentId === node.id && f.node.misestimate)) return [];
  const rows = `${rowCount(node.rowsPlanned)} estimated per loop, ${count(node.rowsActual ?? 0)} came`;
  const factor = `${count(off.factor)}× ${off.direction === 'under' ? 'more' : 'fewer'}`;
  return [
    {
      ...(relation ? { relation } : {}),
      make: (stats, name) => {
        const finding: PlanFinding = {
          nodeId: node.id,
          kind: 'misestimate',
          message: `${describe(node)}: ${rows} (${factor}).`,
        };
        if (!relation) {
          finding.message += ' The planner may have chosen its join or aggregate on a wrong count.';
          return finding;
        }
        const last = stats?.lastAnalyze ?? null;
        const auto = stats?.lastAutoanalyze ?? null;
        const analyzed = stats
          ? last || auto
            ? `last analyzed ${[last && `${last} (ANALYZE)`, auto && `${auto} (autovacuum)`].filter(Boolean).join(', ')}`
            : 'never analyzed'
          : 'its analyze dates unknown';
        const changed =
          stats?.modifiedSinceAnalyze != null
            ? `, ${count(stats.modifiedSinceAnalyze)} rows changed since`
            : '';
        finding.message += ` The statistics of ${name} may be stale (${analyzed}${changed}): ANALYZE may fix the estimate.`;
        finding.suggestion = `ANALYZE ${name}`;
        return finding;
      },
    },
  ];
}
