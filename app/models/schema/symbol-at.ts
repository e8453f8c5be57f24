import {
  completionIndex,
  findFunction,
  findRelation,
  kindLabel,
  type CompletionIndex,
} from './completion-index';
import { statementAt, tokenIndexAt } from './editor-tokens';
import { StatementColumns, type ResolvedColumn } from './statement-columns';
import type { CatalogSnapshot, ColumnName, SymbolInfo, TreeObject } from './schema-types';
import { analyse } from './statement-blocks';
import { blockAt, clauseAt, visibleSources } from './statement-scopes';

/** A hover's summary is cut after this many characters. */
const SUMMARY_CHARS = 240;

/**
 * What the name at the UTF-16 `offset` is (hover, go to definition): a relation, a
 * function, or a column of a relation, through aliases, CTEs and subqueries of the
 * statement, qualified or not (`search_path`); with a one-line summary. Null when the
 * offset is on no name, or on one the catalog does not know (a CTE's own columns).
 */
export function symbolAt(
  snapshot: CatalogSnapshot,
  place: { sql: string; offset: number; searchPath: string[] },
): SymbolInfo | null {
  const statement = statementAt(place.sql, place.offset);
  if (!statement) return null;
  const tokens = statement.tokens;
  const at = tokenIndexAt(tokens, place.offset);
  const token = tokens[at];
  if (!token || token.type !== 'name') return null;
  let start = at;
  while (tokens[start - 1]?.text === '.' && tokens[start - 2]?.type === 'name') start -= 2;
  const chain = tokens
    .slice(start, at + 1)
    .filter((t) => t.type === 'name')
    .map((t) => t.value);
  const index = completionIndex(snapshot);
  const scopes = analyse(tokens);
  const block = blockAt(scopes, token.from);
  const columns = new StatementColumns(index, scopes, place.searchPath);
  const path = place.searchPath;
  const range = { from: token.from, to: token.to };
  const call = tokens[at + 1]?.text === '(';
  const name = chain[chain.length - 1]!;

  const relation = (o: TreeObject | null) => (o ? { ...range, ...objectInfo(index, o) } : null);
  const column = (c: ResolvedColumn | undefined) =>
    c?.relation && c.column ? { ...range, ...columnInfo(c.relation, c.column) } : null;

  if (chain.length === 1) {
    if (call) return relation(findFunction(index, null, name, path));
    const seen = visibleSources(block, token.from).map((v) => v.source);
    const named =
      seen.find((s) => s.alias === name) ??
      seen.find((s) => s.name === name && s.kind === 'relation');
    const asRelation = () => (named ? relation(columns.relationOf(named)) : null);
    const asColumn = () => {
      for (const source of seen) {
        const found = columns.columnsOf(source).find((c) => c.name === name);
        if (found) return column(found);
      }
      return null;
    };
    const first = clauseAt(block, token.from) === 'from' ? asRelation() : asColumn();
    return (
      first ??
      asRelation() ??
      asColumn() ??
      (named ? null : relation(findRelation(index, null, name, path)))
    );
  }
  const qualifier = chain.slice(0, -1);
  const source = columns.sourceNamed(block, token.from, qualifier);
  if (source) return column(columns.columnsOf(source).find((c) => c.name === name));
  if (chain.length === 2) {
    const [schema] = qualifier;
    const inSchema = call
      ? findFunction(index, schema!, name, path)
      : findRelation(index, schema!, name, path);
    if (inSchema) return relation(inSchema);
  }
  const table = findRelation(
    index,
    qualifier.length === 2 ? qualifier[0]! : null,
    qualifier[qualifier.length - 1]!,
    path,
  );
  const found = table?.columns?.find((c) => c.name === name);
  return table && found ? { ...range, ...columnInfo(table, found) } : null;
}

function objectInfo(index: CompletionIndex, o: TreeObject): Omit<SymbolInfo, 'from' | 'to'> {
  const object = { kind: o.kind, schema: o.schema, name: o.name, oid: o.oid };
  const title = `${o.schema}.${o.name}`;
  if (o.kind === 'function' || o.kind === 'aggregate' || o.kind === 'procedure') {
    const overloads = index.functionsByName.get(o.name)?.filter((f) => f.schema === o.schema);
    const more = overloads && overloads.length > 1 ? ` (+${overloads.length - 1} more)` : '';
    const returns = o.returns ? ` → ${o.returns}` : '';
    return { object, summary: cut(`${title}(${o.arguments ?? ''})${returns}${more}`) };
  }
  const list = o.columns?.map((c) => `${c.name} ${c.type}`).join(', ');
  const columns = list === undefined ? '' : `: ${list}`;
  return { object, summary: cut(`${title} (${kindLabel(o.kind)})${columns}`) };
}

function columnInfo(o: TreeObject, column: ColumnName): Omit<SymbolInfo, 'from' | 'to'> {
  return {
    object: { kind: o.kind, schema: o.schema, name: o.name, oid: o.oid },
    column: { name: column.name, type: column.type },
    summary: cut(`${o.name}.${column.name} ${column.type}`),
  };
}

function cut(text: string): string {
  return text.length <= SUMMARY_CHARS ? text : `${text.slice(0, SUMMARY_CHARS - 1)}…`;
}
