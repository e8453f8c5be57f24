import { TuskError } from '../errors/errors';

/** One node of EXPLAIN's JSON as the server sent it (keys as EXPLAIN names them). */
export type RawNode = Record<string, unknown> & { Plans?: RawNode[] };

/** The top object of `EXPLAIN (FORMAT JSON)`: the plan and what is said around it. */
export interface RawPlan {
  Plan: RawNode;
  top: Record<string, unknown>;
  /**
   * The server prints actual rows with two decimals (PostgreSQL 18): the text rendering
   * shows them so.
   */
  fractionalRows: boolean;
  /**
   * VERBOSE's "Query Identifier" as the server wrote it (a 64-bit integer: read from the
   * text, since a JavaScript number would round it).
   */
  queryIdentifier?: string;
}

/**
 * The JSON text of an `EXPLAIN (FORMAT JSON)` result read: an array holding one object
 * with a `Plan` object.
 * @throws TuskError `validation` `NOT_A_PLAN` for anything else.
 */
export function parsePlanJson(json: string): RawPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw notAPlan('This result is not JSON');
  }
  const top: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isObject(top) || !isObject(top['Plan']) || typeof top['Plan']['Node Type'] !== 'string') {
    throw notAPlan('This JSON is not an EXPLAIN plan');
  }
  if (!validNode(top['Plan'], 0)) throw notAPlan('This JSON plan has a node without its type');
  return {
    Plan: top['Plan'] as RawNode,
    top,
    fractionalRows: /"Actual Rows": \d+\.\d/.test(json),
    ...queryIdentifierOf(json),
  };
}

function validNode(node: Record<string, unknown>, depth: number): boolean {
  if (typeof node['Node Type'] !== 'string' || depth > 10_000) return false;
  const plans = node['Plans'];
  if (plans === undefined) return true;
  return Array.isArray(plans) && plans.every((p) => isObject(p) && validNode(p, depth + 1));
}

function notAPlan(message: string): TuskError {
  return new TuskError('validation', message, {
    code: 'NOT_A_PLAN',
    hint: 'A plan comes from EXPLAIN (FORMAT JSON): an array holding one object with a "Plan".',
  });
}

/** `value` is a plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `node[key]` as a number, or undefined when it is not one. */
export function num(node: Record<string, unknown>, key: string): number | undefined {
  const value = node[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `node[key]` as a string, or undefined when it is not one. */
export function str(node: Record<string, unknown>, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

/** The children of a node (none when it has no `Plans`). */
export function childrenOf(node: RawNode): RawNode[] {
  return Array.isArray(node.Plans) ? node.Plans : [];
}

/** The top level's "Query Identifier" digits, when the plan has one. */
function queryIdentifierOf(json: string): { queryIdentifier?: string } {
  const found = /"Query Identifier": (-?\d+)/.exec(json);
  return found ? { queryIdentifier: found[1]! } : {};
}
