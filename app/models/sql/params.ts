import { scanTokens } from './pg-parser';

/** A `$` followed by a digit: the only texts worth reading for parameters. */
const MAY_HAVE_PARAMS = /\$\d/;

/**
 * How many parameters (`$1…$n`) a statement needs: the highest `$n` in its parse tree
 * (PostgreSQL then expects `$1` to `$n`, also the ones the text skips). The `$n` of a
 * `PREPARE … AS` body and of a SQL-standard function body (`BEGIN ATOMIC`, `RETURN`) are
 * their own statement's and function's arguments, not the client's: not counted. A
 * statement the parser rejects is read by PostgreSQL's scanner instead (its `PARAM`
 * tokens), and counts 0 when even the scanner gives up (an unterminated quote). The
 * parser must be loaded. Never throws.
 */
export function parameterCount(text: string, nodes: readonly unknown[] | null): number {
  if (!MAY_HAVE_PARAMS.test(text)) return 0;
  if (nodes) return nodes.reduce<number>((max, node) => highestIn(node, max), 0);
  try {
    return scanTokens(text)
      .filter((t) => t.name === 'PARAM')
      .reduce((max, t) => Math.max(max, Number(t.text.slice(1)) || 0), 0);
  } catch {
    return 0;
  }
}

/** The highest `ParamRef` number under `node`, or `max` when none is higher. */
function highestIn(node: unknown, max: number): number {
  if (Array.isArray(node)) {
    for (const item of node) max = highestIn(item, max);
    return max;
  }
  if (node === null || typeof node !== 'object') return max;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'ParamRef') {
      const n = (value as { number?: unknown }).number;
      if (typeof n === 'number' && n > max) max = n;
    } else if (key === 'PrepareStmt') {
      // The prepared statement's own parameters.
    } else if (key === 'CreateFunctionStmt') {
      for (const [field, part] of Object.entries(value as Record<string, unknown>)) {
        if (field !== 'sql_body') max = highestIn(part, max);
      }
    } else {
      max = highestIn(value, max);
    }
  }
  return max;
}
