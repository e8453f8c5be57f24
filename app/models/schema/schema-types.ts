/**
 * The shapes of the schema domain: what `schema.*` replies hold (docs/protocol.md says
 * them exactly) and the in-memory catalog the search and the completion read.
 */

/** The kinds of objects the tree lists under a schema. */
export const OBJECT_KINDS = [
  'table',
  'partitioned_table',
  'view',
  'materialized_view',
  'foreign_table',
  'sequence',
  'function',
  'procedure',
  'aggregate',
  'type',
  'domain',
  'enum',
  'extension',
] as const;

/** One kind of object. */
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** The kinds that have columns (a relation with rows or a row type). */
export const RELATION_KINDS = [
  'table',
  'partitioned_table',
  'view',
  'materialized_view',
  'foreign_table',
] as const satisfies readonly ObjectKind[];

/** A relation's kind. */
export type RelationKind = (typeof RELATION_KINDS)[number];

/** The kind of each `pg_class.relkind` Tusk lists (`r` → table…). */
export const RELKIND_KINDS: Readonly<Record<string, RelationKind | 'sequence'>> = {
  r: 'table',
  p: 'partitioned_table',
  v: 'view',
  m: 'materialized_view',
  f: 'foreign_table',
  S: 'sequence',
};

/** A schema, as `schema.tree` without `schema` lists it. */
export interface SchemaSummary {
  name: string;
  owner: string;
  /** `pg_catalog`, `information_schema`, `pg_toast`, temp and toast-temp schemas. */
  system: boolean;
  /** Its objects by kind (kinds with none left out). */
  counts: Partial<Record<ObjectKind, number>>;
}

/** A column as loaded up front for every relation (names and types only). */
export interface ColumnName {
  name: string;
  /** The type as `format_type` writes it (`character varying(40)`, `integer[]`). */
  type: string;
}

/** One object of a schema, as `schema.tree {schema}` lists it (names, not details). */
export interface TreeObject {
  kind: ObjectKind;
  schema: string;
  name: string;
  oid: number;
  comment: string | null;
  /** Relations: their columns, in order (`attnum`). */
  columns?: ColumnName[];
  /** A partition of a partitioned table: its parent (`schema.name`, quoted where needed). */
  partitionOf?: string;
  /** Relations: `reltuples` (null: never analyzed). */
  rowEstimate?: number | null;
  /** Functions, procedures, aggregates: the arguments as `pg_get_function_arguments`. */
  arguments?: string;
  /** Functions and aggregates: the result type as `pg_get_function_result`. */
  returns?: string;
  /** False when the role may not read it (no SELECT on a relation, no USAGE on a schema). */
  readable: boolean;
}

/** A column with its details (`schema.object`). */
export interface ColumnDetails extends ColumnName {
  /** `attnum`, from 1. */
  position: number;
  nullable: boolean;
  /** `pg_get_expr` of its default; null when none (identity and generated say theirs). */
  default: string | null;
  identity: 'always' | 'by default' | null;
  /** A generated column's expression; null otherwise. */
  generated: { kind: 'stored' | 'virtual'; expression: string } | null;
  /** The collation when it is not the type's default. */
  collation: string | null;
  comment: string | null;
}

/** A primary, unique, foreign-key, check or exclusion constraint. */
export interface ConstraintDetails {
  name: string;
  type: 'primary' | 'unique' | 'foreign' | 'check' | 'exclusion';
  /** The columns it is on, in order (empty for a check on an expression). */
  columns: string[];
  /** `pg_get_constraintdef` */
  definition: string;
  /** A foreign key's target. */
  references?: { schema: string; table: string; columns: string[] };
  validated: boolean;
  comment: string | null;
}

/** An index of a relation. */
export interface IndexDetails {
  name: string;
  /** `pg_get_indexdef` */
  definition: string;
  /** Its key columns (an expression shows as its text). */
  columns: string[];
  unique: boolean;
  primary: boolean;
  /** False for an index left invalid by a failed `CREATE INDEX CONCURRENTLY`. */
  valid: boolean;
  /** A partial index's predicate; null otherwise. */
  predicate: string | null;
  sizeBytes: number | null;
}

