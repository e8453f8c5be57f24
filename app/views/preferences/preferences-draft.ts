import type { Preferences } from '../data/preferences-store';
import { THEME_CHOICES, type ThemeChoice } from '../../common/preference-limits';
import {
  checkField,
  NUMBER_FIELDS,
  shownValue,
  storedValue,
  type NumericPreference,
} from './preference-fields';

/** One row of the preferences dialog: a number box, or the theme or log level choice. */
export type Row = NumericPreference | 'theme' | 'logLevel';

/** The groups of the dialog, in order; every preference `preferences.get` has is in one. */
export const GROUPS: readonly { title: string; rows: readonly Row[] }[] = [
  { title: 'Appearance', rows: ['theme', 'editorFontSize'] },
  {
    title: 'Connections',
    rows: ['statementTimeoutMs', 'poolSize', 'tabSessionsPerConnection', 'tabIdleInTransactionMs'],
  },
  { title: 'Results', rows: ['rowCap', 'resultMemoryMb', 'resultsTotalMemoryMb'] },
  { title: 'History & logs', rows: ['historyRetentionDays', 'logLevel'] },
];

const THEME_LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/** The theme choices, as the segmented control shows them (every one, in their order). */
export const THEMES: readonly { value: ThemeChoice; label: string }[] = THEME_CHOICES.map(
  (value) => ({ value, label: THEME_LABELS[value] }),
);

/** What the dialog's controls hold: the boxes' text as typed, not yet stored values. */
export interface Draft {
  theme: ThemeChoice;
  logLevel: Preferences['logLevel'];
  numbers: Record<NumericPreference, string>;
}

/** A message per row that is wrong. */
export type Errors = Partial<Record<Row, string>>;

/** The saved preferences as the dialog's controls show them. */
export function toDraft(preferences: Preferences): Draft {
  const numbers = {} as Record<NumericPreference, string>;
  for (const field of Object.values(NUMBER_FIELDS)) {
    numbers[field.key] = shownValue(field, preferences[field.key]);
  }
  return { theme: preferences.theme, logLevel: preferences.logLevel, numbers };
}

/** The view's check of every box. */
export function checkAll(draft: Draft): Errors {
  const errors: Errors = {};
  for (const field of Object.values(NUMBER_FIELDS)) {
    const message = checkField(field, draft.numbers[field.key]);
    if (message) errors[field.key] = message;
  }
  return errors;
}

/**
 * What the draft changes against the saved preferences, in stored units; `undefined` when
 * a box holds no number (such a draft cannot be sent).
 */
export function draftChanges(saved: Preferences, draft: Draft): Partial<Preferences> | undefined {
  const changes: Partial<Preferences> = {};
  if (draft.theme !== saved.theme) changes.theme = draft.theme;
  if (draft.logLevel !== saved.logLevel) changes.logLevel = draft.logLevel;
  let complete = true;
  for (const field of Object.values(NUMBER_FIELDS)) {
    const value = storedValue(field, draft.numbers[field.key]);
    if (value === undefined) complete = false;
    else if (value !== saved[field.key]) changes[field.key] = value;
  }
  return complete ? changes : undefined;
}
