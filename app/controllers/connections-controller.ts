import { z } from 'zod';
import { testConnection } from '../models/connection-test';
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

/** `connections.test`: one login attempt, reporting the server or the failure with its stage. */
export function createConnectionsController() {
  return {
    test: action(loginParams, ({ url, ...fields }) =>
      testConnection(completeLogin({ ...(url ? parseConnectionUrl(url) : {}), ...fields })),
    ),
  };
}
