import type { ExplainOptions, PlanNode, PlanReply } from '../../../app/common/plan-shapes';
import { queryEnd } from '../../support/queries';
import type { SchemaTarget } from '../../support/schema-targets';

/** Runs `sql` in tab `tabId` (a SET that stays, a table made…); fails the test on an error. */
export async function inTab(t: SchemaTarget, tabId: string, sql: string): Promise<void> {
  const { queryId } = await t.call('queries.execute', { connectionId: t.connectionId, sql, tabId });
  const end = await queryEnd(t.socket, queryId, 120_000);
  if (end.event !== 'query.completed') throw new Error(`${sql}: ${JSON.stringify(end.payload)}`);
}

/** `queries.explain` of `sql` in tab `tabId`, then `queries.plan` of its result. */
export async function explainPlan(
  t: SchemaTarget,
  sql: string,
  {
    tabId,
    analyze = true,
    options = {},
  }: {
    tabId?: string;
    analyze?: boolean;
    options?: ExplainOptions;
  } = {},
): Promise<PlanReply> {
  const { queryId } = await t.call('queries.explain', {
    connectionId: t.connectionId,
    sql,
    analyze,
    options,
    ...(tabId ? { tabId } : {}),
  });
  const end = await queryEnd(t.socket, queryId, 120_000);
  if (end.event !== 'query.completed') throw new Error(`${sql}: ${JSON.stringify(end.payload)}`);
  return (await t.call('queries.plan', { queryId })) as PlanReply;
}

/** The JSON's nodes flat in pre-order, as the test reads them itself. */
export function jsonNodes(reply: PlanReply): Record<string, unknown>[] {
  const top = (JSON.parse(reply.json!) as Record<string, unknown>[])[0]!;
  const out: Record<string, unknown>[] = [];
  const walk = (node: Record<string, unknown>) => {
    out.push(node);
    for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(top['Plan'] as Record<string, unknown>);
  return out;
}

/** The JSON's Execution Time. */
export function jsonExecutionMs(reply: PlanReply): number {
  return (JSON.parse(reply.json!) as Record<string, number>[])[0]!['Execution Time']!;
}

/** The nodes of type `type`. */
export function nodesOf(reply: PlanReply, type: string): PlanNode[] {
  return reply.nodes.filter((n) => n.nodeType === type);
}
