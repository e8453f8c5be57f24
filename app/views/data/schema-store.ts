import type {
  ObjectDetails,
  ObjectKind,
  SchemaSummary,
  SearchHit,
  TreeObject,
} from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';
import { Store } from './store';

/** What the views hold of one open connection's catalog. */
export interface ConnectionCatalog {
  /** Its schemas (system ones only with {@link includeSystem}); null until the first answer. */
  schemas: SchemaSummary[] | null;
  /** True while the user asked for system schemas on this connection (the tree's toggle). */
  includeSystem: boolean;
  /** The objects of the schemas asked for, by schema name. */
  objects: Record<string, TreeObject[]>;
  /** Why the schemas could not be read (shown in their place); null when they could. */
  error: string | null;
  /**
   * Counts the catalog's reloads (`schema.changed`) and the system schemas toggled: a search
   * shown is asked again.
   */
  generation: number;
}

/** The catalogs by connection id. */
export type SchemaState = Record<string, ConnectionCatalog>;

const EMPTY: ConnectionCatalog = {
  schemas: null,
  includeSystem: false,
  objects: {},
  error: null,
  generation: 0,
};

/**
 * The schema domain of the views: per open connection, its schemas, the objects of the
 * schemas the tree opened (`schema.tree`), the details of objects asked for
 * (`schema.object`) and search (`schema.search`). What is held is asked again when the
 * backend says the catalog changed (`schema.changed`: after DDL run in Tusk, or a refresh),
 * so the tree follows without a manual refresh; a connection's part is dropped when it
 * closes. System schemas are asked for (`includeSystem`) per connection once the user turns
 * them on ({@link setIncludeSystem}); the choice is kept in memory while the app runs. A
 * change names what it concerns: `<connection id>` for its schemas and objects,
 * `details:<connection id>:<oid>` for one object's details.
 */
export class SchemaStore extends Store<SchemaState> {
  readonly #client: TuskClient;
  /** Requests under way, so one is asked once: `schemas:<id>`, `objects:<id>:<schema>`. */
  readonly #loading = new Map<string, Promise<void>>();
  readonly #details = new Map<string, ObjectDetails>();
  readonly #detailsLoading = new Map<string, Promise<ObjectDetails>>();
  /** The kind of each object whose details were asked (to ask again after a change). */
  readonly #detailKinds = new Map<string, ObjectKind>();
  /** The connections whose system schemas are shown (kept across a reconnect). */
  readonly #system = new Set<string>();

