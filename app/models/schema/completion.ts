import {
  completionIndex,
  findRelation,
  isVisible,
  kindLabel,
  nameFor,
  quoteName,
  signature,
  type CompletionIndex,
} from './completion-index';
import { statementAt, type EditorStatement, type EditorToken } from './editor-tokens';
import { CompletionItems, MAX_COMPLETION_ITEMS } from './completion-items';

export { MAX_COMPLETION_ITEMS };
import { StatementColumns } from './statement-columns';
import type { CatalogSnapshot, CompletionReply, TreeObject } from './schema-types';
import { blockAt, clauseAt, visibleCtes, visibleSources, UNNAMED } from './statement-scopes';
import { analyse, type Block } from './statement-blocks';

/** Where in the editor, and the search_path to read unqualified names with. */
export interface CompletionPlace {
  sql: string;
  /** UTF-16 offset of the cursor in `sql`. */
  offset: number;
  searchPath: string[];
  /** Asked for (Ctrl+Space), not opened by typing. */
  explicit?: boolean;
}

/** Words after which a relation's name comes. */
const RELATION_WORDS = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'ONLY', 'TRUNCATE']);
/** Keywords that start a statement: offered first at a statement's start. */
const STARTERS = new Set(
  (
    'select with insert update delete merge values table create alter drop truncate begin ' +
    'start commit rollback savepoint release explain analyze vacuum set reset show grant ' +
    'revoke comment copy call do refresh reindex cluster lock prepare execute deallocate ' +
    'discard listen notify unlisten declare fetch close move checkpoint import security load'
  ).split(' '),
);
/** Schemas whose objects rank after the user's own. */
const SYSTEM = new Set(['pg_catalog', 'information_schema']);

/**
 * What to offer at the cursor, from the catalog in memory (no query): after `alias.`,
 * `table.` or `cte.` their columns, after `schema.` its objects; after FROM, JOIN, INTO,
 * UPDATE, TABLE the CTEs, relations (unqualified when the search path reaches them) and
 * schemas; in `INSERT INTO t (` t's columns; elsewhere the columns of the statement's
 * sources (its FROM may follow the cursor), their aliases, functions and keywords; at a
 * statement's start, keywords. Names are inserted quoted where SQL needs it. Only names
 * starting with what has been typed (without case; inside a quote too), best first, at
 * most {@link MAX_COMPLETION_ITEMS}.
 */
export function completeAt(snapshot: CatalogSnapshot, place: CompletionPlace): CompletionReply {
  const statement = statementAt(place.sql, place.offset);
  const none = { from: place.offset, to: place.offset, items: [] };
  if (!statement || statement.inLiteral) return none;
  const { word } = statement;
  const previous = statement.tokens[statement.before - 1];
  if (!place.explicit && word.typed === '' && previous?.text !== '.') return none;
  const items = new CompletionItems(word.quoted ? word.typed.slice(1) : word.typed);
  new Completer(completionIndex(snapshot), statement, place.searchPath, items).run(previous);
  return { from: word.from, to: Math.max(word.to, statement.cursor), items: items.sorted() };
}

class Completer {
  readonly #index: CompletionIndex;
  readonly #statement: EditorStatement;
  readonly #path: string[];
  readonly #items: CompletionItems;
  readonly #block: Block;
  readonly #columns: StatementColumns;
  readonly #at: number;

  constructor(
    index: CompletionIndex,
    statement: EditorStatement,
    path: string[],
    items: CompletionItems,
  ) {
    this.#index = index;
    this.#statement = statement;
    this.#path = path;
    this.#items = items;
    const scopes = analyse(statement.tokens);
    this.#at = statement.word.from;
    this.#block = blockAt(scopes, this.#at);
    this.#columns = new StatementColumns(index, scopes, path);
  }

