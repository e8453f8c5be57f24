import type { DatabaseReport } from '../../common/activity-shapes';
import type { SessionQueries } from '../connections/pool-session';
import { fromJson } from './activity-queries';

/** How many of the largest tables and indexes, unused indexes and dead-tuple tables. */
export const REPORT_ROWS = 20;

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;

/** The report's SQL: one statement, one row of JSON arrays. */
const REPORT_SQL = `SELECT pg_is_in_recovery() AS standby,
  (SELECT json_agg(d ORDER BY d.bytes DESC NULLS LAST) FROM (
     SELECT datname AS name,
            CASE WHEN has_database_privilege(oid, 'CONNECT') THEN pg_database_size(oid) END AS bytes
       FROM pg_database WHERE datallowconn) d) AS databases,
  (SELECT json_agg(t) FROM (
     SELECT n.nspname AS schema, c.relname AS name, pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm') AND ${USER_SCHEMAS}
      ORDER BY 3 DESC LIMIT ${REPORT_ROWS}) t) AS tables,
  (SELECT json_agg(t) FROM (
     SELECT n.nspname AS schema, c.relname AS name, pg_relation_size(c.oid) AS bytes,
            t.relname AS "table"
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_SCHEMAS}
      ORDER BY 3 DESC LIMIT ${REPORT_ROWS}) t) AS indexes,
  (SELECT json_agg(t) FROM (
     SELECT s.schemaname AS schema, s.indexrelname AS name,
            pg_relation_size(s.indexrelid) AS bytes, s.relname AS "table"
       FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
      WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
      ORDER BY 3 DESC, 1, 2 LIMIT ${REPORT_ROWS}) t) AS "unusedIndexes",
  (SELECT json_agg(t) FROM (
     SELECT schemaname AS schema, relname AS name, n_live_tup AS live, n_dead_tup AS dead,
            last_vacuum AS "lastVacuum", last_autovacuum AS "lastAutovacuum",
            last_analyze AS "lastAnalyze", last_autoanalyze AS "lastAutoanalyze"
       FROM pg_stat_user_tables WHERE n_dead_tup > 0
      ORDER BY n_dead_tup DESC LIMIT ${REPORT_ROWS}) t) AS "deadTuples",
  (SELECT json_agg(json_build_object('client', host(client_addr), 'state', state,
            'sentLsn', sent_lsn::text, 'replayLsn', replay_lsn::text,
            'replayLagMs', extract(epoch FROM replay_lag) * 1000))
     FROM pg_stat_replication) AS standbys,
  pg_last_xact_replay_timestamp() AS "lastReplayAt",
  extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000 AS "replayLagMs"`;

type Row = Record<string, unknown>;

/**
 * `activity.database`: sizes of the databases (null where the role may not connect), the
 * largest tables (with their indexes and TOAST) and indexes of this database, its unused
 * indexes (`idx_scan = 0`, unique and primary keys left out: they enforce a constraint),
 * its tables with dead tuples and their last (auto)vacuum and analyze, and replication:
 * the standbys of a primary (`pg_stat_replication`, empty for a role without
 * `pg_read_all_stats`), or a standby's replay lag (null before anything was replayed).
 */
export async function databaseReport(db: SessionQueries): Promise<DatabaseReport> {
  const [row] = await db.query<Row>(REPORT_SQL);
  const list = <T>(key: string) => fromJson<T[]>(row?.[key] as T[] | string | null) ?? [];
  const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const iso = (value: unknown) =>
    value === null || value === undefined ? null : new Date(value as string).toISOString();
  const sized = <T extends { bytes: unknown }>(r: T) => ({ ...r, bytes: Number(r.bytes) });
  return {
    databases: list<{ name: string; bytes: unknown }>('databases').map((d) => ({
      name: d.name,
      bytes: num(d.bytes),
    })),
    tables: list<{ schema: string; name: string; bytes: unknown }>('tables').map(sized),
    indexes: list<{ schema: string; name: string; table: string; bytes: unknown }>('indexes').map(
      sized,
    ),
    unusedIndexes: list<{ schema: string; name: string; table: string; bytes: unknown }>(
      'unusedIndexes',
    ).map(sized),
    deadTuples: list<Row>('deadTuples').map((t) => ({
      schema: String(t['schema']),
      name: String(t['name']),
      live: Number(t['live']),
      dead: Number(t['dead']),
      lastVacuum: iso(t['lastVacuum']),
      lastAutovacuum: iso(t['lastAutovacuum']),
      lastAnalyze: iso(t['lastAnalyze']),
      lastAutoanalyze: iso(t['lastAutoanalyze']),
    })),
    replication: row?.['standby']
      ? {
          role: 'standby',
          replayLagMs: num(row['replayLagMs']),
          lastReplayAt: iso(row['lastReplayAt']),
        }
      : {
          role: 'primary',
          standbys: list<Row>('standbys').map((s) => ({
            client: (s['client'] as string | null) ?? null,
            state: (s['state'] as string | null) ?? null,
            sentLsn: (s['sentLsn'] as string | null) ?? null,
            replayLsn: (s['replayLsn'] as string | null) ?? null,
            replayLagMs: num(s['replayLagMs']),
          })),
        },
  };
}
