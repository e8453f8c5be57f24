import { PREFERENCE_RANGES, type NumericPreference } from '../../common/preference-limits';
import type { ErrorInfo } from '../../controllers/api';
import type { Preferences } from '../data/preferences-store';

export type { NumericPreference };

/**
 * How one numeric preference is shown: in a unit people think in (seconds rather than
 * milliseconds), with the backend's range. `scale` converts: stored = shown × scale.
 */
export interface NumberField {
  key: NumericPreference;
  label: string;
  /** The unit after the box, in words: "seconds", "MB", "rows". */
  unit: string;
  /** What the value does, or what 0 means; shown muted after the unit. */
  hint?: string;
  /** Stored = shown × scale (1000 for a value stored in ms and shown in seconds). */
  scale: number;
  /** The range, in stored units (`common/preference-limits.ts`, as the backend checks it). */
  min: number;
  max: number;
}

/** Every numeric preference; a `Record`, so a preference added to the API without a field fails tsc. */
export const NUMBER_FIELDS: Record<NumericPreference, NumberField> = {
  editorFontSize: {
    key: 'editorFontSize',
    label: 'Editor font size',
    unit: 'px',
    scale: 1,
    ...PREFERENCE_RANGES.editorFontSize,
  },
  statementTimeoutMs: {
    key: 'statementTimeoutMs',
    label: 'Default statement timeout',
    unit: 'seconds',
    hint: '0 = none; for new sessions',
    scale: 1000,
    ...PREFERENCE_RANGES.statementTimeoutMs,
  },
  poolSize: {
    key: 'poolSize',
    label: 'Pool size',
    unit: 'sessions',
    hint: 'per open connection',
    scale: 1,
    ...PREFERENCE_RANGES.poolSize,
  },
  tabSessionsPerConnection: {
    key: 'tabSessionsPerConnection',
    label: 'Tab sessions per connection',
    unit: 'sessions',
    hint: 'one per editor tab',
    scale: 1,
    ...PREFERENCE_RANGES.tabSessionsPerConnection,
  },
  tabIdleInTransactionMs: {
    key: 'tabIdleInTransactionMs',
    label: 'Idle-in-transaction timeout',
    unit: 'seconds',
    hint: 'for tab sessions; 0 = none',
    scale: 1000,
    ...PREFERENCE_RANGES.tabIdleInTransactionMs,
  },
  rowCap: {
    key: 'rowCap',
    label: 'Row cap',
    unit: 'rows',
    hint: '0 = no cap',
    scale: 1,
    ...PREFERENCE_RANGES.rowCap,
  },
  resultMemoryMb: {
    key: 'resultMemoryMb',
    label: 'Memory per result',
    unit: 'MB',
    hint: 'then the fetch stops',
    scale: 1,
    ...PREFERENCE_RANGES.resultMemoryMb,
  },
  resultsTotalMemoryMb: {
    key: 'resultsTotalMemoryMb',
    label: 'Memory for all results',
    unit: 'MB',
    hint: 'then the oldest are freed',
    scale: 1,
    ...PREFERENCE_RANGES.resultsTotalMemoryMb,
  },
  historyRetentionDays: {
    key: 'historyRetentionDays',
    label: 'Keep query history',
    unit: 'days',
    scale: 1,
    ...PREFERENCE_RANGES.historyRetentionDays,
  },
};

/** The log levels, quietest first, as the select shows them. */
export const LOG_LEVEL_LABELS: Record<Preferences['logLevel'], string> = {
  error: 'Errors only',
  warn: 'Warnings',
  info: 'Info',
  debug: 'Debug',
  trace: 'Trace',
};

/** The stored value as the box shows it: 30000 ms → "30". */
export function shownValue(field: NumberField, stored: number): string {
  return String(stored / field.scale);
}

/** The box's text as stored; `undefined` when it is not a number. */
export function storedValue(field: NumberField, text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const shown = Number(trimmed);
  if (!Number.isFinite(shown)) return undefined;
  // Seconds may have decimals down to the millisecond; the stored value is whole.
  return field.scale === 1 ? shown : Math.round(shown * field.scale);
}

/**
 * The view's own check of a box, in the words the dialog shows next to it (the backend's
 * errors for that field are shown in the same words, see {@link fieldErrors}). `undefined`
 * when the value is fine.
 */
export function checkField(field: NumberField, text: string): string | undefined {
  const value = storedValue(field, text);
  const range = `from ${number(field.min / field.scale)} to ${number(field.max / field.scale)} ${field.unit}`;
  if (value === undefined) return `Enter a number ${range}.`;
  if (!Number.isInteger(value)) return `Enter a whole number ${range}.`;
  if (value < field.min || value > field.max) return `Must be ${range}.`;
  return undefined;
}

/** What a `validation` error says, split by the preference each line names. */
export interface FieldErrors {
  /** Message per preference (the view's wording when it agrees, else the backend's). */
  fields: Partial<Record<keyof Preferences, string>>;
  /** Lines that name no preference the dialog shows. */
  other: string[];
}

/**
 * Splits the backend's `validation` ErrorInfo by field, from its `issues` (a preference's
 * path is `values.<key>`). `texts` are the boxes' texts, so a range error reads as the
 * view's own check would.
 */
export function fieldErrors(
  info: ErrorInfo,
  texts: Partial<Record<NumericPreference, string>>,
): FieldErrors {
  const result: FieldErrors = { fields: {}, other: [] };
  const issues = info.issues ?? [];
  const prefix = 'values.';
  for (const { message, path } of issues) {
    const key = (path.startsWith(prefix) ? path.slice(prefix.length) : '') as keyof Preferences;
    if (!Object.hasOwn(NUMBER_FIELDS, key) && key !== 'theme' && key !== 'logLevel') {
      result.other.push(path ? `${path}: ${message}` : message);
      continue;
    }
    const field = NUMBER_FIELDS[key as NumericPreference] as NumberField | undefined;
    const own = field ? checkField(field, texts[field.key] ?? '') : undefined;
    result.fields[key] ??= own ?? `${message}.`;
  }
  if (!issues.length) result.other.push(info.message);
  return result;
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}
