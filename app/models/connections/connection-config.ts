import { isIP } from 'node:net';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import {
  CONNECTION_DEFAULTS,
  CONNECTION_RANGES,
  CONNECTION_TEXT_MAX,
  type Range,
} from '../../common/connection-limits';
import { CONNECTION_COLORS, type ConnectionColorName } from '../../common/connection-options';
import { SSL_MODES } from './server-login';

/** Connections per pool unless configured (plan: a desktop client needs few). */
export const DEFAULT_POOL_SIZE = CONNECTION_DEFAULTS.poolSize;
/** The largest pool a connection may have. */
export const MAX_POOL_SIZE = CONNECTION_RANGES.poolSize.max;

/** A whole number in `range` (`common/connection-limits.ts`). */
export const wholeIn = (range: Range) => z.number().int().min(range.min).max(range.max);

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** A host name (RFC 1123) or an IPv4/IPv6 address. */
export const hostSchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(CONNECTION_TEXT_MAX.host)
  .refine(
    (host) => isIP(host) !== 0 || HOST_NAME.test(host),
    'must be a host name or an IP address',
  );

export { CONNECTION_COLORS };
/** One of {@link CONNECTION_COLORS}. */
export type ConnectionColor = ConnectionColorName;

/** A connection's colour: a palette name, or null for none. */
export const connectionColorSchema = z.enum(CONNECTION_COLORS).nullable();

const port = (fallback: number) => wholeIn(CONNECTION_RANGES.port).default(fallback);
const name = z.string().trim().min(1, 'is empty').max(CONNECTION_TEXT_MAX.identifier);
const path = z.string().min(1).max(CONNECTION_TEXT_MAX.path);

/** How an SSH tunnel logs in; its password or passphrase lives in the keychain. */
export const sshAuthSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('password') }).strict(),
  z.object({ method: z.literal('key'), privateKeyPath: path }).strict(),
  z.object({ method: z.literal('agent') }).strict(),
]);

/** An SSH tunnel of a saved connection (data-model.md SshTunnel). */
export const sshTunnelSchema = z
  .object({
    host: hostSchema,
    port: port(CONNECTION_DEFAULTS.sshPort),
    username: name,
    auth: sshAuthSchema,
    localPort: wholeIn(CONNECTION_RANGES.port).nullable().default(null),
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
    name: z.string().trim().min(1, 'is empty').max(CONNECTION_TEXT_MAX.name),
    host: hostSchema,
    port: port(CONNECTION_DEFAULTS.port),
    database: name,
    username: name,
    sslMode: z.enum(SSL_MODES).default('prefer'),
    sslRootCert: path.nullable().default(null),
    sshTunnel: sshTunnelSchema.nullable().default(null),
    readOnly: z.boolean().default(false),
    statementTimeoutMs: wholeIn(CONNECTION_RANGES.statementTimeoutMs).nullable().default(null),
    /** DNS + TCP + TLS (+ SSH) + login, ms; null: 10 s. */
    connectTimeoutMs: wholeIn(CONNECTION_RANGES.connectTimeoutMs).nullable().default(null),
    /** TCP keepalive interval, s; 0 turns it off; null: 60 s. */
    keepAliveSeconds: wholeIn(CONNECTION_RANGES.keepAliveSeconds).nullable().default(null),
    /** Sessions in the pool, 1–8; null: the preferences' pool size. */
    poolSize: wholeIn(CONNECTION_RANGES.poolSize).nullable().default(null),
    /**
     * Send the password when the server asks for it in clear text over a plain connection
     * (no TLS, no SSH tunnel); false: such a login is refused before anything is sent.
     */
    allowCleartextPassword: z.boolean().default(false),
    /** A colour to tell connections apart (production in red, say); null: none. */
    color: connectionColorSchema.default(null),
    /** A production database: Tusk asks before any write to it (editor, grid, apply). */
    production: z.boolean().default(false),
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
