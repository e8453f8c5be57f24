import type { Methods } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';

/** Every preference, as `preferences.get` gives them. */
export type Preferences = Methods['preferences.get']['result'];

/**
 * The preferences domain of the views: loaded once, changed through `preferences.set`
 * (validated whole by the backend; a bad value rejects with its `validation` error and
 * nothing is saved), and kept current by `preferences.changed`, whichever page changed them.
 */
export class PreferencesStore extends Store<Preferences | null> {
  readonly #client: TuskClient;

  constructor(client: TuskClient) {
    super(null);
    this.#client = client;
    client.on('preferences.changed', (preferences) => this.set(preferences));
  }

  async load(): Promise<Preferences> {
    const preferences = await this.#client.call('preferences.get', {});
    this.set(preferences);
    return preferences;
  }

  /** Saves some preferences; resolves with all of them. */
  async update(values: Partial<Preferences>): Promise<Preferences> {
    const preferences = await this.#client.call('preferences.set', { values });
    this.set(preferences);
    return preferences;
  }
}
