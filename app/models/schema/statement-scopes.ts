import type { EditorToken } from './editor-tokens';
import type { Block, Clause, Cte, Source, StatementScopes } from './statement-blocks';

/** A column a block's select list gives: by name, or a `*` (qualified or not). */
export type Output =
  | { kind: 'named'; name: string; ref: string[] | null; type?: string }
  | { kind: 'star'; qualifier: string[] | null };

/** PostgreSQL's name for a select-list item it cannot name. */
export const UNNAMED = '?column?';
const OPERATOR = /^[+\-*/<>=~!@#%^&|`?]+$/;

/** The innermost block at `offset`. */
export function blockAt(scopes: StatementScopes, offset: number): Block {
  let best = scopes.root;
  for (const block of scopes.blocks) {
    if (block.from <= offset && offset <= block.to && block.to - block.from < best.to - best.from)
      best = block;
  }
  return best;
}

/** The clause of `block` the offset is in (null before its first clause keyword). */
export function clauseAt(block: Block, offset: number): Clause | null {
  let clause: Clause | null = null;
  for (const mark of block.clauses) if (mark.at < offset) clause = mark.clause;
  return clause;
}

/** The sources seen at `offset` in `block`, its own first (`depth` 0), then outer blocks'. */
export function visibleSources(block: Block, offset: number): { source: Source; depth: number }[] {
  const out: { source: Source; depth: number }[] = [];
  const clause = clauseAt(block, offset);
  const inColumns =
    block.insertColumns !== null &&
    block.insertColumns.from <= offset &&
    offset <= block.insertColumns.to;
  const targetSeen = inColumns || clause === 'returning' || clause === 'on' || clause === 'set';
  for (let b: Block | null = block, depth = 0; b; b = b.parent, depth += 1) {
    for (const source of b.sources) {
      if (source.insertTarget && !(depth === 0 && targetSeen)) continue;
      out.push({ source, depth });
    }
  }
  return out;
}

/** The CTEs seen from `block` (its own and its outer blocks'), the nearest first. */
export function visibleCtes(block: Block): Cte[] {
  const out: Cte[] = [];
  for (let b: Block | null = block; b; b = b.parent) out.push(...b.ctes);
  return out;
}

/** What a block's select list gives, item by item (`?column?` for one it cannot name). */
export function outputsOf(scopes: StatementScopes, block: Block): Output[] {
  const out: Output[] = [];
  for (const [from, to] of block.items) {
    const output = outputOf(scopes.tokens.slice(from, to));
    if (output) out.push(output);
  }
  return out;
}

/** A `a.b.c` chain's names, or null when the tokens are something else. */
export function plainRef(tokens: EditorToken[]): string[] | null {
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (i % 2 === 0 ? t.type !== 'name' : t.text !== '.') return null;
    if (i % 2 === 0) names.push(t.value);
  }
  return names.length > 0 && tokens.length % 2 === 1 ? names : null;
}

/** The type PostgreSQL gives a bare literal (`1`, `1.5`, `'a'`); undefined for the rest. */
function literalType(text: string): string | undefined {
  if (/^\d+$/.test(text)) return text.length < 10 ? 'integer' : 'bigint';
  if (/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return 'numeric';
  if (text.startsWith("'")) return 'text';
  return undefined;
}

function outputOf(item: EditorToken[]): Output | null {
  // An item PostgreSQL cannot name is `?column?`: kept, so a column list renames by place.
  const n = item.length;
  const last = item[n - 1];
  if (!last) return null;
  if (n === 1 && last.text === '*') return { kind: 'star', qualifier: null };
  if (last.text === '*' && item[n - 2]?.text === '.') {
    const qualifier = plainRef(item.slice(0, n - 2));
    return qualifier ? { kind: 'star', qualifier } : null;
  }
  const ref = plainRef(item);
  if (ref) return { kind: 'named', name: ref[ref.length - 1]!, ref };
  const previous = item[n - 2];
  if (last.type === 'name' && previous) {
    const body = item.slice(0, previous.word === 'AS' ? n - 2 : n - 1);
    const type = body.length === 1 ? literalType(body[0]!.text) : undefined;
    if (type) return { kind: 'named', name: last.value, ref: null, type };
    const implicit =
      previous.word === 'AS' ||
      previous.text === ')' ||
      previous.type === 'name' ||
      (previous.type === 'other' && !OPERATOR.test(previous.text));
    if (implicit) return { kind: 'named', name: last.value, ref: plainRef(body) };
  }
  const first = item[0]!;
  if (first.type === 'name' && item[1]?.text === '(')
    return { kind: 'named', name: first.value, ref: null };
  const cast = item.findIndex((t) => t.text === '::');
  const before = cast > 0 ? plainRef(item.slice(0, cast)) : null;
  if (before) return { kind: 'named', name: before[before.length - 1]!, ref: before };
  if (first.word === 'CASE') return { kind: 'named', name: 'case', ref: null };
  return { kind: 'named', name: UNNAMED, ref: null };
}
