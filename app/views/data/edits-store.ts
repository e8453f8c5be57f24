import type { TuskClient } from '../client';
import { EditSession, type EditPlace } from './edit-session';
import type { ResultSource } from './result-source';

/**
 * The edit sessions of the tabs' results (one per result shown in a grid), so that what
 * ends a tab's result — closing the tab, switching its connection, a new run — can ask
 * about pending changes first ({@link pendingIn}) and drop them ({@link forgetTab}).
 */
export class EditsStore {
  readonly #client: TuskClient;
  readonly #inTransaction: (tabId: string) => boolean;
  readonly #production: (connectionId: string) => string | null;
  /** By tab: its sessions by `queryId:result`. */
  readonly #byTab = new Map<string, Map<string, EditSession>>();

  /**
   * `inTransaction`: whether a tab's session has its own transaction open; `production`: a
   * connection's name when it is marked production (its applies ask first), else null.
   */
  constructor(
    client: TuskClient,
    inTransaction: (tabId: string) => boolean,
    production: (connectionId: string) => string | null,
  ) {
    this.#client = client;
    this.#inTransaction = inTransaction;
    this.#production = production;
  }

  /** The edit session of a result (made at the first ask), over its source `base`. */
  session(place: EditPlace, base: ResultSource): EditSession {
    const key = `${place.queryId}:${place.result ?? ''}`;
    let sessions = this.#byTab.get(place.tabId);
    if (!sessions) this.#byTab.set(place.tabId, (sessions = new Map()));
    let session = sessions.get(key);
    if (!session) {
      session = new EditSession(
        this.#client,
        place,
        base,
        () => this.#inTransaction(place.tabId),
        () => this.#production(place.connectionId),
      );
      sessions.set(key, session);
    }
    return session;
  }

  /** How many changes the tab's results hold, not applied. */
  pendingIn(tabId: string): number {
    let count = 0;
    for (const session of this.#byTab.get(tabId)?.values() ?? []) count += session.pending.size;
    return count;
  }

  /** Drops a query's sessions (its result was freed or replaced). */
  forgetQuery(tabId: string, queryId: string): void {
    const sessions = this.#byTab.get(tabId);
    for (const [key, session] of sessions ?? []) {
      if (session.place.queryId !== queryId) continue;
      session.dispose();
      sessions!.delete(key);
    }
  }

  /** Drops every session of a tab (closed, or on another connection now). */
  forgetTab(tabId: string): void {
    for (const session of this.#byTab.get(tabId)?.values() ?? []) session.dispose();
    this.#byTab.delete(tabId);
  }
}
