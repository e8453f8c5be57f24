/**
 * The limits of a connection's fields and their defaults, defined once: the models' zod
 * schemas take their bounds from here, and the connection dialog checks a form against the
 * same numbers before sending it.
 */

/** A whole number's allowed range, both ends included. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** The numbers of a connection (and of `connections.test`), each with its range. */
export const CONNECTION_RANGES = {
  /** A TCP port: the server's, the SSH server's, a tunnel's local end. */
  port: { min: 1, max: 65_535 },
  /** A connection's own statement timeout, ms; 0 = none (a day at most). */
  statementTimeoutMs: { min: 0, max: 86_400_000 },
  /** DNS + TCP + TLS (+ SSH) + login, ms. */
  connectTimeoutMs: { min: 500, max: 300_000 },
  /** TCP keepalive interval, s; 0 turns it off. */
  keepAliveSeconds: { min: 0, max: 7200 },
  /** Sessions in a connection's pool. */
  poolSize: { min: 1, max: 8 },
} as const satisfies Record<string, Range>;

/** The longest text each field of a connection takes, in characters. */
export const CONNECTION_TEXT_MAX = {
  /** A connection's name. */
  name: 100,
  /** A host name (RFC 1123) or an address. */
  host: 253,
  /** A database, a role, an SSH user. */
  identifier: 128,
  /** A file: the CA file, an SSH key. */
  path: 4096,
  /** A connection URL. */
  url: 4096,
  /** A password, an SSH password, a passphrase. */
  secret: 1024,
} as const;

/** What a connection uses for a field left out. */
export const CONNECTION_DEFAULTS = {
  port: 5432,
  sshPort: 22,
  /** ms */
  connectTimeoutMs: 10_000,
  /** s */
  keepAliveSeconds: 60,
  /** Sessions per pool unless configured (a desktop client needs few). */
  poolSize: 4,
} as const;
