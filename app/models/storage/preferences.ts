import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  LOG_LEVELS,
  PREFERENCE_RANGES,
  THEME_CHOICES,
  type NumericPreference,
} from '../../common/preference-limits';
import type { LocalSchema } from './local-schema';
import { fromZodError } from '../errors/validation-errors';

/** A whole number in a numeric preference's range (`common/preference-limits.ts`). */
const ranged = (key: NumericPreference) =>
  z.number().int().min(PREFERENCE_RANGES[key].min).max(PREFERENCE_RANGES[key].max);

/**
 * Every preference with its rule (the defaults are in {@link defaultPreferences}; what each
 * number means is said at its range). `rowCap` 0: no cap, the memory budget stops a fetch;
 * beyond `resultsTotalMemoryMb` the least recently read results are freed.
 */
const PREFERENCE_RULES = {
  theme: z.enum(THEME_CHOICES),
  editorFontSize: ranged('editorFontSize'),
  statementTimeoutMs: ranged('statementTimeoutMs'),
  poolSize: ranged('poolSize'),
  rowCap: ranged('rowCap'),
  resultMemoryMb: ranged('resultMemoryMb'),
  resultsTotalMemoryMb: ranged('resultsTotalMemoryMb'),
  tabSessionsPerConnection: ranged('tabSessionsPerConnection'),
  tabIdleInTransactionMs: ranged('tabIdleInTransactionMs'),
  historyRetentionDays: ranged('historyRetentionDays'),
  logLevel: z.enum(LOG_LEVELS),
};

/** Every preference, each one set. */
export const preferencesSchema = z.object(PREFERENCE_RULES);

/** The user's preferences, every field set. */
export type Preferences = z.output<typeof preferencesSchema>;

const DEFAULTS: Preferences = {
  theme: 'system',
  editorFontSize: 14,
  statementTimeoutMs: 30_000,
  poolSize: 4,
  rowCap: 0,
  resultMemoryMb: 512,
  resultsTotalMemoryMb: 1536,
  tabSessionsPerConnection: 8,
  tabIdleInTransactionMs: 0,
  historyRetentionDays: 90,
  logLevel: 'info',
};

/**
 * A change to some preferences: only the fields it names (no defaults filled in, so a
 * save of one field leaves every other stored value as it is).
 */
export const preferencesPatchSchema = preferencesSchema.partial().strict();

/** The defaults, as a new object. */
export function defaultPreferences(): Preferences {
  return { ...DEFAULTS };
}

/**
 * Preferences stored as one JSON value per key in `preferences`. A stored value that no
 * longer passes its rule (written by another version) reads as its default.
 */
export class PreferencesRepository {
  readonly #db: Kysely<LocalSchema>;
  readonly #listeners: ((preferences: Preferences) => void)[] = [];

  constructor(db: Kysely<LocalSchema>) {
    this.#db = db;
  }

  /** Every preference: stored values over the defaults. */
  async get(): Promise<Preferences> {
    const rows = await this.#db.selectFrom('preferences').select(['key', 'value']).execute();
    const result = defaultPreferences();
    const shape = preferencesSchema.shape as Record<string, z.ZodType>;
    for (const row of rows) {
      const rule = shape[row.key];
      if (!rule) continue;
      const parsed = rule.safeParse(safeJson(row.value));
      if (parsed.success) Object.assign(result, { [row.key]: parsed.data });
    }
    return result;
  }

  /**
   * Validates `patch` whole, then stores it in one transaction.
   * @throws TuskError of kind `validation` naming each bad field; nothing is stored.
   */
  async set(patch: unknown): Promise<Preferences> {
    const parsed = preferencesPatchSchema.safeParse(patch);
    if (!parsed.success) throw fromZodError(parsed.error, 'Invalid preferences: nothing was saved');
    const at = new Date().toISOString();
    const entries = Object.entries(parsed.data).filter(([, v]) => v !== undefined);
    if (entries.length) {
      await this.#db.transaction().execute(async (trx) => {
        for (const [key, value] of entries) {
          await trx
            .insertInto('preferences')
            .values({ key, value: JSON.stringify(value), updated_at: at })
            .onConflict((oc) =>
              oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }),
            )
            .execute();
        }
      });
    }
    const after = await this.get();
    for (const listener of this.#listeners) listener(after);
    return after;
  }

  /** Calls `listener` with every preference after each successful {@link set}. */
  onChange(listener: (preferences: Preferences) => void): void {
    this.#listeners.push(listener);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
