import { parseStatements } from '../sql/pg-parser';

/** At most this many columns are named for an index. */
const MAX_COLUMNS = 3;

/** How a column is compared: equality first in an index, then ranges; others not at all. */
const EQUALITY = 0;
const RANGE = 1;
const FUNCTION = 2;

function rankOf(kind: string | undefined, operator: string | undefined): number {
  if (kind === 'AEXPR_IN' || (kind === 'AEXPR_OP_ANY' && operator === '=')) return EQUALITY;
  if (kind === 'AEXPR_BETWEEN') return RANGE;
  if (kind === 'AEXPR_OP' && operator === '=') return EQUALITY;
  if (kind === 'AEXPR_OP' && ['<', '>', '<=', '>=', '~~'].includes(operator ?? '')) return RANGE;
  return FUNCTION;
}

/**
 * The columns of the relation scanned as `alias` that a plan's condition text (`Filter:
 * ((t.v = 42) AND (s ~~ 'a%'::text))`) compares as an index can use them — those compared
 * by equality first, then by range (`<`, `BETWEEN`, `LIKE`), none compared otherwise
 * (`<>`, inside a function call) — in the order they come, read with
 * PostgreSQL's parser (loaded): a column named without a qualifier is the relation's, one
 * qualified by another alias is not. References to SubPlans and InitPlans are left out; a
 * text the parser refuses gives none.
 */
export function filterColumns(condition: string, alias: string | undefined): string[] {
  const text = condition.replace(
    /\((?:hashed )?(?:SubPlan|InitPlan) \d+\)(?:\.col\d+)?|\$\d+/g,
    'NULL',
  );
  let where: unknown;
  try {
    const [statement] = parseStatements(`SELECT 1 WHERE ${text}`);
    where = (statement?.stmt['SelectStmt'] as Record<string, unknown> | undefined)?.['whereClause'];
  } catch {
    return [];
  }
  const ranks = new Map<string, number>();
  const walk = (value: unknown, rank: number): void => {
    if (Array.isArray(value)) {
      value.forEach((v) => walk(v, rank));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Record<string, unknown>;
    const ref = node['ColumnRef'] as { fields?: { String?: { sval?: string } }[] } | undefined;
    if (ref) {
      const names = (ref.fields ?? []).map((f) => f.String?.sval);
      if (names.some((n) => n === undefined)) return;
      const [first, second] = names as string[];
      const column =
        names.length === 1 ? first : names.length === 2 && first === alias ? second : undefined;
      if (column !== undefined) ranks.set(column, Math.min(ranks.get(column) ?? rank, rank));
      return;
    }
    const expr = node['A_Expr'] as { kind?: string; name?: { String?: { sval?: string } }[] };
    if (expr) {
      walk(Object.values(expr), rankOf(expr.kind, expr.name?.[0]?.String?.sval));
      return;
    }
    const inside = node['FuncCall'] ? FUNCTION : rank;
    Object.values(node).forEach((v) => walk(v, inside));
  };
  walk(where, RANGE);
  const columns = [...ranks.entries()]
    .filter(([, rank]) => rank < FUNCTION)
    .sort((a, b) => a[1] - b[1])
    .map(([column]) => column);
  return columns.slice(0, MAX_COLUMNS);
}
