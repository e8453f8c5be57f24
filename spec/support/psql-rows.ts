import { execFileSync } from 'node:child_process';
import type { PgServerInfo } from './postgres';

/** Stands for NULL in psql's output (a text no test value holds). */
const NULL = '\u2400NULL\u2400';

/**
 * What `psql -X -At` prints for `sql` on the shared server, logged in as `role` with
 * `password` (TLS required), as rows of cells: null for NULL, every other cell as psql
 * writes it. PGTZ and PGDATESTYLE are left out, so the role's own settings apply.
 */
export function psqlRows(
  pg: PgServerInfo,
  login: { role: string; password: string },
  sql: string,
): (string | null)[][] {
  const env: NodeJS.ProcessEnv = { ...process.env, PGPASSWORD: login.password };
  delete env['PGTZ'];
  delete env['PGDATESTYLE'];
  const out = execFileSync(
    'psql',
    [
      '-X',
      '-At',
      '-F',
      '\x1f',
      '-R',
      '\x1e',
      '-P',
      `null=${NULL}`,
      '-c',
      sql,
      '-d',
      `host=${pg.host} port=${pg.port} dbname=${pg.database} user=${login.role} sslmode=require`,
    ],
    { encoding: 'utf8', env },
  );
  return out
    .replace(/\n$/, '')
    .split('\x1e')
    .map((row) => row.split('\x1f').map((cell) => (cell === NULL ? null : cell)));
}
