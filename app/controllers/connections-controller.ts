import { z } from 'zod';
import { CONNECTION_RANGES, CONNECTION_TEXT_MAX } from '../common/connection-limits';
import {
  connectionInputSchema,
  sshTunnelSchema,
  wholeIn,
  type ConnectionConfig,
  type ConnectionInput,
} from '../models/connections/connection-config';
import { testConnection } from '../models/connections/connection-test';
import { parseConnectionUrl } from '../models/connections/connection-url';
import type { ConnectionsRepository } from '../models/connections/connections-repository';
import { EphemeralConnections } from '../models/connections/ephemeral-connections';
import type { CredentialService, SecretKind } from '../models/credentials/credentials';
import type { LiveConnections, PoolDefaults } from '../models/connections/live-connections';
import { testSavedConnection } from '../models/connections/saved-connection-test';
import {
  keepTypedSecrets,
  SECRET_NAMES,
  staleSecrets,
  type SecretName,
} from '../models/connections/secret-binding';
import { completeLogin, SSL_MODES } from '../models/connections/server-login';
import type { TabSessions } from '../models/sessions/tab-sessions';
import { warmUpSql } from '../models/sql/warm-up';
import { TuskError } from '../models/errors/errors';
import { action, type CallContext } from './action';
import type { ConnectionView } from './events';

const secret = z.string().min(1).max(CONNECTION_TEXT_MAX.secret);
const identifier = z.string().min(1).max(CONNECTION_TEXT_MAX.identifier);

/** A server to reach: a connection URL, fields, or both (fields win over the URL's). */
const loginParams = z
  .object({
    url: z.string().max(CONNECTION_TEXT_MAX.url).optional(),
    host: z.string().min(1).max(CONNECTION_TEXT_MAX.host).optional(),
    port: wholeIn(CONNECTION_RANGES.port).optional(),
    username: identifier.optional(),
    database: identifier.optional(),
    password: z.string().max(CONNECTION_TEXT_MAX.secret).optional(),
    sslMode: z.enum(SSL_MODES).optional(),
    sslRootCert: z.string().min(1).max(CONNECTION_TEXT_MAX.path).optional(),
    connectTimeoutMs: wholeIn(CONNECTION_RANGES.connectTimeoutMs).optional(),
    /** Send the password if the server asks for it in clear text without TLS (default no). */
    allowCleartextPassword: z.boolean().optional(),
  })
  .strict();

/**
 * A saved connection to test or connect, with secrets typed now (else the stored ones) and,
 * on first use of its SSH server, the host key the user confirmed.
 */
const savedParams = z
  .object({
    id: z.uuid(),
    password: secret.optional(),
    sshPassword: secret.optional(),
    sshPassphrase: secret.optional(),
    acceptHostKey: sshTunnelSchema.shape.hostKey.unwrap().unwrap().optional(),
  })
  .strict();

/**
 * A connect: a saved connection as above, and `remember` to keep the secrets typed now once
 * the connect succeeded (`true`: every one; a list: those named).
 */
const connectParams = savedParams
  .extend({
    remember: z
      .union([
        z.boolean(),
        z
          .array(z.enum(Object.keys(SECRET_NAMES) as [SecretName, ...SecretName[]]))
          .min(1)
          .max(3),
      ])
      .optional(),
  })
  .strict();

/** A connection to save, with its secrets and whether to keep them in the keychain. */
const saveParams = connectionInputSchema
  .extend({
    password: secret.optional(),
    sshPassword: secret.optional(),
    sshPassphrase: secret.optional(),
    /** true: keep the secrets given; false: forget every stored one; absent: leave them. */
    rememberPasswords: z.boolean().optional(),
  })
  .strict();

/**
 * `connections.list/save/delete` (saved connections; passwords only ever in the credential
 * store), `connections.connect/disconnect/status` (open pools and tunnels) and
 * `connections.test` (a URL/fields, or a saved connection by id). `ephemeral` connections
 * (the `--demo` one) are listed first and connect like saved ones; save and delete refuse them.
 * Every page hears what changed: `connections.changed` (the whole list) after a save, a
 * delete, a connect or a test of a saved connection; `connection.status` when one opens or
 * closes.
 */
