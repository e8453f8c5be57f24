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
 * show a validation message next to its field.
 */
export class ConnectionsStore extends Store<ConnectionsState> {
  readonly #client: TuskClient;

  constructor(client: TuskClient) {
    super({ loaded: false, saved: [], live: {}, phase: {}, errors: {}, activeId: null });
    this.#client = client;
    client.on('connection.dropped', (drop) => {
      const live = { ...this.value.live };
      if (drop.closed) delete live[drop.id];
      this.set({ ...this.value, live, phase: { ...this.value.phase, [drop.id]: 'dropped' } });
    });
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
    const live = await this.#client.call('connections.status', {});
    this.set({ ...this.value, live: Object.fromEntries(live.map((s) => [s.id, s])) });
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

  /** Saves (creates, or changes the one with `id`); resolves with the stored connection. */
  async save(input: ConnectionInput): Promise<SavedConnection> {
    const saved = await this.#client.call('connections.save', input);
    await this.load();
    this.select(saved.id);
    return saved;
  }

  /** Deletes one (disconnecting it first); `force` even with a tab's open transaction. */
  async delete(id: string, force = false): Promise<void> {
    await this.#client.call('connections.delete', { id, force });
    await this.load();
  }

  /**
   * Connects; resolves with its status. `remember` keeps the typed secrets in the keychain
   * once connected (`true`: all; a list: those named). A failure is kept (`errors`) and
   * thrown, e.g. the SSH_HOST_KEY_UNCONFIRMED error a view answers with `acceptHostKey`.
   */
  async connect(id: string, options: ConnectOptions = {}): Promise<LiveStatus> {
    this.#setPhase(id, 'connecting');
    try {
      const status = await this.#client.call('connections.connect', { id, ...options });
      const errors = { ...this.value.errors };
      delete errors[id];
      this.set({
        ...this.value,
        live: { ...this.value.live, [id]: status },
        phase: { ...this.value.phase, [id]: 'connected' },
        errors,
        activeId: id,
      });
      return status;
    } catch (error) {
      const info = error instanceof RequestError ? error.info : undefined;
      this.set({
        ...this.value,
        phase: { ...this.value.phase, [id]: 'failed' },
        errors: info ? { ...this.value.errors, [id]: info } : this.value.errors,
      });
      throw error;
    }
  }

  async disconnect(id: string, force = false): Promise<void> {
    await this.#client.call('connections.disconnect', { id, force });
    const live = { ...this.value.live };
    delete live[id];
    this.set({ ...this.value, live, phase: { ...this.value.phase, [id]: 'disconnected' } });
  }

  /** Tests unsaved fields (or a URL); resolves with what the server said. */
  test(
    params: Methods['connections.test']['params'],
  ): Promise<Methods['connections.test']['result']> {
    return this.#client.call('connections.test', params);
  }

  #setPhase(id: string, phase: ConnectionPhase): void {
    this.set({ ...this.value, phase: { ...this.value.phase, [id]: phase } });
  }
}
