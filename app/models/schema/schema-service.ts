// CONTRACT SKELETON (branch only): the schema helper replaces every method with the real one.
import { TuskError } from '../errors/errors';
import { loadParser } from '../sql/pg-parser';
import type { LiveConnections } from '../connections/live-connections';
import { loadTemporaryCatalog } from './catalog-temp';
import { completeAt } from './completion';
import { symbolAt } from './symbol-at';
import { TabSearchPaths, type SearchPathReader } from './tab-search-paths';
import type {
  CatalogSnapshot,
  CompletionReply,
  ObjectDetails,
  ObjectKind,
  SchemaSummary,
  SearchHit,
  SymbolInfo,
  TreeObject,
} from './schema-types';

/** Where in the editor: the text, a UTF-16 offset, and the tab (for its search_path). */
export interface EditorPlace {
  connectionId: string;
  sql: string;
  offset: number;
  tabId?: string;
  explicit?: boolean;
}

/** Options of {@link SchemaService}. */
export interface SchemaServiceOptions {
  /** Reads a tab's `search_path` from its session (`TabSessions`), for completion. */
  tabs?: SearchPathReader;
  /** TEMPORARY (until i25-model is merged): the open connections, for the temporary catalog. */
  live?: LiveConnections;
}

/** The schema cache of every open connection. */
export class SchemaService {
  readonly #searchPaths: TabSearchPaths;
  readonly #live: LiveConnections | null;
  readonly #catalogs = new Map<string, Promise<CatalogSnapshot>>();

  constructor(options: SchemaServiceOptions = {}) {
    this.#searchPaths = new TabSearchPaths(options.tabs ?? null);
    this.#live = options.live ?? null;
  }

  /** TEMPORARY: the model step's catalog replaces this (loaded once, never reloaded here). */
  catalog(connectionId: string): Promise<CatalogSnapshot> {
    const live = this.#live;
    if (!live) return Promise.reject(notYet());
    let kept = this.#catalogs.get(connectionId);
    if (!kept) {
      kept = loadTemporaryCatalog(live, connectionId);
      kept.catch(() => this.#catalogs.delete(connectionId));
      this.#catalogs.set(connectionId, kept);
    }
    return kept;
  }
  tree(input: { connectionId: string; includeSystem?: boolean }): Promise<SchemaSummary[]>;
  tree(input: {
    connectionId: string;
    schema: string;
    includeSystem?: boolean;
  }): Promise<TreeObject[]>;
  tree(_input: {
    connectionId: string;
    schema?: string;
    includeSystem?: boolean;
  }): Promise<SchemaSummary[] | TreeObject[]> {
    return Promise.reject(notYet());
  }

  object(
    _input:
      | { connectionId: string; oid: number; kind: ObjectKind }
      | { connectionId: string; schema: string; name: string; kind: ObjectKind },
  ): Promise<ObjectDetails> {
    return Promise.reject(notYet());
  }

  search(_input: {
    connectionId: string;
    text: string;
    limit: number;
    includeSystem?: boolean;
  }): Promise<SearchHit[]> {
    return Promise.reject(notYet());
  }

  refresh(_connectionId: string): Promise<{ loadMs: number }> {
    return Promise.reject(notYet());
  }

  /**
   * `schema.complete`: what to offer at the cursor, from the catalog in memory (loaded on
   * first use; never a query per keystroke), with the tab's `search_path` (read once from
   * its session) or else the role's default.
   */
  async complete(input: EditorPlace): Promise<CompletionReply> {
    const [snapshot] = await Promise.all([this.catalog(input.connectionId), loadParser()]);
    const searchPath = await this.#searchPath(input, snapshot);
    return completeAt(snapshot, { ...input, searchPath, explicit: input.explicit ?? false });
  }

  /** `schema.at`: the object (and column) named at the offset, with a summary; or null. */
  async at(input: EditorPlace): Promise<SymbolInfo | null> {
    const [snapshot] = await Promise.all([this.catalog(input.connectionId), loadParser()]);
    const searchPath = await this.#searchPath(input, snapshot);
    return symbolAt(snapshot, { ...input, searchPath });
  }

  #searchPath(input: EditorPlace, snapshot: CatalogSnapshot): Promise<string[]> {
    return this.#searchPaths.of(input.connectionId, input.tabId, snapshot.searchPath);
  }
}

function notYet(): TuskError {
  return new TuskError('internal', 'not built yet');
}