/** A trigger on a relation (`pg_get_triggerdef`). */
export interface TriggerDetails {
  name: string;
  definition: string;
  enabled: boolean;
}

/** A row-level security policy. */
export interface PolicyDetails {
  name: string;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  permissive: boolean;
  roles: string[];
  using: string | null;
  check: string | null;
}

/**
 * Everything `schema.object` says of one object. Relation parts are present for
 * relations; function parts for functions, procedures and aggregates; `labels` for an enum;
 * `baseType` and `constraints` for a domain. `ddl` is the object's definition as SQL.
 */
export interface ObjectDetails {
  kind: ObjectKind;
  schema: string;
  name: string;
  oid: number;
  owner: string;
  comment: string | null;
  readable: boolean;
  columns?: ColumnDetails[];
  constraints?: ConstraintDetails[];
  indexes?: IndexDetails[];
  triggers?: TriggerDetails[];
  policies?: PolicyDetails[];
  rowEstimate?: number | null;
  /** `pg_total_relation_size` (null when the role may not know it). */
  totalBytes?: number | null;
  /** A partitioned table's key (`pg_get_partkeydef`). */
  partitionKey?: string | null;
  /** A partition's parent and bound. */
  partitionOf?: { schema: string; name: string; bound: string } | null;
  /** Parents by inheritance (not partitioning). */
  inherits?: { schema: string; name: string }[];
  arguments?: string;
  returns?: string;
  language?: string;
  labels?: string[];
  baseType?: string;
  ddl: string;
}

/** One hit of `schema.search`, best first (exact > prefix > contains). */
export interface SearchHit {
  kind: ObjectKind;
  schema: string;
  name: string;
  oid: number;
  /** Set when the hit is a column of the object. */
  column?: string;
}

/** What each keyword of the server is (`pg_get_keywords().catcode`). */
export type KeywordCategory = 'reserved' | 'unreserved' | 'column_name' | 'type_function_name';

/**
 * The catalog of one connection as held in memory: names of everything, columns of every
 * relation, the server's keywords and built-in functions. What search and completion read;
 * replaced whole by a reload.
 */
export interface CatalogSnapshot {
  /** `server_version_num` */
  serverVersion: number;
  /** When it was loaded (ms since the epoch) and how long the load took. */
  loadedAt: number;
  loadMs: number;
  /** The role's default `search_path`, resolved (`current_schemas(true)`). */
  searchPath: string[];
  schemas: SchemaSummary[];
  /** Every object of every schema (system schemas included, marked by their schema). */
  objects: TreeObject[];
  keywords: { word: string; category: KeywordCategory }[];
}

/** One item `schema.complete` offers. */
export interface CompletionItem {
  /** What the list shows (the name as it is). */
  label: string;
  /** What is inserted (quoted and qualified where needed). */
  apply: string;
  kind: ObjectKind | 'schema' | 'column' | 'keyword' | 'alias' | 'cte';
  /** A short detail: a column's type, a relation's schema, a function's arguments. */
  detail?: string;
  /** Higher first; within a rank, the list's own order. */
  boost?: number;
}

/** `schema.complete`'s reply: the items, and the range of the text they replace. */
export interface CompletionReply {
  /** UTF-16 offsets in the text sent, as the editor counts. */
  from: number;
  to: number;
  items: CompletionItem[];
}

/** What a name in the editor is (`schema.at`): for hover and for go-to-definition. */
export interface SymbolInfo {
  from: number;
  to: number;
  object: { kind: ObjectKind; schema: string; name: string; oid: number };
  /** Set when the name is a column of `object`. */
  column?: ColumnName;
  /** One line for a hover (`public.orders: id integer, customer_id integer, …`). */
  summary: string;
}
