import type { ConnectionConfig } from '../connections/connection-config';
import type { EphemeralConnections } from '../connections/ephemeral-connections';
import type { CredentialService } from '../credentials/credentials';
import type { DemoDatabase } from './demo-database';

/**
 * The demo connection's id: the same every run, so a tab left on the demo database finds it
 * again at the next `--demo` (its port changes; the id does not).
 */
export const DEMO_CONNECTION_ID = '7a9e2bdb-22be-4605-98a2-6e048a58db36';

/** Where the demo database is and how to log in (a running {@link DemoDatabase}). */
export type DemoServer = Pick<
  DemoDatabase,
  'host' | 'port' | 'database' | 'username' | 'password' | 'pid' | 'dir'
>;

/**
 * Lists the running demo database as the connection "Demo" (or "Demo (embedded)" when the
 * user saved one named Demo) for this run only: never written to `tusk.db`, its password
 * kept in the credential store's run-only memory (never the keychain), so the first
 * `connections.connect` logs in. Never throws for a running demo server.
 */
export function addDemoConnection(
  demo: DemoServer,
  ephemeral: EphemeralConnections,
  credentials: CredentialService,
): ConnectionConfig {
  const config = ephemeral.add(
    {
      id: DEMO_CONNECTION_ID,
      name: 'Demo',
      host: demo.host,
      port: demo.port,
      database: demo.database,
      username: demo.username,
      // The embedded server listens on 127.0.0.1 without TLS.
      sslMode: 'disable',
      color: 'teal',
    },
    { demo: true, fallbackName: 'Demo (embedded)' },
  );
  credentials.remember('db', config.id, demo.password);
  return config;
}
