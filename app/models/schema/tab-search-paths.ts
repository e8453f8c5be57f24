/** Reads a tab's `search_path` from its own session (see `TabSessions.searchPath`). */
export interface SearchPathReader {
  searchPath(connectionId: string, tabId: string): Promise<string[] | null>;
}

/**
 * The `search_path` of each editor tab, read once from the tab's session (when it has
 * one that is idle) and kept; until then, and for a place with no tab, the catalog's
 * (the role's default). Forgotten with its connection.
 */
export class TabSearchPaths {
  readonly #reader: SearchPathReader | null;
  readonly #paths = new Map<string, Promise<string[] | null>>();

  constructor(reader: SearchPathReader | null) {
    this.#reader = reader;
  }

  /** The tab's path, else `fallback`. Never rejects. */
  async of(connectionId: string, tabId: string | undefined, fallback: string[]): Promise<string[]> {
    if (!tabId || !this.#reader) return fallback;
    const key = `${connectionId}\n${tabId}`;
    let read = this.#paths.get(key);
    if (!read) {
      read = this.#reader.searchPath(connectionId, tabId).catch(() => null);
      this.#paths.set(key, read);
    }
    const path = await read;
    // Not read (no session yet, or it was busy): asked again next time.
    if (!path && this.#paths.get(key) === read) this.#paths.delete(key);
    return path ?? fallback;
  }

  /** Forgets the paths of a connection's tabs (it closed), or of one tab. */
  forget(connectionId: string, tabId?: string): void {
    const prefix = tabId === undefined ? `${connectionId}\n` : `${connectionId}\n${tabId}`;
    for (const key of [...this.#paths.keys()]) {
      if (tabId === undefined ? key.startsWith(prefix) : key === prefix) this.#paths.delete(key);
    }
  }
}
