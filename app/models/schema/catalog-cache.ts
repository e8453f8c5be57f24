import { TuskError } from '../errors/errors';
import type { CatalogIndex } from './catalog-index';

interface Slot {
  /** The catalog as last loaded whole; kept while a reload runs and when one fails. */
  index?: CatalogIndex;
  /** The load under way. */
  loading?: Promise<CatalogIndex>;
  /** A reload asked for while one ran: it starts when that one ends (one waits at most). */
  queued?: Promise<CatalogIndex>;
}

/**
 * The catalog of each connection, by connection id: loaded on first use, one load at a
 * time per connection, kept until {@link reload} replaces it whole or {@link forget} drops
 * it (a load that ends after its connection was forgotten is thrown away, never cached).
 * A failed load leaves what was there: nothing on a first load, the previous catalog on a
 * reload.
 */
export class CatalogCache {
  readonly #slots = new Map<string, Slot>();
  readonly #load: (connectionId: string) => Promise<CatalogIndex>;

  /** `load` reads a connection's whole catalog (rejects with a TuskError). */
  constructor(load: (connectionId: string) => Promise<CatalogIndex>) {
    this.#load = load;
  }

  /** The catalog held, or the load under way, or a first load. */
  get(connectionId: string): Promise<CatalogIndex> {
    const slot = this.#slot(connectionId);
    if (slot.index) return Promise.resolve(slot.index);
    return slot.loading ?? this.#start(connectionId, slot);
  }

  /** True when a catalog is held or loading for the connection (a reload is worth it). */
  holds(connectionId: string): boolean {
    const slot = this.#slots.get(connectionId);
    return slot !== undefined && (slot.index !== undefined || slot.loading !== undefined);
  }

  /** The catalog held now, without loading. */
  peek(connectionId: string): CatalogIndex | undefined {
    return this.#slots.get(connectionId)?.index;
  }

  /**
   * A fresh load: at once when none runs, else once the running one ended (it may have
   * read the catalog before the change). Reloads asked for meanwhile share that one.
   */
  reload(connectionId: string): Promise<CatalogIndex> {
    const slot = this.#slot(connectionId);
    if (!slot.loading) return this.#start(connectionId, slot);
    if (slot.queued) return slot.queued;
    const queued = slot.loading
      .catch(() => undefined)
      .then(() => {
        if (slot.queued === queued) slot.queued = undefined;
        if (this.#slots.get(connectionId) !== slot) throw gone();
        return this.#start(connectionId, slot);
      });
    slot.queued = queued;
    return queued;
  }

  /** Drops the connection's catalog (it closed); a load under way is not kept. */
  forget(connectionId: string): void {
    this.#slots.delete(connectionId);
  }

  #slot(connectionId: string): Slot {
    let slot = this.#slots.get(connectionId);
    if (!slot) this.#slots.set(connectionId, (slot = {}));
    return slot;
  }

  #start(connectionId: string, slot: Slot): Promise<CatalogIndex> {
    const loading = this.#load(connectionId).then(
      (index) => {
        if (slot.loading === loading) slot.loading = undefined;
        if (this.#slots.get(connectionId) !== slot) throw gone();
        slot.index = index;
        return index;
      },
      (error: unknown) => {
        if (slot.loading === loading) slot.loading = undefined;
        throw error;
      },
    );
    slot.loading = loading;
    return loading;
  }
}

/** The connection closed while its catalog loaded. */
function gone(): TuskError {
  return new TuskError('connection', 'The connection closed while its catalog was loading', {
    code: 'CONNECTION_NOT_OPEN',
    hint: 'Connect to it again (connections.connect).',
  });
}
