import type { ConnectionPool } from '../connections/connection-pool';
import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';
import type { FinishedRun } from '../queries/query-service';
import { CatalogCache } from './catalog-cache';
import { CatalogIndex } from './catalog-index';
import { loadCatalog, loadSchemaSummaries } from './catalog-load';
import { DdlWatch, RELOAD_DELAY_MS } from './ddl-watch';
import { label, notFound, readObject } from './object-details';
import { loadParser } from '../sql/pg-parser';
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

const log = getLogger('schema');

/**
 * A schema's objects carry their columns in `schema.tree` while the schema has at most
 * this many columns in all; past it (a reply of many MiB) they are left out and
 * `schema.object` gives a relation's columns.
 */
export const TREE_COLUMNS_LIMIT = 50_000;

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
  /** The open connections: a catalog is read on one of their pool sessions. */
  live: LiveConnections;
  /** Pushes an event to every view (`schema.changed`). */
  emit(event: string, payload: unknown): void;
  /** Where finished runs of user SQL are heard (`QueryService.onFinished`): DDL reloads. */
  runs?: { onFinished(listener: (run: FinishedRun) => void): void };
  /** Wait after DDL before reloading (ms; default 100). */
  reloadDelayMs?: number;
  /** Reads a tab's `search_path` from its session (`TabSessions`), for completion. */
  tabs?: SearchPathReader;
}

/**
 * The schema cache of every open connection: its catalog loaded on first use (one load at
 * a time), kept until `schema.refresh` or DDL that Tusk ran and that committed reloads it
 * (then `schema.changed`), dropped when the connection closes. Serves the tree, object
 * details with DDL, search, and the catalog for completion.
 */
export class SchemaService {
  readonly #live: LiveConnections;
  readonly #emit: (event: string, payload: unknown) => void;
  readonly #cache: CatalogCache;
  readonly #watch: DdlWatch;
  readonly #searchPaths: TabSearchPaths;

