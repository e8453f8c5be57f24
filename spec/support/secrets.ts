import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { superuserSql, type PgServerInfo } from './postgres';
import type { Params } from './socket';

/** What `connections.save` takes. */
export type SaveParams = Params<'connections.save'>;

/** Every file below `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The files below `dir` that contain any of `secrets` (as bytes): `[file, secret]` pairs. */
export function filesContaining(dir: string, secrets: string[]): [string, string][] {
  return filesUnder(dir).flatMap((file) => {
    const bytes = readFileSync(file);
    return secrets.filter((s) => bytes.includes(s)).map((s): [string, string] => [file, s]);
  });
}

/** A login role made for one spec, with a password unlike any other. */
export interface TestRole {
  role: string;
  password: string;
  /** A suffix unique to this role, for other names in the spec. */
  suffix: string;
  /**
   * `connections.save` params for this role on its server (SSL mode require, password
   * remembered); `extra` fields win.
   */
  saveParams(name: string, extra?: Partial<SaveParams>): SaveParams;
  /** Terminates every backend of this role (as the superuser); resolves with how many. */
  terminateBackends(): Promise<number>;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` with a password containing URL-special characters. */
export async function createLoginRole(pg: PgServerInfo, prefix: string): Promise<TestRole> {
  const suffix = randomBytes(4).toString('hex');
  const role = `${prefix}_${suffix}`;
  const password = `Pw/${suffix}@x:${prefix}`;
  const sql = superuserSql(pg);
  await sql.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await sql.end();
  return {
    role,
    password,
    suffix,
    saveParams: (name, extra = {}) => ({
      name,
      host: pg.host,
      port: pg.port,
      database: pg.database,
      username: role,
      sslMode: 'require',
      password,
      rememberPasswords: true,
      ...extra,
    }),
    async terminateBackends() {
      const admin = superuserSql(pg);
      const rows =
        await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ${role}`;
      await admin.end();
      return rows.length;
    },
    async drop() {
      const admin = superuserSql(pg);
      await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    },
  };
}
