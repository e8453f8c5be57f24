import { join } from 'node:path';
import { startSupervised, type Supervised } from './supervised';

/** Debian's PostgreSQL 15 server (see debian-pg-server.mjs): where, and its programs' folder. */
export interface DebianPg {
  host: string;
  port: number;
  /** `/usr/lib/postgresql/15/bin`: psql, pg_dump and the server of the same version. */
  bin: string;
  /** The cluster's folder (deleted when the harness stops). */
  dir: string;
}

/** Starts a fresh cluster of Debian's PostgreSQL 15; `stop()` ends it and removes it. */
export function startDebianPg(): Promise<Supervised<DebianPg>> {
  return startSupervised<DebianPg>(process.execPath, [join(__dirname, 'debian-pg-server.mjs')]);
}
