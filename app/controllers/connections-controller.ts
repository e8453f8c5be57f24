import { z } from 'zod';
import { connectionInputSchema } from '../models/connection-config';
import { testConnection } from '../models/connection-test';
import type { ConnectionsRepository } from '../models/connections-repository';
import { parseConnectionUrl } from '../models/connection-url';
import { completeLogin, SSL_MODES } from '../models/server-login';
import { action } from './action';

/** A server to reach: a connection URL, fields, or both (fields win over the URL's). */
const loginParams = z
  .object({
    url: z.string().max(4096).optional(),
    host: z.string().min(1).max(255).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    username: z.string().min(1).max(128).optional(),
    database: z.string().min(1).max(128).optional(),
    password: z.string().max(1024).optional(),
    sslMode: z.enum(SSL_MODES).optional(),
    sslRootCert: z.string().min(1).max(4096).optional(),
    connectTimeoutMs: z.number().int().min(500).max(300_000).optional(),
  })
  .strict();

/**
 * `connections.list/save/delete` (saved connections; never a password) and
 * `connections.test` (one login attempt, reporting the server or the failure with its stage).
 */
export function createConnectionsController(connections: ConnectionsRepository) {
  return {
    list: action(z.object({}).strict().optional(), () => connections.list()),
    save: action(connectionInputSchema, (input) => connections.save(input)),
    delete: action(z.object({ id: z.uuid() }).strict(), async ({ id }) => {
      await connections.delete(id);
      return { deleted: id };
    }),
    test: action(loginParams, ({ url, ...fields }) =>
      testConnection(completeLogin({ ...(url ? parseConnectionUrl(url) : {}), ...fields })),
    ),
  };
}