  run(previous: EditorToken | undefined): void {
    const block = this.#block;
    const clause = clauseAt(block, this.#at);
    if (previous?.text === '.') return this.#members();
    if (!previous) return this.#keywords(50, STARTERS);
    if (previous.text === '::') return this.#types();
    const columns = block.insertColumns;
    if (columns && columns.from <= this.#at && this.#at <= columns.to) {
      const listed = new Set(
        this.#statement.tokens
          .filter((t) => t.type === 'name' && t.from >= columns.from && t.to <= columns.to)
          .filter((t) => t !== this.#statement.wordToken)
          .map((t) => t.value),
      );
      const all = named(this.#columns.columnsOf(columns.target));
      for (const c of all.filter((c) => !listed.has(c.name))) {
        this.#items.add(c.name, this.#quote(c.name), 'column', c.type, 50);
      }
      return;
    }
    if (
      RELATION_WORDS.has(previous.word) ||
      (previous.word === 'USING' && clause === 'from') ||
      (previous.text === ',' && clause === 'from')
    ) {
      return this.#relations();
    }
    if (clause === 'from' && (previous.type === 'name' || previous.text === ')')) {
      return this.#keywords(0);
    }
    this.#expression();
  }

  /** After `q.`: the columns of what `q` names, or the objects of schema `q`. */
  #members(): void {
    const tokens = this.#statement.tokens;
    const chain: string[] = [];
    for (let k = this.#statement.before - 2; tokens[k]?.type === 'name'; k -= 2) {
      chain.unshift(tokens[k]!.value);
      if (tokens[k - 1]?.text !== '.') break;
    }
    if (chain.length === 0) return;
    const source = this.#columns.sourceNamed(this.#block, this.#at, chain);
    const cte =
      chain.length === 1 ? visibleCtes(this.#block).find((c) => c.name === chain[0]) : undefined;
    const columns = named(
      source
        ? this.#columns.columnsOf(source)
        : cte
          ? this.#columns.cteColumns(cte)
          : this.#relationColumns(chain),
    );
    for (const c of columns) this.#items.add(c.name, this.#quote(c.name), 'column', c.type, 50);
    if (chain.length !== 1) return;
    const schema =
      this.#index.schemas.find((s) => s === chain[0]) ??
      this.#index.schemas.find((s) => s.toLowerCase() === chain[0]!.toLowerCase());
    if (!schema) return;
    const objects = this.#index.bySchema.get(schema) ?? [];
    for (const o of objects) {
      if (o.kind === 'extension') continue;
      const boost = o.kind === 'function' || o.kind === 'aggregate' ? 30 : 40;
      if (this.#items.add(o.name, this.#quote(o.name), o.kind, this.#detail(o), boost)) return;
    }
  }

  #relationColumns(chain: string[]): { name: string; type: string }[] {
    const schema = chain.length === 2 ? chain[0]! : null;
    const relation = findRelation(this.#index, schema, chain[chain.length - 1]!, this.#path);
    return relation?.columns ?? [];
  }

  /** After FROM and the like: CTEs, relations, schemas. */
  #relations(): void {
    for (const cte of visibleCtes(this.#block)) {
      const names = named(this.#columns.cteColumns(cte)).map((c) => c.name);
      this.#items.add(cte.name, this.#quote(cte.name), 'cte', `CTE (${names.join(', ')})`, 60);
    }
    const visible = (o: TreeObject) => isVisible(this.#index, o, this.#path);
    const user = (o: TreeObject) => !SYSTEM.has(o.schema);
    if (this.#relationTier((o) => user(o) && visible(o), 50)) return;
    for (const schema of this.#index.schemas) {
      if (hidden(schema, this.#path)) continue;
      if (this.#items.add(schema, this.#quote(schema), 'schema', 'schema', 40)) return;
    }
    if (this.#relationTier((o) => !user(o) && visible(o), 10)) return;
    this.#relationTier((o) => !visible(o) && !hidden(o.schema, this.#path), 5);
  }

  /** Adds the relations `keep` accepts; true when the list is full. */
  #relationTier(keep: (o: TreeObject) => boolean, boost: number): boolean {
    const items = this.#items;
    for (const o of this.#index.relations) {
      if (!items.matches(o.name) || !keep(o)) continue;
      const apply = nameFor(this.#index, o, this.#path);
      if (items.add(o.name, apply, o.kind, this.#detail(o), boost)) return true;
    }
    return false;
  }

  /** After `::`: types. */
  #types(): void {
    for (const o of this.#index.types) {
      const apply = nameFor(this.#index, o, this.#path);
      if (this.#items.add(o.name, apply, o.kind, `${o.schema} · ${kindLabel(o.kind)}`, 40)) return;
    }
    this.#keywords(0);
  }

  /** In an expression: the sources' columns, their names, functions, keywords. */
  #expression(): void {
    const seen = visibleSources(this.#block, this.#at);
    const own = seen.filter((s) => s.depth === 0);
    const counts = new Map<string, number>();
    for (const { source } of own) {
      for (const c of named(this.#columns.columnsOf(source)))
        counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
    }
    for (const { source, depth } of seen) {
      const label = this.#columns.labelOf(source);
      for (const c of named(this.#columns.columnsOf(source))) {
        const ambiguous = depth > 0 || (counts.get(c.name) ?? 0) > 1;
        const apply = ambiguous
          ? `${this.#quote(label)}.${this.#quote(c.name)}`
          : this.#quote(c.name);
        const detail = seen.length > 1 ? `${c.type} · ${label}`.trim() : c.type;
        if (this.#items.add(c.name, apply, 'column', detail, depth === 0 ? 50 : 40)) return;
      }
    }
    for (const { source } of seen) {
      const label = this.#columns.labelOf(source);
      if (source.kind === 'subquery' && !source.alias) continue;
      const detail = source.alias ? source.name || 'subquery' : kindLabel(source.kind);
      this.#items.add(label, this.#quote(label), 'alias', detail, 30);
    }
    for (const cte of visibleCtes(this.#block))
      this.#items.add(cte.name, this.#quote(cte.name), 'cte', 'CTE', 30);
    if (this.#functions()) return;
    this.#keywords(0);
  }

  /** Functions on the search path (user ones first), one item per name; true when full. */
  #functions(): boolean {
    const items = this.#items;
    for (const system of [false, true]) {
      let last = '';
      for (const o of this.#index.functions) {
        if (o.name === last || SYSTEM.has(o.schema) !== system || !items.matches(o.name)) continue;
        if (o.kind === 'procedure' || !isVisible(this.#index, o, this.#path)) continue;
        last = o.name;
        const overloads = this.#index.functionsByName.get(o.name)!.length;
        const more = overloads > 1 ? ` (+${overloads - 1})` : '';
        const detail = `${signature(o)}${more}`;
        if (items.add(o.name, this.#quote(o.name), o.kind, detail, system ? 10 : 15)) return true;
      }
    }
    return false;
  }

  /** The server's keywords in the case being typed; `first` (those it has) before the rest. */
  #keywords(boost: number, first?: ReadonlySet<string>): void {
    const typed = this.#items.typed;
    const lower = typed !== '' && typed === typed.toLowerCase();
    const add = (word: string, b: number) =>
      this.#items.add(
        word.toUpperCase(),
        lower ? word : word.toUpperCase(),
        'keyword',
        'keyword',
        b,
      );
    const words = this.#index.keywords;
    if (first) for (const word of words) if (first.has(word) && add(word, boost)) return;
    for (const word of words)
      if (!first?.has(word) && add(word, first ? boost - 10 : boost)) return;
  }

  #quote(name: string): string {
    return quoteName(this.#index, name);
  }

  #detail(o: TreeObject): string {
    if (o.kind === 'function' || o.kind === 'aggregate' || o.kind === 'procedure')
      return signature(o);
    return `${o.schema} · ${kindLabel(o.kind)}`;
  }
}

/** The columns that have a name (not `?column?`). */
function named<C extends { name: string }>(columns: C[]): C[] {
  return columns.filter((c) => c.name !== UNNAMED);
}

/** Schemas never offered unless on the search path: TOAST and other sessions' temp ones. */
function hidden(schema: string, path: string[]): boolean {
  return /^pg_(toast|temp_)/.test(schema) && !path.includes(schema);
}