  constructor(client: TuskClient) {
    super({});
    this.#client = client;
    client.on('schema.changed', ({ connectionId }) => void this.#reload(connectionId));
    client.on('connection.status', ({ id, status }) => {
      if (!status) this.drop(id);
    });
    client.on('connection.dropped', ({ id, closed }) => {
      if (closed) this.drop(id);
    });
  }

  /** The catalog held for a connection (empty when nothing was asked yet). */
  of(connectionId: string): ConnectionCatalog {
    return this.value[connectionId] ?? EMPTY;
  }

  /** True when the connection's system schemas are shown. */
  includesSystem(connectionId: string): boolean {
    return this.#system.has(connectionId);
  }

  /**
   * Shows or hides the connection's system schemas (pg_catalog, information_schema,
   * pg_toast, temp schemas): its schemas are asked again with or without them, and a search
   * shown is asked again (the generation moves). Resolves once the schemas came.
   */
  async setIncludeSystem(connectionId: string, on: boolean): Promise<void> {
    if (on === this.#system.has(connectionId)) return;
    if (on) this.#system.add(connectionId);
    else this.#system.delete(connectionId);
    this.#put(connectionId, { generation: this.of(connectionId).generation + 1 });
    await this.#loadSchemas(connectionId);
  }

  /** Asks for the connection's schemas unless they are held or asked already. */
  ensureSchemas(connectionId: string): void {
    const held = this.value[connectionId];
    if (held?.schemas || held?.error) return;
    void this.#once(`schemas:${connectionId}`, () => this.#loadSchemas(connectionId));
  }

  /** Asks for a schema's objects unless they are held or asked already. */
  ensureObjects(connectionId: string, schema: string): void {
    if (this.of(connectionId).objects[schema]) return;
    void this.#once(`objects:${connectionId}:${schema}`, () =>
      this.#loadObjects(connectionId, schema),
    );
  }

  /** The details held of an object, if any. */
  detailsOf(connectionId: string, oid: number): ObjectDetails | undefined {
    return this.#details.get(`${connectionId}:${oid}`);
  }

  /**
   * The details of an object (`schema.object`), held until the catalog changes or the
   * connection closes; asked once however many ask.
   */
  details(connectionId: string, oid: number, kind: ObjectKind): Promise<ObjectDetails> {
    const key = `${connectionId}:${oid}`;
    const held = this.#details.get(key);
    if (held) return Promise.resolve(held);
    const asked = this.#detailsLoading.get(key);
    if (asked) return asked;
    this.#detailKinds.set(key, kind);
    const request = this.#client
      .call('schema.object', { connectionId, oid, kind })
      .then((details) => {
        if (this.#detailKinds.has(key)) {
          this.#details.set(key, details);
          this.set({ ...this.value }, [`details:${key}`]);
        }
        return details;
      })
      .finally(() => this.#detailsLoading.delete(key));
    this.#detailsLoading.set(key, request);
    return request;
  }

  /**
   * The details of a relation found by its name (an object view whose object was made
   * again under a new oid); held under its oid as {@link details} holds them.
   */
  async detailsByName(
    connectionId: string,
    ref: { schema: string; name: string; kind: ObjectKind },
  ): Promise<ObjectDetails> {
    const details = await this.#client.call('schema.object', { connectionId, ...ref });
    const key = `${connectionId}:${details.oid}`;
    this.#detailKinds.set(key, details.kind);
    this.#details.set(key, details);
    this.set({ ...this.value }, [`details:${key}`]);
    return details;
  }

  /**
   * Objects and columns whose name holds `text`, best first (`schema.search`); those of
   * system schemas only while they are shown.
   */
  search(connectionId: string, text: string, limit = 100): Promise<SearchHit[]> {
    const includeSystem = this.#system.has(connectionId);
    return this.#client.call('schema.search', { connectionId, text, limit, includeSystem });
  }

  /** Reads the catalog again from the server; what is shown follows (`schema.changed`). */
  async refresh(connectionId: string): Promise<void> {
    await this.#client.call('schema.refresh', { connectionId });
  }

  /** Forgets a connection's catalog (it closed). */
  drop(connectionId: string): void {
    this.#drops.set(connectionId, this.#epoch(connectionId) + 1);
    for (const key of [...this.#detailKinds.keys()])
      if (key.startsWith(`${connectionId}:`)) this.#forgetDetails(key);
    if (!(connectionId in this.value)) return;
    const next = { ...this.value };
    delete next[connectionId];
    this.set(next, [connectionId]);
  }

  /** The catalog changed on the server: what is held is asked again. */
  async #reload(connectionId: string): Promise<void> {
    const held = this.value[connectionId];
    const details = [...this.#detailKinds].filter(([key]) => key.startsWith(`${connectionId}:`));
    for (const [key] of details) this.#forgetDetails(key);
    if (!held) return;
    this.#put(connectionId, { generation: held.generation + 1 });
    await Promise.all([
      this.#loadSchemas(connectionId),
      ...Object.keys(held.objects).map((schema) => this.#loadObjects(connectionId, schema)),
      ...details.map(([key, kind]) =>
        this.details(connectionId, Number(key.slice(connectionId.length + 1)), kind).catch(
          () => undefined,
        ),
      ),
    ]);
  }

  #forgetDetails(key: string): void {
    this.#details.delete(key);
    this.#detailKinds.delete(key);
    this.#detailsLoading.delete(key);
  }

  async #loadSchemas(connectionId: string): Promise<void> {
    const epoch = this.#epoch(connectionId);
    const includeSystem = this.#system.has(connectionId);
    // Left when the toggle moved meanwhile: the load it started brings the answer.
    const current = () =>
      epoch === this.#epoch(connectionId) && includeSystem === this.#system.has(connectionId);
    try {
      // Without `schema`, `schema.tree` lists the schemas.
      const reply = await this.#client.call('schema.tree', { connectionId, includeSystem });
      const schemas = reply as SchemaSummary[];
      if (!current()) return;
      const names = new Set(schemas.map((s) => s.name));
      const objects = Object.fromEntries(
        Object.entries(this.of(connectionId).objects).filter(([name]) => names.has(name)),
      );
      this.#put(connectionId, { schemas, objects, error: null });
    } catch (error) {
      if (current()) this.#put(connectionId, { error: messageOf(error) });
    }
  }

  async #loadObjects(connectionId: string, schema: string): Promise<void> {
    const epoch = this.#epoch(connectionId);
    const system = this.of(connectionId).schemas?.find((s) => s.name === schema)?.system === true;
    let objects: TreeObject[];
    try {
      // With `schema`, `schema.tree` lists that schema's objects (the method's inferred
      // result type is its first overload's).
      const reply: unknown = await this.#client.call('schema.tree', {
        connectionId,
        schema,
        ...(system ? { includeSystem: true } : {}),
      });
      objects = reply as TreeObject[];
    } catch {
      objects = []; // a schema dropped meanwhile, or not readable: shown empty
    }
    if (epoch !== this.#epoch(connectionId)) return;
    const held = this.of(connectionId);
    this.#put(connectionId, { objects: { ...held.objects, [schema]: objects } });
  }

  /** How many times each connection's catalog was dropped: a late answer is left. */
  readonly #drops = new Map<string, number>();

  #epoch(connectionId: string): number {
    return this.#drops.get(connectionId) ?? 0;
  }

  #once(key: string, load: () => Promise<void>): Promise<void> {
    const asked = this.#loading.get(key);
    if (asked) return asked;
    const request = load().finally(() => this.#loading.delete(key));
    this.#loading.set(key, request);
    return request;
  }

  #put(connectionId: string, fields: Partial<ConnectionCatalog>): void {
    const includeSystem = this.#system.has(connectionId);
    this.set(
      { ...this.value, [connectionId]: { ...this.of(connectionId), ...fields, includeSystem } },
      [connectionId],
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof RequestError ? error.info.message : String(error);
}
