import type { StatementsReport, TopStatement } from '../../common/activity-shapes';
import type { SessionQueries } from '../connections/pool-session';
import { isPostgresError } from '../errors/postgres-errors';

/** How many statements `activity.statements` lists (the database's heaviest by total time). */
export const TOP_STATEMENTS = 100;

/** How to get `pg_stat_statements`, for a report without it. */
export const ENABLE_STATEMENTS =
  "Add pg_stat_statements to shared_preload_libraries (postgresql.conf, or ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements' as a superuser), restart the server, then run CREATE EXTENSION pg_stat_statements in this database (as a superuser or the database's owner).";

/**
 * The top statements of `pg_stat_statements` in the connection's database (what Explain and
 * "Open in a new tab" can run there) by total time, or why there are none (not
 * installed in this database, or not loaded by the server) and how to enable it. Its
 * columns follow the installed version: `total_exec_time`/`mean_exec_time` from 1.8,
 * `total_time`/`mean_time` before; they are probed, not assumed. Another role's statement
 * shows `<insufficient privilege>` without `pg_read_all_stats`, as the server says.
 */
export async function topStatements(db: SessionQueries): Promise<StatementsReport> {
  const [probe] = await db.query<{
    version: string | null;
    schema: string | null;
    columns: string | null;
    preload: string | null;
    database: string;
  }>(
    `SELECT e.extversion AS version, n.nspname AS schema, current_database() AS database,
            (SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries') AS preload,
            (SELECT string_agg(a.attname::text, ',') FROM pg_attribute a
              WHERE a.attrelid = to_regclass(quote_ident(n.nspname) || '.pg_stat_statements')
                AND a.attnum > 0) AS columns
       FROM (SELECT 1) one
       LEFT JOIN pg_extension e ON e.extname = 'pg_stat_statements'
       LEFT JOIN pg_namespace n ON n.oid = e.extnamespace`,
  );
  const loaded = probe?.preload == null ? null : /\bpg_stat_statements\b/.test(probe.preload);
  if (!probe?.version || !probe.schema || !probe.columns) {
    const notLoaded = loaded === false ? ', and the server does not load it' : '';
    return {
      available: false,
      reason: `pg_stat_statements is not installed in database ${probe?.database ?? ''}${notLoaded}`,
      howTo: ENABLE_STATEMENTS,
    };
  }
  const has = new Set(probe.columns.split(','));
  const total = has.has('total_exec_time') ? 'total_exec_time' : 'total_time';
  const mean = has.has('mean_exec_time') ? 'mean_exec_time' : 'mean_time';
  const view = `${quoteIdent(probe.schema)}.pg_stat_statements`;
  try {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT s.queryid::text AS "queryId", s.query, r.rolname AS "user", d.datname AS database,
              s.calls, s.${total} AS "totalMs", s.${mean} AS "meanMs", s.rows,
              s.shared_blks_hit AS "sharedBlocksHit", s.shared_blks_read AS "sharedBlocksRead",
              s.temp_blks_read AS "tempBlocksRead", s.temp_blks_written AS "tempBlocksWritten"
         FROM ${view} s
         LEFT JOIN pg_roles r ON r.oid = s.userid
         LEFT JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database()
        ORDER BY s.${total} DESC
        LIMIT ${TOP_STATEMENTS}`,
    );
    return { available: true, version: probe.version, statements: rows.map(statementOf) };
  } catch (error) {
    // 55000: installed in this database, but the server did not load the library.
    if (!isPostgresError(error) || error.code !== '55000') throw error;
    return {
      available: false,
      reason: `pg_stat_statements is installed in database ${probe.database} but the server does not load it (${error.message})`,
      howTo: ENABLE_STATEMENTS,
    };
  }
}

function statementOf(row: Record<string, unknown>): TopStatement {
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    queryId: (row['queryId'] as string | null) ?? null,
    query: String(row['query'] ?? ''),
    user: (row['user'] as string | null) ?? null,
    database: (row['database'] as string | null) ?? null,
    calls: n('calls'),
    totalMs: n('totalMs'),
    meanMs: n('meanMs'),
    rows: n('rows'),
    sharedBlocksHit: n('sharedBlocksHit'),
    sharedBlocksRead: n('sharedBlocksRead'),
    tempBlocksRead: n('tempBlocksRead'),
    tempBlocksWritten: n('tempBlocksWritten'),
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
