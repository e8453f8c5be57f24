/**
 * The preferences' choices and ranges, defined once: the models' zod rules take them from
 * here, and the preferences dialog checks its boxes against the same numbers.
 */
import { CONNECTION_RANGES, type Range } from './connection-limits';

/** The themes a user can choose (`system` follows the OS). */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;

/** One of {@link THEME_CHOICES}. */
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The log levels, quietest first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every numeric preference with its range, in the unit it is stored in. */
export const PREFERENCE_RANGES = {
  /** px */
  editorFontSize: { min: 8, max: 40 },
  /** Default statement timeout for new connections, ms; 0 = none (as a connection's own). */
  statementTimeoutMs: CONNECTION_RANGES.statementTimeoutMs,
  /** Connections per pool (as a connection's own). */
  poolSize: CONNECTION_RANGES.poolSize,
  /** Rows kept per result; 0 = no cap. */
  rowCap: { min: 0, max: 100_000_000 },
  /** Memory one result may use, MB. */
  resultMemoryMb: { min: 16, max: 16_384 },
  /** Memory all results together may use, MB. */
  resultsTotalMemoryMb: { min: 64, max: 65_536 },
  /** Editor tabs with a session of their own, per connection. */
  tabSessionsPerConnection: { min: 1, max: 64 },
  /** idle_in_transaction_session_timeout of a tab's session, ms; 0 = none. */
  tabIdleInTransactionMs: { min: 0, max: 86_400_000 },
  /** days */
  historyRetentionDays: { min: 1, max: 3650 },
} as const satisfies Record<string, Range>;

/** A preference that is a number (every one but the theme and the log level). */
export type NumericPreference = keyof typeof PREFERENCE_RANGES;
