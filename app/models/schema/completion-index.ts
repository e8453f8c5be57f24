import { NON_UNRESERVED_KEYWORDS, quotedKeywords, quoteIdent } from './identifiers';
import {
  RELATION_KINDS,
  type CatalogSnapshot,
  type ObjectKind,
  type TreeObject,
} from './schema-types';

/** What completion and hover look names up in: built once per snapshot. */
export interface CompletionIndex {
  snapshot: CatalogSnapshot;
  /** Relations (tables, views, …), by name. */
  relationsByName: Map<string, TreeObject[]>;
  /** Relations sorted by name without case. */
  relations: TreeObject[];
  /** Functions, procedures and aggregates by name; and sorted by name. */
  functionsByName: Map<string, TreeObject[]>;
  functions: TreeObject[];
  /** Types, domains and enums sorted by name. */
  types: TreeObject[];
  bySchema: Map<string, TreeObject[]>;
  /** Schema names, sorted. */
  schemas: string[];
  /** The keywords a name must be quoted for (all but unreserved ones). */
  quoted: ReadonlySet<string>;
  /** The server's keywords, lower case, sorted. */
  keywords: string[];
}

const RELATION_SET = new Set<ObjectKind>(RELATION_KINDS);
const FUNCTION_SET = new Set<ObjectKind>(['function', 'procedure', 'aggregate']);
const TYPE_SET = new Set<ObjectKind>(['type', 'domain', 'enum']);
/** PostgreSQL's reserved words: used for quoting only when a snapshot lists no keywords. */
const cache = new WeakMap<CatalogSnapshot, CompletionIndex>();

/** The index of `snapshot`, built on first use and kept as long as the snapshot lives. */
export function completionIndex(snapshot: CatalogSnapshot): CompletionIndex {
  let index = cache.get(snapshot);
  if (!index) {
    index = build(snapshot);
    cache.set(snapshot, index);
  }
  return index;
}

function build(snapshot: CatalogSnapshot): CompletionIndex {
  const relationsByName = new Map<string, TreeObject[]>();
  const functionsByName = new Map<string, TreeObject[]>();
  const bySchema = new Map<string, TreeObject[]>();
  const relations: TreeObject[] = [];
  const functions: TreeObject[] = [];
  const types: TreeObject[] = [];
  const push = (map: Map<string, TreeObject[]>, key: string, o: TreeObject) => {
    const list = map.get(key);
    if (list) list.push(o);
    else map.set(key, [o]);
  };
  for (const o of snapshot.objects) {
    push(bySchema, o.schema, o);
    if (RELATION_SET.has(o.kind)) {
      relations.push(o);
      push(relationsByName, o.name, o);
    } else if (FUNCTION_SET.has(o.kind)) {
      functions.push(o);
      push(functionsByName, o.name, o);
    } else if (TYPE_SET.has(o.kind)) types.push(o);
  }
  const byName = (a: TreeObject, b: TreeObject) => compareNames(a.name, b.name);
  relations.sort(byName);
  functions.sort(byName);
  types.sort(byName);
  const quoted = snapshot.keywords.length
    ? quotedKeywords(snapshot.keywords.map((k) => ({ ...k, word: k.word.toLowerCase() })))
    : NON_UNRESERVED_KEYWORDS;
  return {
    snapshot,
    relationsByName,
    relations,
    functionsByName,
    functions,
    types,
    bySchema,
    schemas: snapshot.schemas.map((s) => s.name).sort(compareNames),
    quoted,
    keywords: snapshot.keywords.map((k) => k.word.toLowerCase()).sort(),
  };
}

/** Orders names without case, then with it. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** `name` as SQL must write it (quoted where this server's `quote_ident` would). */
export function quoteName(index: CompletionIndex, name: string): string {
  return quoteIdent(name, index.quoted);
}

/** The schema an unqualified `name` resolves to on `path` (null: on none of its schemas). */
function resolvedSchema(list: TreeObject[] | undefined, path: string[]): string | null {
  if (!list) return null;
  for (const schema of path) if (list.some((o) => o.schema === schema)) return schema;
  return null;
}

/** True when `o` is what its bare name means on `path` (no earlier schema hides it). */
export function isVisible(index: CompletionIndex, o: TreeObject, path: string[]): boolean {
  const list = FUNCTION_SET.has(o.kind)
    ? index.functionsByName.get(o.name)
    : RELATION_SET.has(o.kind)
      ? index.relationsByName.get(o.name)
      : (index.bySchema.get(o.schema) ?? []).filter((x) => x.name === o.name);
  if (!RELATION_SET.has(o.kind) && !FUNCTION_SET.has(o.kind)) return path.includes(o.schema);
  return resolvedSchema(list, path) === o.schema;
}

/** How to write `o` on `path`: its quoted name, qualified by its schema when not visible. */
export function nameFor(index: CompletionIndex, o: TreeObject, path: string[]): string {
  const name = quoteName(index, o.name);
  return isVisible(index, o, path) ? name : `${quoteName(index, o.schema)}.${name}`;
}

/**
 * The relation `[schema.]name` means on `path` (names as PostgreSQL folded them); failing an
 * exact match, the one match without case, if there is exactly one.
 */
export function findRelation(
  index: CompletionIndex,
  schema: string | null,
  name: string,
  path: string[],
): TreeObject | null {
  const exact = pick(index.relationsByName.get(name), schema, path);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const loose = index.relations.filter(
    (o) =>
      o.name.toLowerCase() === lower &&
      (schema === null ? path.includes(o.schema) : o.schema.toLowerCase() === schema.toLowerCase()),
  );
  return loose.length === 1 ? loose[0]! : null;
}

/** The function `[schema.]name` means on `path` (its first overload). */
export function findFunction(
  index: CompletionIndex,
  schema: string | null,
  name: string,
  path: string[],
): TreeObject | null {
  return pick(index.functionsByName.get(name), schema, path);
}

function pick(
  list: TreeObject[] | undefined,
  schema: string | null,
  path: string[],
): TreeObject | null {
  if (!list) return null;
  if (schema !== null) return list.find((o) => o.schema === schema) ?? null;
  const at = resolvedSchema(list, path);
  return at === null ? null : (list.find((o) => o.schema === at) ?? null);
}

/** A kind as a user reads it: `materialized view`, `partitioned table`. */
export function kindLabel(kind: string): string {
  return kind.replaceAll('_', ' ');
}

/** A function's detail: `(arguments) → result`. */
export function signature(o: TreeObject): string {
  const args = `(${o.arguments ?? ''})`;
  return o.returns ? `${args} → ${o.returns}` : args;
}
