import { join } from 'node:path';
import type { PgServerInfo } from './postgres';
import { startSupervised, type Supervised } from './supervised';

/**
 * Starts a real PgBouncer in transaction pooling mode in front of `server` (its superuser
 * may log in through it with the same password). Its `info` is the same login as
 * `server`'s, on PgBouncer's port; `stop()` ends it and removes its files.
 */
export async function startPgBouncer(server: PgServerInfo): Promise<Supervised<PgServerInfo>> {
  const bouncer = await startSupervised<{ host: string; port: number }>(process.execPath, [
    join(__dirname, 'pgbouncer-server.mjs'),
    '--target',
    `${server.host}:${server.port}`,
    '--user',
    server.username,
    '--password',
    server.password,
  ]);
  return {
    ...bouncer,
    info: { ...server, host: bouncer.info.host, port: bouncer.info.port, tls: 'off' },
  };
}
