import type { ServerSetting } from '../../common/activity-shapes';
import type { SessionQueries } from '../connections/pool-session';

/**
 * The server's settings (`pg_settings`, what the role may see), those changed from their
 * defaults first (a source other than `default` or `override`: the configuration file,
 * ALTER SYSTEM, the command line, a database's or role's setting, the session), then by name.
 */
export async function serverSettings(db: SessionQueries): Promise<ServerSetting[]> {
  const rows = await db.query<ServerSetting>(
    `SELECT name, coalesce(setting, '') AS setting, unit, category,
            coalesce(short_desc, '') AS description, source,
            source NOT IN ('default', 'override') AS changed
       FROM pg_settings
      ORDER BY source NOT IN ('default', 'override') DESC, name`,
  );
  return rows.map((r) => ({ ...r, unit: r.unit ?? null }));
}
