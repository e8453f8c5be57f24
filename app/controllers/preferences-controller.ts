import { z } from 'zod';
import { setLogLevel } from '../models/logging/logging';
import { preferencesPatchSchema, type PreferencesRepository } from '../models/storage/preferences';
import { action } from './action';

/** Dependencies of the `preferences` controller. */
export interface PreferencesControllerOptions {
  preferences: PreferencesRepository;
  /** False when TUSK_LOG or a flag fixed the log level: the preference then waits. */
  logLevelFromPreferences: boolean;
}

/**
 * `preferences.get` and `preferences.set` (a partial change, validated whole; every page
 * hears the result as `preferences.changed`).
 */
export function createPreferencesController(options: PreferencesControllerOptions) {
  return {
    get: action(z.object({}).strict().optional(), () => options.preferences.get()),
    set: action(
      z.object({ values: preferencesPatchSchema }).strict(),
      async ({ values }, context) => {
        const saved = await options.preferences.set(values);
        if (options.logLevelFromPreferences && values.logLevel) setLogLevel(saved.logLevel);
        context.broadcast('preferences.changed', saved);
        return saved;
      },
    ),
  };
}
