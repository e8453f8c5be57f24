import { formatDialect, postgresql } from 'sql-formatter';

/**
 * Formats PostgreSQL with sql-formatter's PostgreSQL dialect (only that dialect is
 * bundled, through `formatDialect`): two-space indent, keywords and names in the case they
 * were typed, one blank line between statements. White space around `sql` is kept as it
 * was, so a selection keeps its place in the lines around it.
 * @throws Error from sql-formatter when it cannot parse the text (its message says where).
 */
export function formatSql(sql: string): string {
  const lead = /^\s*/.exec(sql)![0];
  const trail = /\s*$/.exec(sql.slice(lead.length))![0];
  const body = sql.slice(lead.length, sql.length - trail.length);
  if (!body) return sql;
  const formatted = formatDialect(body, {
    dialect: postgresql,
    tabWidth: 2,
    keywordCase: 'preserve',
    linesBetweenQueries: 1,
  });
  return lead + formatted + trail;
}