  constructor(options: SchemaServiceOptions) {
    this.#live = options.live;
    this.#emit = options.emit;
    this.#searchPaths = new TabSearchPaths(options.tabs ?? null);
    this.#cache = new CatalogCache((id) => this.#load(id));
    this.#watch = new DdlWatch(
      (id) => void this.#reloadAfterDdl(id),
      options.reloadDelayMs ?? RELOAD_DELAY_MS,
    );
    options.runs?.onFinished((run) => {
      this.#watch.runFinished(run);
      // A run in a tab's session may have SET its search_path: read again when next asked.
      if (run.tabId) this.#searchPaths.forget(run.connectionId, run.tabId);
    });
    options.live.onClose((id) => {
      this.#cache.forget(id);
      this.#watch.forget(id);
      this.#searchPaths.forget(id);
    });
  }

  /**
   * `schema.tree`: without `schema`, the schemas (system ones with `includeSystem`), user
   * schemas first, by name; with it, its objects by kind then name.
   * @throws TuskError `connection` `CONNECTION_NOT_OPEN`; `validation` `OBJECT_NOT_FOUND`
   *   for an unknown schema.
   */
  tree(input: { connectionId: string; includeSystem?: boolean }): Promise<SchemaSummary[]>;
  tree(input: {
    connectionId: string;
    schema: string;
    includeSystem?: boolean;
  }): Promise<TreeObject[]>;
  async tree(input: {
    connectionId: string;
    schema?: string;
    includeSystem?: boolean;
  }): Promise<SchemaSummary[] | TreeObject[]> {
    if (input.schema === undefined) {
      const visible = (s: SchemaSummary) => input.includeSystem || !s.system;
      const pool = this.#pool(input.connectionId);
      const held = this.#cache.peek(input.connectionId);
      if (held) return held.snapshot.schemas.filter(visible);
      // Not loaded yet: the whole load starts, and the schemas come at once from a grouped
      // query beside it (the first level of a 20,000-table database in tens of ms).
      this.#cache.get(input.connectionId).catch(() => undefined);
      return (await pool.run((db) => loadSchemaSummaries(db))).filter(visible);
    }
    const index = await this.#index(input.connectionId);
    if (!index.hasSchema(input.schema)) {
      throw new TuskError('validation', `There is no schema ${input.schema}`, {
        code: 'OBJECT_NOT_FOUND',
        hint: 'It may have been dropped or renamed: refresh the schema (schema.refresh).',
      });
    }
    const objects = index.objectsOf(input.schema);
    let columns = 0;
    for (const o of objects) columns += o.columns?.length ?? 0;
    if (columns <= TREE_COLUMNS_LIMIT) return objects;
    return objects.map(({ columns: _left, ...rest }) => rest);
  }

  /**
   * `schema.object`: an object's details and DDL, by OID and kind, or (a convenience) by
   * schema, name and kind.
   * @throws TuskError `OBJECT_NOT_FOUND`, `OBJECT_KIND_MISMATCH`, `AMBIGUOUS_OBJECT`
   *   (`validation`), `CONNECTION_NOT_OPEN`.
   */
  async object(
    input:
      | { connectionId: string; oid: number; kind: ObjectKind }
      | { connectionId: string; schema: string; name: string; kind: ObjectKind },
  ): Promise<ObjectDetails> {
    const index = await this.#index(input.connectionId);
    let oid: number;
    if ('oid' in input) {
      oid = input.oid;
    } else {
      const found = index.byName(input.schema, input.name, input.kind);
      const same = found.filter((o) => o.kind === input.kind);
      if (same.length > 1) {
        throw new TuskError(
          'validation',
          `${same.length} ${label(input.kind)}s are named ${input.schema}.${input.name}`,
          { code: 'AMBIGUOUS_OBJECT', hint: 'Name it by its OID (oid and kind).' },
        );
      }
      const match = same[0] ?? found[0];
      if (!match) throw notFound(input.kind, `${input.schema}.${input.name}`);
      oid = match.oid;
    }
    const pool = this.#pool(input.connectionId);
    return pool.run((db) =>
      readObject(
        db,
        { oid, kind: input.kind },
        { version: index.snapshot.serverVersion, keywords: index.keywords },
      ),
    );
  }

  /**
   * `schema.search`: objects and columns whose name holds `text`, ignoring case; exact
   * names first, then prefixes, then the rest (objects before columns, shorter first).
   */
  async search(input: {
    connectionId: string;
    text: string;
    limit: number;
    includeSystem?: boolean;
  }): Promise<SearchHit[]> {
    const index = await this.#index(input.connectionId);
    return index.search(input.text, input.limit, input.includeSystem);
  }

  /**
   * `schema.refresh`: loads the catalog again (after a load under way, if any), then
   * pushes `schema.changed`. A failed reload keeps the catalog held and rejects.
   */
  async refresh(connectionId: string): Promise<{ loadMs: number }> {
    this.#pool(connectionId);
    const index = await this.#cache.reload(connectionId);
    this.#emit('schema.changed', { connectionId });
    return { loadMs: index.snapshot.loadMs };
  }

  /**
   * The catalog of an open connection, loaded on first use: what completion and hover
   * read (never a query per keystroke).
   * @throws TuskError `CONNECTION_NOT_OPEN`, or the load's error.
   */
  async catalog(connectionId: string): Promise<CatalogSnapshot> {
    return (await this.#index(connectionId)).snapshot;
  }

  /**
   * A tab's session ended: closed with its transaction committed (`committed`), rolled
   * back, or lost. DDL it ran in that transaction counts when it committed.
   */
  tabEnded(connectionId: string, tabId: string, committed: boolean): void {
    this.#watch.tabEnded(connectionId, tabId, committed);
    this.#searchPaths.forget(connectionId, tabId);
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

  async #index(connectionId: string): Promise<CatalogIndex> {
    this.#pool(connectionId);
    return this.#cache.get(connectionId);
  }

  #pool(connectionId: string): ConnectionPool {
    const pool = this.#live.pool(connectionId);
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        code: 'CONNECTION_NOT_OPEN',
        hint: 'Connect to it first (connections.connect), then browse its schema.',
      });
    }
    return pool;
  }

  async #load(connectionId: string): Promise<CatalogIndex> {
    const pool = this.#pool(connectionId);
    const snapshot = await pool.run((db) => loadCatalog(db));
    const index = new CatalogIndex(snapshot);
    log.info(
      `catalog of ${connectionId}: ${snapshot.objects.length} objects in ${snapshot.loadMs} ms`,
    );
    return index;
  }

  /** DDL committed: the catalog held (or loading) is loaded again, then `schema.changed`. */
  async #reloadAfterDdl(connectionId: string): Promise<void> {
    if (!this.#live.pool(connectionId) || !this.#cache.holds(connectionId)) return;
    try {
      await this.#cache.reload(connectionId);
      this.#emit('schema.changed', { connectionId });
    } catch (error) {
      log.warn(`catalog of ${connectionId} not reloaded: ${(error as Error).message}`);
    }
  }
}
