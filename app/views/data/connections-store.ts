import type { ErrorInfo, Methods } from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';
import { Store } from './store';

/** A saved connection as `connections.list` gives it. */
export type SavedConnection = Methods['connections.list']['result'][number];
/** What `connections.save` takes. */
export type ConnectionInput = Methods['connections.save']['params'];
/** An open connection as `connections.status` gives it. */
export type LiveStatus = Methods['connections.status']['result'][number];
/** What `connections.connect` takes besides the id: typed secrets, a confirmed host key, `remember`. */
export type ConnectOptions = Omit<Methods['connections.connect']['params'], 'id'>;
/** Typed secrets and a confirmed host key, for a connect or a test. */
export type ConnectSecrets = Omit<ConnectOptions, 'remember'>;

/** Where one saved connection stands, for the sidebar and the status bar. */
export type ConnectionPhase = 'disconnected' | 'connecting' | 'connected' | 'dropped' | 'failed';

/** The connections the views know: saved ones, the open ones, and what is happening to each. */
export interface ConnectionsState {
  loaded: boolean;
  saved: SavedConnection[];
  live: Record<string, LiveStatus>;
  phase: Record<string, ConnectionPhase>;
  /** The last failure of a connect, by connection. */
  errors: Record<string, ErrorInfo>;
  /** The connection the user works with now (selected in the sidebar or its tab). */
  activeId: string | null;
}

/**
 * The connections domain of the views: typed calls to `connections.*` and the state they
 * leave. Calls reject with {@link RequestError} (the backend's ErrorInfo), so a dialog can
 * show a validation message next to its field. The saved list and which connections are
 * open follow the server's events (`connections.changed`, `connection.status`,
 * `connection.dropped`), whichever page made the change. A change names what it concerns:
 * `saved`, `activeId`, and per connection `live:<id>`, `phase:<id>`, `errors:<id>`.
 */
export class ConnectionsStore extends Store<ConnectionsState> {
  readonly #client: TuskClient;

  constructor(client: TuskClient) {
    super({ loaded: false, saved: [], live: {}, phase: {}, errors: {}, activeId: null });
    this.#client = client;
    client.on('connections.changed', ({ connections }) => this.#setSaved(connections));
    client.on('connection.status', ({ id, status }) => {
      if (status) this.#setLive(id, status, 'connected');
      else this.#setLive(id, undefined, 'disconnected');
    });
    client.on('connection.dropped', (drop) =>
      this.#setLive(drop.id, drop.closed ? undefined : this.value.live[drop.id], 'dropped'),
    );
  }

  /** Loads the saved connections and the open ones (at start and after a reconnect). */
  async load(): Promise<void> {
    const [saved, live] = await Promise.all([
      this.#client.call('connections.list', {}),
      this.#client.call('connections.status', {}),
    ]);
    const phase: Record<string, ConnectionPhase> = {};
    for (const status of live) phase[status.id] = 'connected';
    const liveById = Object.fromEntries(live.map((s) => [s.id, s]));
    const activeId = saved.some((c) => c.id === this.value.activeId) ? this.value.activeId : null;
    this.set({ ...this.value, loaded: true, saved, live: liveById, phase, activeId });
  }

  /** Refreshes the pool figures of the open connections (for the status bar). */
  async refreshStatus(): Promise<void> {
    const statuses = await this.#client.call('connections.status', {});
    const live = Object.fromEntries(statuses.map((s) => [s.id, s]));
    const before = this.value.live;
    const ids = new Set([...Object.keys(before), ...Object.keys(live)]);
    const changed = [...ids].filter(
      (id) => JSON.stringify(before[id]) !== JSON.stringify(live[id]),
    );
    if (changed.length > 0)
      this.set(
        { ...this.value, live },
        changed.map((id) => `live:${id}`),
      );
  }

  byId(id: string | null | undefined): SavedConnection | undefined {
    return id ? this.value.saved.find((c) => c.id === id) : undefined;
  }

  phaseOf(id: string): ConnectionPhase {
    return this.value.phase[id] ?? 'disconnected';
  }

  select(id: string | null): void {
    this.set({ ...this.value, activeId: id });
  }

  /**
   * Saves (creates, or changes the one with `id`); resolves with the stored connection,
   * selected. The list comes with `connections.changed`, which the backend sends first.
   */
  async save(input: ConnectionInput): Promise<SavedConnection> {
    const saved = await this.#client.call('connections.save', input);
    if (!this.byId(saved.id)) await this.load(); // the event was missed (a reconnect)
    this.select(saved.id);
    return saved;
  }

  /** Deletes one (disconnecting it first); `force` even with a tab's open transaction. */
  async delete(id: string, force = false): Promise<void> {
    await this.#client.call('connections.delete', { id, force });
    // Gone with `connections.changed` already, unless the event was missed.
    if (this.byId(id)) {
      this.#setSaved(this.value.saved.filter((c) => c.id !== id));
    }
  }

  /**
   * Connects; resolves with its status. `remember` keeps the typed secrets in the keychain
   * once connected (`true`: all; a list: those named). A failure is kept (`errors`) and
   * thrown, e.g. the SSH_HOST_KEY_UNCONFIRMED error a view answers with `acceptHostKey`.
   */
  async connect(id: string, options: ConnectOptions = {}): Promise<LiveStatus> {
    this.#setLive(id, this.value.live[id], 'connecting');
    try {
      const status = await this.#client.call('connections.connect', { id, ...options });
      this.#setLive(id, status, 'connected');
      this.select(id);
      return status;
    } catch (error) {
      const info = error instanceof RequestError ? error.info : undefined;
      this.#setLive(id, this.value.live[id], 'failed', info);
      throw error;
    }
  }

  async disconnect(id: string, force = false): Promise<void> {
    await this.#client.call('connections.disconnect', { id, force });
    this.#setLive(id, undefined, 'disconnected');
  }

  /** Tests unsaved fields (or a URL); resolves with what the server said. */
  test(
    params: Methods['connections.test']['params'],
  ): Promise<Methods['connections.test']['result']> {
    return this.#client.call('connections.test', params);
  }

  /** The saved list as the backend gave it (the selection kept while it is listed). */
  #setSaved(saved: SavedConnection[]): void {
    const activeId = saved.some((c) => c.id === this.value.activeId) ? this.value.activeId : null;
    this.set({ ...this.value, loaded: true, saved, activeId });
  }

  /**
   * One connection's open status (undefined: not open), phase and last failure (kept until
   * it connects), named `live:<id>`, `phase:<id>` and `errors:<id>`.
   */
  #setLive(
    id: string,
    status: LiveStatus | undefined,
    phase: ConnectionPhase,
    error?: ErrorInfo,
  ): void {
    const live = { ...this.value.live };
    if (status) live[id] = status;
    else delete live[id];
    const errors = { ...this.value.errors };
    if (error) errors[id] = error;
    else if (phase === 'connected') delete errors[id];
    this.set({ ...this.value, live, phase: { ...this.value.phase, [id]: phase }, errors }, [
      `live:${id}`,
      `phase:${id}`,
      `errors:${id}`,
    ]);
  }
}