export function createConnectionsController(
  connections: ConnectionsRepository,
  credentials: CredentialService,
  live: LiveConnections,
  poolDefaults: () => Promise<PoolDefaults>,
  tabs: TabSessions,
  ephemeral: EphemeralConnections = new EphemeralConnections(),
) {
  /**
   * Closes a connection's tab sessions and pool, refused while a tab has an open
   * transaction unless `force` (then nothing is committed).
   */
  const close = async (id: string, force: boolean | undefined): Promise<boolean> => {
    const open = tabs.openTransactions(id);
    if (open.length > 0 && !force) {
      throw new TuskError(
        'validation',
        `${open.length === 1 ? 'A tab has' : `${open.length} tabs have`} an open transaction on this connection`,
        {
          code: 'TRANSACTION_OPEN',
          hint: 'Commit or roll back in those tabs first, or pass force: true to roll them back.',
        },
      );
    }
    // The tabs' sessions end with the connection (TabSessions hears it close).
    return live.disconnect(id);
  };
  const withSecrets = async (
    configs: ConnectionConfig[],
    kind: { ephemeral: boolean; demo: boolean }[] = [],
  ): Promise<ConnectionView[]> => {
    const stored = await credentials.stored(configs.map((c) => c.id));
    return configs.map((c, i) => ({
      ...c,
      storedSecrets: stored.get(c.id) ?? [],
      ephemeral: kind[i]?.ephemeral ?? false,
      demo: kind[i]?.demo ?? false,
    }));
  };
  /** A connection by id: a run-only one (named as listed), else a saved one. */
  const resolve = async (id: string): Promise<ConnectionConfig> => {
    if (!ephemeral.has(id)) return connections.get(id);
    const names = (await connections.list()).map((c) => c.name);
    return ephemeral.get(id, names)!;
  };
  /**
   * Forgets the stored secrets a change takes elsewhere (another host, port or user; see
   * staleSecrets). Done before the change is saved: if the keychain fails, the connection
   * keeps its old settings with its secrets, never new settings with old secrets.
   * @throws TuskError `validation` for an unknown id, `credential` when the keychain fails.
   */
  const forgetMovedSecrets = async (change: ConnectionInput & { id: string }) => {
    const before = await connections.get(change.id);
    for (const kind of staleSecrets(before, change)) await credentials.delete(kind, before.id);
  };
  /**
   * After a successful connect or test: when, and the SSH host key confirmed on first use
   * (recorded only if the tunnel's server was not changed meanwhile). If this fails, a
   * connection just opened is closed again, so nothing stays open unseen.
   */
  const connected = async (config: ConnectionConfig, sshHostKey: string | null) => {
    if (ephemeral.has(config.id)) return ephemeral.markConnected(config.id);
    try {
      await connections.markConnected(config.id);
      if (config.sshTunnel && config.sshTunnel.hostKey === null && sshHostKey !== null)
        await connections.recordHostKey(config.id, sshHostKey, config.sshTunnel);
    } catch (error) {
      await live.disconnect(config.id);
      throw error;
    }
  };
  /** The run-only connections first, then the saved ones by name. */
  const list = async (): Promise<ConnectionView[]> => {
    const saved = await connections.list();
    const runOnly = ephemeral.list(saved.map((c) => c.name));
    return withSecrets(
      [...runOnly.map((e) => e.config), ...saved],
      runOnly.map((e) => ({ ephemeral: true, demo: e.demo })),
    );
  };
  /**
   * Tells every page the list as it is once the changes before it were told (one at a time,
   * so a slower list never overtakes a newer one). Never rejects: a list that cannot be
   * read is told by the next change or `connections.list`.
   */
  let telling: Promise<void> = Promise.resolve();
  const changed = (context: CallContext): Promise<void> =>
    (telling = telling.then(async () => {
      try {
        context.broadcast('connections.changed', { connections: await list() });
      } catch {
        // The change itself succeeded; the pages learn the list at the next one.
      }
    }));
  return {
    list: action(z.object({}).strict().optional(), list),
    save: action(
      saveParams,
      async ({ password, sshPassword, sshPassphrase, rememberPasswords, ...input }, context) => {
        if (input.id !== undefined) ephemeral.refuseChange(input.id, 'changed');
        if (input.id !== undefined) await forgetMovedSecrets({ ...input, id: input.id });
        const saved = await connections.save(input);
        if (rememberPasswords === false) await credentials.deleteAll(saved.id);
        if (rememberPasswords === true) {
          const given: [SecretKind, string | undefined][] = [
            ['db', password],
            ['ssh', sshPassword],
            ['ssh_key', sshPassphrase],
          ];
          for (const [kind, value] of given)
            if (value !== undefined) await credentials.set(kind, saved.id, value);
        }
        await changed(context);
        return (await withSecrets([saved]))[0]!;
      },
    ),
    delete: action(
      z.object({ id: z.uuid(), force: z.boolean().optional() }).strict(),
      async ({ id, force }, context) => {
        ephemeral.refuseChange(id, 'deleted');
        await connections.get(id);
        if (await close(id, force)) context.broadcast('connection.status', { id, status: null });
        await connections.delete(id);
        await credentials.deleteAll(id);
        await changed(context);
        return { deleted: id };
      },
    ),
    connect: action(connectParams, async ({ id, remember, ...typed }, context) => {
      const config = await resolve(id);
      const defaults = await poolDefaults();
      // The typed secrets are proven only when this call is the one that logs in.
      const logsIn = !live.isOpenOrOpening(config.id);
      // The first run on it must not wait for the splitter's first compile: done meanwhile.
      void warmUpSql();
      const status = await live.connect(config, credentials, typed, defaults);
      await connected(config, status.sshHostKey);
      if (logsIn && remember) {
        const names = remember === true ? (Object.keys(SECRET_NAMES) as SecretName[]) : remember;
        await keepTypedSecrets(credentials, config, typed, names, ephemeral.has(config.id));
      }
      context.broadcast('connection.status', { id, status });
      // Its last-connected time, a recorded host key, secrets kept: told after the reply.
      void changed(context);
      return status;
    }),
    disconnect: action(
      z.object({ id: z.uuid(), force: z.boolean().optional() }).strict(),
      async ({ id, force }, context) => {
        const disconnected = await close(id, force);
        if (disconnected) context.broadcast('connection.status', { id, status: null });
        return { disconnected };
      },
    ),
    status: action(z.object({}).strict().optional(), () => live.status()),
    test: action(z.union([savedParams, loginParams]), async (params, context) => {
      if ('id' in params && params.id !== undefined) {
        const { id, ...typed } = params;
        const config = await resolve(id);
        const result = await testSavedConnection(config, credentials, typed);
        await connected(config, result.sshHostKey ?? null);
        void changed(context);
        return result;
      }
      const { url, ...fields } = params as z.output<typeof loginParams>;
      return testConnection(completeLogin({ ...(url ? parseConnectionUrl(url) : {}), ...fields }));
    }),
  };
}
