import type { Health } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';

/**
 * The backend's health (`app.health`): version, runtime, log folder, storage, where
 * passwords go. The shell refreshes it every few seconds; a view that must know now (is
 * the keychain there?) calls {@link load}.
 */
export class HealthStore extends Store<Health | undefined> {
  readonly #client: TuskClient;

  constructor(client: TuskClient) {
    super(undefined);
    this.#client = client;
  }

  /** Asks the backend now; resolves with the health, rejects with its RequestError. */
  async load(): Promise<Health> {
    const health = await this.#client.call('app.health', {});
    this.set(health);
    return health;
  }
}
