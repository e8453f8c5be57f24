/**
 * The choices a connection offers, defined once for the views and the models: its colour
 * and its SSL mode.
 */

/** The colours a connection can be marked with (the views map each to `--tusk-conn-<name>`). */
export const CONNECTION_COLORS = [
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'purple',
  'gray',
] as const;

/** One of {@link CONNECTION_COLORS}. */
export type ConnectionColorName = (typeof CONNECTION_COLORS)[number];

/**
 * libpq's SSL modes, as libpq defines them (`allow` is not offered: it only matters for
 * servers that demand TLS after a plain attempt).
 */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** One of {@link SSL_MODES}, with libpq's meaning. */
export type SslMode = (typeof SSL_MODES)[number];
