import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * What a store's change concerns: keys such as a tab's id, `saved`, `live:<connection id>`
 * or `layout:sidebarWidth`. A key names a part and everything under it: `live` concerns
 * every `live:<id>`, and `live:<id>` concerns a component that shows `live`.
 */
export type ChangeKeys = ReadonlySet<string>;

/** The `change` event of a {@link Store}: the new value is the store's; `keys` say what changed. */
export class StoreChangeEvent extends Event {
  readonly keys: ChangeKeys;
  constructor(keys: ChangeKeys) {
    super('change');
    this.keys = keys;
  }

  /** True when the change concerns one of `shown` (see {@link ChangeKeys}). */
  concerns(shown: Iterable<string | null | undefined>): boolean {
    for (const key of shown) {
      if (!key) continue;
      for (const changed of this.keys) {
        if (changed === key || key.startsWith(`${changed}:`) || changed.startsWith(`${key}:`))
          return true;
      }
    }
    return false;
  }
}

/**
 * A piece of view-side state: a value that is replaced (never mutated in place) and a
 * {@link StoreChangeEvent} naming what changed when it is. Components read it through a
 * {@link StoreController}, which re-renders them only for the keys they show.
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

  /**
   * Replaces the value and tells the listeners what changed: `keys` when given, else the
   * top-level fields whose values were replaced (for a value that is not a plain object:
   * the key `*`, which every listener hears). Nothing changed: nobody is told.
   */
  protected set(value: T, keys?: Iterable<string>): void {
    const before = this.#value;
    this.#value = value;
    const changed = new Set(keys ?? changedFields(before, value));
    if (changed.size > 0) this.dispatchEvent(new StoreChangeEvent(changed));
  }
}

/** The top-level fields of two plain objects whose values differ (by identity); else `*`. */
function changedFields(before: unknown, after: unknown): string[] {
  if (before === after) return [];
  if (!isRecord(before) || !isRecord(after)) return ['*'];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => before[key] !== after[key]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * A store a component shows, and which of its keys (read at each change, since they may
 * follow the component's properties: its tab's id). Without `keys`, every change.
 */
export interface Watched {
  store: Store<unknown>;
  keys?: () => Iterable<string | null | undefined>;
}

/**
 * Re-renders its host when a change of a watched store concerns what it shows, while the
 * host is connected. `watched` is read when the host connects (the stores may come from
 * a context then), and its subscriptions are dropped when it disconnects, so a host moved
 * in the page (a reordered tab) listens once.
 */
export class StoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #watched: () => readonly (Store<unknown> | Watched)[] | undefined;
  #stops: (() => void)[] = [];

  constructor(
    host: ReactiveControllerHost,
    watched: () => readonly (Store<unknown> | Watched)[] | undefined,
  ) {
    this.#host = host;
    this.#watched = watched;
    host.addController(this);
  }

  hostConnected(): void {
    this.hostDisconnected();
    for (const item of this.#watched() ?? []) {
      const { store, keys } = item instanceof Store ? { store: item, keys: undefined } : item;
      const listener = (event: Event) => {
        const change = event as StoreChangeEvent;
        if (!keys || change.keys.has('*') || change.concerns(keys())) this.#host.requestUpdate();
      };
      store.addEventListener('change', listener);
      this.#stops.push(() => store.removeEventListener('change', listener));
    }
  }

  hostDisconnected(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }
}
