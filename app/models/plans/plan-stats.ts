import type { LiveConnections } from '../connections/live-connections';
import type { RelationStats, StatsLookup } from './stats-lookup';

/** Each relation asked, resolved as the pool's sessions resolve names, with its statistics. */
const STATS_SQL = `
SELECT r.key, format('%I.%I', n.nspname, c.relname) AS qualified,
       s.last_analyze::text AS last_analyze, s.last_autoanalyze::text AS last_autoanalyze,
       s.n_mod_since_analyze::text AS modified
  FROM json_to_recordset($1::text::json) AS r(key text, schema text, name text)
  JOIN pg_class c ON c.oid = to_regclass(CASE WHEN r.schema IS NULL THEN quote_ident(r.name)
                                              ELSE quote_ident(r.schema) || '.' || quote_ident(r.name) END)
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid`;

/**
 * The catalog's statistics facts of relations a plan names, read in one query on a pool
 * session of connection `connectionId` (never a tab's, which may be in a failed
 * transaction). A connection closed meanwhile, or a refused query, gives an empty map:
 * the findings then say less, never fail.
 */
export function planStats(live: LiveConnections, connectionId: string): StatsLookup {
  return async (relations) => {
    const found = new Map<string, RelationStats>();
    const pool = live.pool(connectionId);
    if (!pool || pool.closed || relations.length === 0) return found;
    const asked = relations.map((r) => ({
      key: r.schema === undefined ? r.name : `${r.schema}.${r.name}`,
      schema: r.schema ?? null,
      name: r.name,
    }));
    let rows: Record<string, unknown>[];
    try {
      rows = await pool.run((session) => session.query(STATS_SQL, [JSON.stringify(asked)]));
    } catch {
      return found;
    }
    for (const row of rows) {
      const text = (key: string) => (row[key] == null ? null : String(row[key]));
      const modified = text('modified');
      found.set(String(row['key']), {
        qualified: String(row['qualified']),
        lastAnalyze: text('last_analyze'),
        lastAutoanalyze: text('last_autoanalyze'),
        modifiedSinceAnalyze: modified === null ? null : Number(modified),
      });
    }
    return found;
  };
}
