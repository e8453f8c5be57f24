import { isIP } from 'node:net';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { CONNECTION_COLORS, type ConnectionColorName } from '../../common/connection-options';
import { SSL_MODES } from './server-login';

/** Connections per pool unless configured (plan: a desktop client needs few). */
export const DEFAULT_POOL_SIZE = 4;
/** The largest pool a connection may have. */
export const MAX_POOL_SIZE = 8;

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** A host name (RFC 1123) or an IPv4/IPv6 address. */
export const hostSchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(253)
  .refine(
    (host) => isIP(host) !== 0 || HOST_NAME.test(host),
    'must be a host name or an IP address',
  );

export { CONNECTION_COLORS };
/** One of {@link CONNECTION_COLORS}. */
export type ConnectionColor = ConnectionColorName;

/** A connection's colour: a palette name, or null for none. */
export const connectionColorSchema = z.enum(CONNECTION_COLORS).nullable();

const port = (fallback: number) => z.number().int().min(1).max(65535).default(fallback);
const name = z.string().trim().min(1, 'is empty').max(128);

/** How an SSH tunnel logs in; its password or passphrase lives in the keychain. */
export const sshAuthSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('password') }).strict(),
  z.object({ method: z.literal('key'), privateKeyPath: z.string().min(1).max(4096) }).strict(),
  z.object({ method: z.literal('agent') }).strict(),
]);

/** An SSH tunnel of a saved connection (data-model.md SshTunnel). */
export const sshTunnelSchema = z
  .object({
    host: hostSchema,
    port: port(22),
    username: name,
    auth: sshAuthSchema,
    localPort: z.number().int().min(1).max(65535).nullable().default(null),
    /** The host key fingerprint the user confirmed, `SHA256:…`. */
    hostKey: z
      .string()
      .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be a SHA256 fingerprint')
      .nullable()
      .default(null),
  })
  .strict();

/** What a user fills in to save a connection; `id` only when changing one. */
export const connectionInputSchema = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, 'is empty').max(100),
    host: hostSchema,
    port: port(5432),
    database: name,
    username: name,
    sslMode: z.enum(SSL_MODES).default('prefer'),
    sslRootCert: z.string().min(1).max(4096).nullable().default(null),
    sshTunnel: sshTunnelSchema.nullable().default(null),
    readOnly: z.boolean().default(false),
    statementTimeoutMs: z.number().int().min(0).max(86_400_000).nullable().default(null),
    /** DNS + TCP + TLS (+ SSH) + login, ms; null: 10 s. */
    connectTimeoutMs: z.number().int().min(500).max(300_000).nullable().default(null),
    /** TCP keepalive interval, s; 0 turns it off; null: 60 s. */
    keepAliveSeconds: z.number().int().min(0).max(7200).nullable().default(null),
    /** Sessions in the pool, 1–8; null: the preferences' pool size. */
    poolSize: z.number().int().min(1).max(MAX_POOL_SIZE).nullable().default(null),
    /**
     * Send the password when the server asks for it in clear text over a plain connection
     * (no TLS, no SSH tunnel); false: such a login is refused before anything is sent.
     */
    allowCleartextPassword: z.boolean().default(false),
    /** A colour to tell connections apart (production in red, say); null: none. */
    color: connectionColorSchema.default(null),
  })
  .strict();

/** A connection as the user gave it (defaults applied). */
export type ConnectionInput = z.output<typeof connectionInputSchema>;

/** A saved connection (data-model.md ConnectionConfig); never a password. */
export type ConnectionConfig = Omit<ConnectionInput, 'id'> & {
  id: string;
  createdAt: string;
  updatedAt: string;
  lastConnectedAt: string | null;
};

/**
 * A full ConnectionConfig from what a user would type (every default applied, a new id and
 * timestamps unless given): keeps the dialog's and the tests' code short.
 * @throws ZodError when the input breaks a rule (the repository maps it for the views).
 */
export function buildConnectionConfig(
  input: z.input<typeof connectionInputSchema>,
  now = new Date(),
): ConnectionConfig {
  const { id, ...config } = connectionInputSchema.parse(input);
  const at = now.toISOString();
  return {
    ...config,
    id: id ?? uuidv4(),
    createdAt: at,
    updatedAt: at,
    lastConnectedAt: null,
  };
}
