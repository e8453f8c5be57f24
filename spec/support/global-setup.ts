import { pgServerFromUrl, startPgServer } from './postgres';
import { startSecretService } from './secret-service';
import type { Supervised } from './supervised';

const started: Supervised<unknown>[] = [];

/**
 * Starts the shared harnesses for every test file and hands their details to the workers
 * through the real environment (jest sandboxes process.env inside tests, so native code
 * like libsecret would not see values set there):
 * - PostgreSQL with TLS on (TUSK_TEST_PG), unless PGTEST_URL names an existing server;
 * - a private Secret Service session (DBUS_SESSION_BUS_ADDRESS), so no test ever touches
 *   the developer's own keyring.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env['PGTEST_URL'];
  const [pg, secrets] = await Promise.all([url ? null : startPgServer('on'), startSecretService()]);
  if (pg) started.push(pg);
  started.push(secrets);
  process.env['TUSK_TEST_PG'] = JSON.stringify(pg ? pg.info : pgServerFromUrl(url!));
  process.env['DBUS_SESSION_BUS_ADDRESS'] = secrets.info.address;
  (globalThis as { tuskHarnesses?: Supervised<unknown>[] }).tuskHarnesses = started;
}
