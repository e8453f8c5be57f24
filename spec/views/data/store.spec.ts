import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Store, StoreController, StoreChangeEvent } from '../../../app/views/data/store';

/** A store whose value is open to the test. */
class TestStore<T> extends Store<T> {
  put(value: T, keys?: string[]): void {
    this.set(value, keys);
  }
}

/** A component stand-in: counts the updates its controllers ask for. */
class Host implements ReactiveControllerHost {
  updates = 0;
  readonly controllers: ReactiveController[] = [];
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

describe('view stores name what changed', () => {
  it('a change names the fields replaced, and nothing is told when nothing changed', () => {
    const store = new TestStore<Record<string, { n: number }>>({ a: { n: 1 }, b: { n: 1 } });
    const heard: string[][] = [];
    store.addEventListener('change', (e) => heard.push([...(e as StoreChangeEvent).keys]));
    store.put({ ...store.value, b: { n: 2 } });
    store.put({ ...store.value });
    store.put({ a: store.value.a });
    store.put(store.value, ['live:x']);
    expect(heard).toEqual([['b'], ['b'], ['live:x']]);
  });

  it('a value that is not a plain object changes as a whole (`*`)', () => {
    const store = new TestStore<number[]>([1]);
    const heard: string[][] = [];
    store.addEventListener('change', (e) => heard.push([...(e as StoreChangeEvent).keys]));
    store.put([1, 2]);
    expect(heard).toEqual([['*']]);
  });

  it('a key concerns the keys under it and the one above it, not its siblings', () => {
    const change = (keys: string[]) => new StoreChangeEvent(new Set(keys));
    expect(change(['live']).concerns(['live:a'])).toBe(true);
    expect(change(['live:a']).concerns(['live'])).toBe(true);
    expect(change(['live:a']).concerns(['live:b', 'saved'])).toBe(false);
    expect(change(['live:a']).concerns(['live:ab'])).toBe(false);
    expect(change(['layout:sidebarWidth']).concerns([undefined, null, 'layout:resultsShare'])).toBe(
      false,
    );
  });

  it('a component re-renders only for the keys it shows, and listens once however often it moves', () => {
    const runs = new TestStore<Record<string, { rows: number }>>({});
    const layout = new TestStore({ sidebarWidth: 260, resultsShare: 0.4 });
    const shown = { tab: 'a' };
    const host = new Host();
    new StoreController(host, () => [
      { store: runs, keys: () => [shown.tab] },
      { store: layout, keys: () => ['resultsShare'] },
    ]);
    host.connect();
    host.disconnect();
    host.connect(); // moved in the page (a reordered tab)
    for (let rows = 1; rows <= 50; rows += 1) runs.put({ ...runs.value, b: { rows } });
    layout.put({ ...layout.value, sidebarWidth: 300 });
    expect(host.updates).toBe(0);
    runs.put({ ...runs.value, a: { rows: 1 } });
    layout.put({ ...layout.value, resultsShare: 0.5 });
    expect(host.updates).toBe(2);
    shown.tab = 'b'; // its property changed: the keys follow
    runs.put({ ...runs.value, b: { rows: 51 } });
    expect(host.updates).toBe(3);
    host.disconnect();
    runs.put({ ...runs.value, b: { rows: 52 } });
    expect(host.updates).toBe(3);
  });

  it('a store watched without keys re-renders its component at every change', () => {
    const store = new TestStore({ a: 1, b: 1 });
    const host = new Host();
    new StoreController(host, () => [store]);
    host.connect();
    store.put({ a: 2, b: 1 });
    store.put({ a: 2, b: 2 });
    expect(host.updates).toBe(2);
  });
});
