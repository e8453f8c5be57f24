import { isSystemSchema } from './catalog-load';
import { quotedKeywords } from './identifiers';
import type { CatalogSnapshot, ObjectKind, SearchHit, TreeObject } from './schema-types';

/** Kinds whose OIDs come from pg_class, pg_proc, pg_type, pg_extension: OIDs are unique per catalog. */
function catalogOf(kind: ObjectKind): string {
  switch (kind) {
    case 'function':
    case 'procedure':
    case 'aggregate':
      return 'proc';
    case 'type':
    case 'domain':
    case 'enum':
      return 'type';
    case 'extension':
      return 'extension';
    default:
      return 'class';
  }
}

/** One name to search: an object's, or a column's (`column` set). */
interface Entry {
  lower: string;
  object: TreeObject;
  column?: string;
  system: boolean;
}

/**
 * A loaded catalog with what reads it fast: objects by schema (in tree order), by OID and
 * by name, the quoted-keyword set, and a search list of every object and column name,
 * lower-cased once, ordered so a scan fills each rank best first (objects before columns,
 * shorter names first, then schema and name).
 */
export class CatalogIndex {
  readonly snapshot: CatalogSnapshot;
  /** The words {@link quoteIdent} must quote on this server. */
  readonly keywords: ReadonlySet<string>;
  readonly #bySchema = new Map<string, TreeObject[]>();
  readonly #byOid = new Map<string, TreeObject>();
  readonly #entries: Entry[] = [];

  constructor(snapshot: CatalogSnapshot) {
    this.snapshot = snapshot;
    this.keywords = quotedKeywords(snapshot.keywords);
    // Objects, then columns; each by name length (a counting sort: the snapshot's own
    // order — schema, kind, name — stays within a length).
    const objects: Entry[][] = [];
    const columns: Entry[][] = [];
    const put = (into: Entry[][], e: Entry) => (into[e.lower.length] ??= []).push(e);
    for (const o of snapshot.objects) {
      let list = this.#bySchema.get(o.schema);
      if (!list) this.#bySchema.set(o.schema, (list = []));
      list.push(o);
      this.#byOid.set(`${catalogOf(o.kind)}:${o.oid}`, o);
      const system = isSystemSchema(o.schema);
      put(objects, { lower: o.name.toLowerCase(), object: o, system });
      for (const c of o.columns ?? []) {
        put(columns, { lower: c.name.toLowerCase(), object: o, column: c.name, system });
      }
    }
    for (const byLength of [objects, columns]) {
      for (const list of byLength) if (list) for (const e of list) this.#entries.push(e);
    }
  }

  /** The objects of `schema`, by kind then name (empty when it has none or is unknown). */
  objectsOf(schema: string): TreeObject[] {
    return this.#bySchema.get(schema) ?? [];
  }

  /** True when the schema exists. */
  hasSchema(schema: string): boolean {
    return this.snapshot.schemas.some((s) => s.name === schema);
  }

  /** The object of that kind's catalog with that OID. */
  byOid(oid: number, kind: ObjectKind): TreeObject | undefined {
    return this.#byOid.get(`${catalogOf(kind)}:${oid}`);
  }

  /** Objects of `schema` named `name` whose kind is in the same catalog as `kind`. */
  byName(schema: string, name: string, kind: ObjectKind): TreeObject[] {
    const family = catalogOf(kind);
    return this.objectsOf(schema).filter((o) => o.name === name && catalogOf(o.kind) === family);
  }

  /**
   * Objects and columns whose name holds `text` (case-insensitive): exact matches first,
   * then prefixes, then the rest; within a rank objects before columns, shorter names
   * first. System schemas only with `includeSystem`. One pass over the lower-cased names.
   */
  search(text: string, limit: number, includeSystem = false): SearchHit[] {
    const needle = text.toLowerCase();
    const ranks: Entry[][] = [[], [], []];
    for (const e of this.#entries) {
      if (e.system && !includeSystem) continue;
      const at = e.lower.indexOf(needle);
      if (at < 0) continue;
      const rank = at > 0 ? 2 : e.lower.length === needle.length ? 0 : 1;
      const bucket = ranks[rank]!;
      if (bucket.length < limit) bucket.push(e);
      // Once the exact rank is full nothing later can enter the answer.
      if (rank === 0 && bucket.length >= limit) break;
    }
    return ranks
      .flat()
      .slice(0, limit)
      .map((e) => ({
        kind: e.object.kind,
        schema: e.object.schema,
        name: e.object.name,
        oid: e.object.oid,
        ...(e.column === undefined ? {} : { column: e.column }),
      }));
  }
}
