import type { EditorToken } from './editor-tokens';

/** A clause of a query block, as the cursor's place in it. */
export type Clause =
  | 'select'
  | 'from'
  | 'where'
  | 'on'
  | 'using'
  | 'group'
  | 'having'
  | 'order'
  | 'limit'
  | 'set'
  | 'returning'
  | 'values'
  | 'window';

/** Something a query block reads rows from: a relation, a subquery, a function. */
export interface Source {
  kind: 'relation' | 'subquery' | 'function';
  /** The alias (folded as PostgreSQL folds it), or null. */
  alias: string | null;
  /** A relation's schema when written (`s.t`), else null. */
  schema: string | null;
  /** The relation's or function's name; '' for a subquery. */
  name: string;
  /** A subquery's own block. */
  block: Block | null;
  /** `… AS t(a, b)`: the columns renamed. */
  columnAliases: string[] | null;
  /** `INSERT INTO t`: seen only in its column list, `RETURNING` and `ON CONFLICT`. */
  insertTarget: boolean;
  /** The block it belongs to. */
  owner: Block;
}

/** A `WITH name [(columns)] AS (…)` entry. */
export interface Cte {
  name: string;
  columns: string[] | null;
  block: Block;
}

/** A query block: a statement, a subquery or a CTE body. Offsets are UTF-16. */
export interface Block {
  parent: Block | null;
  from: number;
  to: number;
  ctes: Cte[];
  sources: Source[];
  /** The first SELECT's list, as token ranges `[from, to)`. */
  items: [number, number][];
  /** Clause keywords at this block's own level, in order. */
  clauses: { at: number; clause: Clause }[];
  /** `INSERT INTO t (…)`: where its column list is. */
  insertColumns: { from: number; to: number; target: Source } | null;
}

/** A statement read into its blocks. */
export interface StatementScopes {
  tokens: EditorToken[];
  blocks: Block[];
  root: Block;
}
