import type { Notice } from '../../controllers/api';
import type { TuskClient } from '../client';
import { Store } from './store';

const DISMISSED_KEY = 'tusk.dismissedNotices';

/**
 * The notices the views show (storage repaired or reset, keychain fallback, a dropped
 * connection, the socket reconnecting): from `app.notices`, the `app.notice` event and the
 * views themselves. Each is shown once: a dismissed id stays dismissed for this page's
 * life (session storage), also when the backend sends it again after a reconnect; one of
 * the backend's is also dismissed there (`app.dismissNotice`), so it stays dismissed at
 * the next start.
 */
export class NoticesStore extends Store<Notice[]> {
  readonly #client: TuskClient;
  readonly #dismissed = new Set<string>(readDismissed());
  /** The ids of the notices the backend sent. */
  readonly #fromBackend = new Set<string>();

  constructor(client: TuskClient) {
    super([]);
    this.#client = client;
    client.on('app.notice', (notice) => this.#addFromBackend(notice));
    client.on('connection.dropped', (drop) =>
      this.add({
        id: `dropped:${drop.id}`,
        level: 'warning',
        message: drop.message,
        ...(drop.hint ? { detail: drop.hint } : {}),
      }),
    );
  }

  /** Loads the backend's notices (at start and after a reconnect). */
  async load(): Promise<void> {
    const notices = await this.#client.call('app.notices', {});
    for (const notice of notices) this.#addFromBackend(notice);
  }

  #addFromBackend(notice: Notice): void {
    this.#fromBackend.add(notice.id);
    this.add(notice);
  }

  /** Shows `notice`, replacing one with the same id; a dismissed id is not shown again. */
  add(notice: Notice): void {
    if (this.#dismissed.has(notice.id)) return;
    this.set([...this.value.filter((n) => n.id !== notice.id), notice]);
  }

  /** Removes the notice with `id` without marking it dismissed (it resolved itself). */
  remove(id: string): void {
    if (this.value.some((n) => n.id === id)) this.set(this.value.filter((n) => n.id !== id));
  }

  /** Hides the notice `id` for good (the backend's: at later starts too). */
  dismiss(id: string): void {
    this.#dismissed.add(id);
    if (this.#fromBackend.has(id)) {
      void this.#client.call('app.dismissNotice', { id }).catch(() => undefined);
    }
    try {
      sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...this.#dismissed]));
    } catch {
      // Storage refused (private mode): dismissed for this page only.
    }
    this.remove(id);
  }
}

function readDismissed(): string[] {
  try {
    const raw = JSON.parse(sessionStorage.getItem(DISMISSED_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
