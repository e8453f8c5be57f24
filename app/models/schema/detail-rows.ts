/** The rows the detail queries (`detail-queries.ts`) send for one relation. */

/** A relation's header row (`RELATION_SQL`). */
export interface RelationRow {
  oid: number;
  schema: string;
  name: string;
  relkind: string;
  owner: string;
  comment: string | null;
  readable: boolean;
  tuples: number;
  pages: number;
  total: number | null;
  partkey: string | null;
  partition: boolean;
  bound: string | null;
  options: string | null;
  persistence: string;
  rls: boolean;
  force_rls: boolean;
  oftype: string | null;
  am: string | null;
  server: string | null;
  ftoptions: string | null;
  viewdef: string | null;
  parents: { schema: string; name: string }[] | null;
}

/** A collation named by schema and name. */
export interface QualifiedName {
  schema: string;
  name: string;
}

/** A column row (`COLUMNS_SQL`); `seq_*`: an identity column's sequence. */
export interface ColumnRow {
  position: number;
  name: string;
  type: string;
  notnull: boolean;
  expr: string | null;
  identity: string;
  generated: string;
  collation: QualifiedName | null;
  comment: string | null;
  local: boolean;
  seq_start: string | null;
  seq_increment: string | null;
  seq_min: string | null;
  seq_max: string | null;
  seq_cache: string | null;
  seq_cycle: boolean | null;
  seq_type: string | null;
}

/** A constraint row (`constraintsSql`); `local`: not inherited from a parent. */
export interface ConstraintRow {
  name: string;
  type: string;
  definition: string;
  columns: string | null;
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string | null;
  validated: boolean;
  comment: string | null;
  local: boolean;
}

/** An index row (`INDEXES_SQL`). */
export interface IndexRow {
  name: string;
  definition: string;
  unique: boolean;
  primary: boolean;
  valid: boolean;
  predicate: string | null;
  size: number | null;
  columns: string | null;
  /** Made by a primary key, unique or exclusion constraint. */
  backs: boolean;
  /** A partition's index attached to its parent's. */
  inherited: boolean;
  comment: string | null;
}

/** A trigger row; `cloned`: made on a partition by its parent's trigger. */
export interface TriggerRow {
  name: string;
  definition: string;
  enabled: boolean;
  cloned: boolean;
}

/** A policy row. */
export interface PolicyRow {
  name: string;
  cmd: string;
  permissive: boolean;
  roles: string | null;
  using: string | null;
  check: string | null;
}

/** A sequence's settings and the column owning it. */
export interface SequenceRow {
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  owned_by: { schema: string; table: string; column: string; identity: boolean } | null;
}

/** Everything read of one relation. */
export interface RelationRows {
  header: RelationRow;
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  triggers: TriggerRow[];
  policies: PolicyRow[];
  sequence: SequenceRow | null;
}
