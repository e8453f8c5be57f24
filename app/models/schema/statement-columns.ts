import { findRelation, type CompletionIndex } from './completion-index';
import type { ColumnName, TreeObject } from './schema-types';
import { outputsOf, visibleCtes, visibleSources } from './statement-scopes';
import type { Block, Cte, Source, StatementScopes } from './statement-blocks';

/** A column a source gives, with the catalog column it comes from when that is known. */
export interface ResolvedColumn {
  name: string;
  /** Its type as `format_type` writes it ('' when unknown: an expression's). */
  type: string;
  /** The relation and column it reads, when it is a catalog column (through aliases). */
  relation: TreeObject | null;
  column: ColumnName | null;
}

/**
 * The columns of a statement's sources: catalog relations through their aliases, CTEs
 * (`with x as (select a, b …)`), subqueries in FROM, `*` and `t.*` expanded from what is
 * known. Each answer is kept for the statement; a CTE that reads itself gives what it
 * knows without looping.
 */
export class StatementColumns {
  readonly #index: CompletionIndex;
  readonly #scopes: StatementScopes;
  readonly #path: string[];
  readonly #memo = new Map<object, ResolvedColumn[]>();

  constructor(index: CompletionIndex, scopes: StatementScopes, path: string[]) {
    this.#index = index;
    this.#scopes = scopes;
    this.#path = path;
  }

  /** The CTE a relation source names (unqualified, seen from where it stands). */
  cteOf(source: Source): Cte | null {
    if (source.kind !== 'relation' || source.schema !== null) return null;
    return visibleCtes(source.owner).find((c) => c.name === source.name) ?? null;
  }

  /** The catalog relation a source reads (null for CTEs, subqueries, functions, unknowns). */
  relationOf(source: Source): TreeObject | null {
    if (source.kind !== 'relation' || this.cteOf(source)) return null;
    return findRelation(this.#index, source.schema, source.name, this.#path);
  }

  /** What the source is called in the statement: its alias, else its name. */
  labelOf(source: Source): string {
    return source.alias ?? (source.kind === 'subquery' ? '(subquery)' : source.name);
  }

  /** The source `qualifier` names where the offset is (`o`, `orders`, `public.orders`). */
  sourceNamed(block: Block, offset: number, qualifier: string[]): Source | null {
    const seen = visibleSources(block, offset).map((v) => v.source);
    const [a, b] = qualifier;
    if (qualifier.length === 1) {
      return (
        seen.find((s) => s.alias === a) ??
        seen.find((s) => s.alias === null && s.name === a && s.kind !== 'subquery') ??
        null
      );
    }
    if (qualifier.length === 2) {
      return seen.find((s) => s.alias === null && s.schema === a && s.name === b) ?? null;
    }
    return null;
  }

  /** The columns of a source, renamed by its column aliases. */
  columnsOf(source: Source): ResolvedColumn[] {
    return this.#kept(source, () => {
      let columns: ResolvedColumn[];
      if (source.kind === 'subquery' && source.block) columns = this.outputs(source.block);
      else if (source.kind === 'function') {
        const names = source.columnAliases ?? [source.alias ?? source.name];
        return names.map((name) => ({ name, type: '', relation: null, column: null }));
      } else {
        const cte = this.cteOf(source);
        if (cte) columns = this.cteColumns(cte);
        else {
          const relation = this.relationOf(source);
          columns = (relation?.columns ?? []).map((column) => ({
            name: column.name,
            type: column.type,
            relation,
            column,
          }));
        }
      }
      return renamed(columns, source.columnAliases);
    });
  }

  /** A CTE's columns: its column list, else its query's select list. */
  cteColumns(cte: Cte): ResolvedColumn[] {
    return this.#kept(cte, () => renamed(this.outputs(cte.block), cte.columns));
  }

  /** What a block's select list gives, `*` and `t.*` expanded. */
  outputs(block: Block): ResolvedColumn[] {
    return this.#kept(block, () => {
      const out: ResolvedColumn[] = [];
      const own = block.sources.filter((s) => !s.insertTarget);
      for (const output of outputsOf(this.#scopes, block)) {
        if (output.kind === 'star') {
          const from = output.qualifier
            ? own.filter((s) => s === this.sourceNamed(block, block.to, output.qualifier!))
            : own;
          for (const source of from) out.push(...this.columnsOf(source));
        } else {
          const found = output.ref ? this.columnRef(block, output.ref) : null;
          out.push({
            name: output.name,
            type: found?.type ?? output.type ?? '',
            relation: found?.relation ?? null,
            column: found?.column ?? null,
          });
        }
      }
      return out;
    });
  }

  /** The column `[q.]name` means in `block`. */
  columnRef(block: Block, ref: string[]): ResolvedColumn | null {
    const name = ref[ref.length - 1]!;
    if (ref.length > 1) {
      const source = this.sourceNamed(block, block.to, ref.slice(0, -1));
      return source ? (this.columnsOf(source).find((c) => c.name === name) ?? null) : null;
    }
    for (const { source } of visibleSources(block, block.to)) {
      const found = this.columnsOf(source).find((c) => c.name === name);
      if (found) return found;
    }
    return null;
  }

  /** Computes once per key; a key asked for again while it is computed gives nothing. */
  #kept(key: object, compute: () => ResolvedColumn[]): ResolvedColumn[] {
    const kept = this.#memo.get(key);
    if (kept) return kept;
    this.#memo.set(key, []);
    const columns = compute();
    this.#memo.set(key, columns);
    return columns;
  }
}

function renamed(columns: ResolvedColumn[], names: string[] | null): ResolvedColumn[] {
  if (!names) return columns;
  return columns.map((c, i) => (i < names.length ? { ...c, name: names[i]! } : c));
}
