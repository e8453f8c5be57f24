import type { ConnectionConfig } from './connection-config';
import { testConnection, type ConnectionTestResult } from './connection-test';
import type { CredentialService } from '../credentials/credentials';
import { explainPassword, routeTo, type TypedSecrets } from './connection-route';

/** A test of a saved connection: the server found, and the SSH host key seen, if any. */
export interface SavedConnectionTestResult extends ConnectionTestResult {
  /** `SHA256:…` of the SSH server when the connection has a tunnel (to confirm on first use). */
  sshHostKey?: string;
}

/**
 * Tests a saved connection: secrets typed now, else from the credential store; through its
 * SSH tunnel when it has one. A stored password that the server refuses, or none when the
 * server wants one, is an `authentication` error saying what to do.
 * @throws TuskError as {@link testConnection} and openSshTunnel do.
 */
export async function testSavedConnection(
  config: ConnectionConfig,
  credentials: CredentialService,
  typed: TypedSecrets = {},
): Promise<SavedConnectionTestResult> {
  const route = await routeTo(config, credentials, typed);
  try {
    const result = await testConnection(route.login, {
      deadline: route.deadline,
      target: route.target,
      tunnelled: route.tunnel !== undefined,
    });
    return route.tunnel ? { ...result, sshHostKey: route.tunnel.hostKey } : result;
  } catch (error) {
    throw explainPassword(error, config, route.source);
  } finally {
    await route.tunnel?.close();
  }
}
