/**
 * Statements a client asks about before it runs them, found in the parse tree (never by
 * pattern): an `UPDATE` or `DELETE` without `WHERE` (anywhere in the statement, a
 * data-modifying `WITH` included), and `TRUNCATE`.
 */

/** What makes a statement worth a question before it runs. */
export type Danger = 'update-without-where' | 'delete-without-where' | 'truncate';

/** The first {@link Danger} of a parsed statement node (`{UpdateStmt: …}`), or null. */
export function dangerOf(node: Record<string, unknown>): Danger | null {
  let found: Danger | null = null;
  const visit = (value: unknown): void => {
    if (found || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (found) return;
      const body = child as { whereClause?: unknown } | null;
      if (key === 'TruncateStmt') found = 'truncate';
      else if (key === 'UpdateStmt' && body && body.whereClause === undefined)
        found = 'update-without-where';
      else if (key === 'DeleteStmt' && body && body.whereClause === undefined)
        found = 'delete-without-where';
      else visit(child);
    }
  };
  visit(node);
  return found;
}
