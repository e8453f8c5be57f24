import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A piece of view-side state: a value that is replaced (never mutated in place) and a
 * `change` event when it is. Components read it through a {@link StoreController}.
 */
export class Store<T> extends EventTarget {
  #value: T;

  constructor(initial: T) {
    super();
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  /** Replaces the value and tells the listeners. */
  protected set(value: T): void {
    this.#value = value;
    this.dispatchEvent(new Event('change'));
  }
}

/** Re-renders its host whenever one of `stores` changes, while the host is connected. */
export class StoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #stores: Store<unknown>[];
  readonly #update = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost, ...stores: Store<unknown>[]) {
    this.#host = host;
    this.#stores = stores;
    host.addController(this);
  }

  hostConnected(): void {
    for (const store of this.#stores) store.addEventListener('change', this.#update);
  }

  hostDisconnected(): void {
    for (const store of this.#stores) store.removeEventListener('change', this.#update);
  }
}
