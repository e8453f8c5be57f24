import type { EditorToken } from './editor-tokens';
import type { Block, Clause, Source, StatementScopes } from './statement-types';

export type { Block, Clause, Cte, Source, StatementScopes } from './statement-types';

const CLAUSES: Record<string, Clause> = {
  SELECT: 'select',
  WHERE: 'where',
  ON: 'on',
  GROUP: 'group',
  HAVING: 'having',
  ORDER: 'order',
  LIMIT: 'limit',
  OFFSET: 'limit',
  SET: 'set',
  RETURNING: 'returning',
  VALUES: 'values',
  WINDOW: 'window',
};
/** Words that end a select list. */
const LIST_END = new Set(
  'FROM INTO WHERE GROUP HAVING WINDOW ORDER LIMIT OFFSET FETCH FOR UNION INTERSECT EXCEPT'.split(
    ' ',
  ),
);
/** Words that are never an alias written without AS (some are not reserved). */
const NOT_ALIAS = new Set([
  ...LIST_END,
  ...'ON USING JOIN LEFT RIGHT INNER FULL CROSS NATURAL OUTER SET RETURNING TABLESAMPLE'.split(' '),
  ...'VALUES SELECT DEFAULT OVERRIDING WITH AS'.split(' '),
]);
/** Reads a statement's tokens into query blocks: CTEs, sources with aliases, select lists. */
export function analyse(tokens: EditorToken[]): StatementScopes {
  return new Walker(tokens).run();
}

class Walker {
  readonly #t: EditorToken[];
  readonly #match: number[];
  readonly #blocks: Block[] = [];

  constructor(tokens: EditorToken[]) {
    this.#t = tokens;
    this.#match = matchParens(tokens);
  }

  run(): StatementScopes {
    const root = this.#block(null, -Infinity, Infinity);
    this.#walk(0, this.#t.length, root, 'block');
    return { tokens: this.#t, blocks: this.#blocks, root };
  }

  #block(parent: Block | null, from: number, to: number): Block {
    const block: Block = {
      parent,
      from,
      to,
      ctes: [],
      sources: [],
      items: [],
      clauses: [],
      insertColumns: null,
    };
    this.#blocks.push(block);
    return block;
  }

  /** The `)` of the `(` at `i`, or `end` when it is not closed before it. */
  #close(i: number, end: number): number {
    const close = this.#match[i]!;
    return close < 0 || close > end ? end : close;
  }

  #startsQuery(i: number): boolean {
    const word = this.#t[i]?.word;
    return word === 'SELECT' || word === 'WITH' || word === 'VALUES';
  }

  /** A subquery's block: the tokens `[from, close)` after a `(`. */
  #child(parent: Block, from: number, close: number): Block {
    const t = this.#t;
    const start = t[from - 1]?.to ?? parent.from;
    const end = close < t.length ? t[close]!.from : parent.to;
    const block = this.#block(parent, start, end);
    this.#walk(from, close, block, 'block');
    return block;
  }

  #walk(a: number, b: number, block: Block, mode: 'block' | 'transparent' | 'from'): void {
    const t = this.#t;
    let clause: Clause | null = mode === 'from' ? 'from' : null;
    let item = mode === 'from';
    let i = a;
    while (i < b) {
      if (item) {
        i = this.#fromItem(i, b, block, null);
        item = false;
        continue;
      }
      const tok = t[i]!;
      if (tok.text === '(') {
        const close = this.#close(i, b);
        if (this.#startsQuery(i + 1)) this.#child(block, i + 1, close);
        else this.#walk(i + 1, close, block, clause === 'from' ? 'from' : 'transparent');
        i = close + 1;
        continue;
      }
      if (mode === 'transparent') {
        i += 1;
        continue;
      }
      const previous = t[i - 1]?.word ?? '';
      const mark = (c: Clause) => {
        clause = c;
        block.clauses.push({ at: tok.from, clause: c });
      };
      switch (tok.word) {
        case 'WITH':
          i = this.#ctes(i + 1, b, block);
          continue;
        case 'SELECT':
          mark('select');
          if (block.items.length === 0) block.items = this.#selectList(i + 1, b);
          break;
        case 'FROM':
          if (previous === 'DISTINCT') break;
          mark('from');
          item = true;
          break;
        case 'JOIN':
        case 'TABLE':
        case 'TRUNCATE':
          mark('from');
          item = tok.word !== 'TRUNCATE' || t[i + 1]?.word !== 'TABLE';
          break;
        case 'USING':
          mark(t[i + 1]?.text === '(' ? 'using' : 'from');
          item = clause === 'from';
          break;
        case 'UPDATE':
          if (previous === 'DO') mark('set');
          else if (previous !== 'FOR' && previous !== 'KEY') {
            mark('from');
            item = true;
          }
          break;
        case 'INTO': {
          if (previous !== 'INSERT' && previous !== 'MERGE') break;
          mark('from');
          i = this.#fromItem(i + 1, b, block, previous === 'INSERT' ? 'insert' : 'merge');
          const target = block.sources[block.sources.length - 1];
          if (t[i]?.text === '(' && !this.#startsQuery(i + 1) && target) {
            const close = this.#close(i, b);
            const to = close < t.length ? t[close]!.from : Infinity;
            block.insertColumns = { from: t[i]!.to, to, target };
            i = close + 1;
          }
          continue;
        }
        default: {
          const c = CLAUSES[tok.word];
          if (c) mark(c);
          else if (tok.text === ',' && clause === 'from') item = true;
        }
      }
      i += 1;
    }
  }

  /** One FROM item at `i` (relation, subquery or function, with its alias); the index after it. */
  #fromItem(i: number, b: number, block: Block, target: 'insert' | 'merge' | null): number {
    const insertTarget = target === 'insert';
    const t = this.#t;
    let j = i;
    while (j < b && (t[j]!.word === 'ONLY' || t[j]!.word === 'LATERAL')) j += 1;
    const tok = t[j];
    if (!tok || j >= b) return j;
    const add = (fields: Partial<Source> & Pick<Source, 'kind' | 'name'>) =>
      block.sources.push({
        alias: null,
        schema: null,
        block: null,
        columnAliases: null,
        insertTarget,
        owner: block,
        ...fields,
      });
    if (tok.text === '(') {
      const close = this.#close(j, b);
      let sub: Block | null = null;
      if (this.#startsQuery(j + 1)) sub = this.#child(block, j + 1, close);
      else this.#walk(j + 1, close, block, 'from');
      const alias = this.#alias(close + 1, b);
      if (sub) add({ kind: 'subquery', name: '', block: sub, ...alias.fields });
      return alias.next;
    }
    if (tok.type !== 'name') return j;
    const names = [tok.value];
    let k = j + 1;
    while (t[k]?.text === '.' && t[k + 1]?.type === 'name' && k + 1 < b) {
      names.push(t[k + 1]!.value);
      k += 2;
    }
    if (t[k]?.text === '.') k += 1;
    const name = names[names.length - 1]!;
    if (t[k]?.text === '(' && k < b && target === null) {
      const close = this.#close(k, b);
      this.#walk(k + 1, close, block, 'transparent');
      const alias = this.#alias(close + 1, b);
      add({ kind: 'function', name, ...alias.fields });
      return alias.next;
    }
    const alias = this.#alias(k, b);
    add({ kind: 'relation', name, schema: names.length > 1 ? names[names.length - 2]! : null });
    Object.assign(block.sources[block.sources.length - 1]!, alias.fields);
    return alias.next;
  }

  /** `[AS] alias [(columns)]` at `k`. */
  #alias(k: number, b: number): { fields: Partial<Source>; next: number } {
    const t = this.#t;
    let j = k;
    const as = t[j]?.word === 'AS';
    if (as) j += 1;
    const name = t[j];
    if (j >= b || !name || name.type !== 'name' || (!as && NOT_ALIAS.has(name.word)))
      return { fields: {}, next: j };
    j += 1;
    let columns: string[] | null = null;
    if (t[j]?.text === '(' && j < b) {
      const close = this.#close(j, b);
      columns = this.#names(j + 1, close);
      j = close + 1;
    }
    return { fields: { alias: name.value, columnAliases: columns }, next: j };
  }

  #names(a: number, b: number): string[] {
    return this.#t
      .slice(a, b)
      .filter((x) => x.type === 'name')
      .map((x) => x.value);
  }

  /** `[RECURSIVE] name [(columns)] AS [NOT] [MATERIALIZED] (…) [, …]` at `i`. */
  #ctes(i: number, b: number, block: Block): number {
    const t = this.#t;
    let k = t[i]?.word === 'RECURSIVE' ? i + 1 : i;
    for (;;) {
      const name = t[k];
      if (k >= b || !name || name.type !== 'name') return k;
      k += 1;
      let columns: string[] | null = null;
      if (t[k]?.text === '(') {
        const close = this.#close(k, b);
        columns = this.#names(k + 1, close);
        k = close + 1;
      }
      if (t[k]?.word !== 'AS') return k;
      k += 1;
      if (t[k]?.word === 'NOT') k += 1;
      if (t[k]?.word === 'MATERIALIZED') k += 1;
      if (t[k]?.text !== '(' || k >= b) return k;
      const close = this.#close(k, b);
      block.ctes.push({ name: name.value, columns, block: this.#child(block, k + 1, close) });
      k = close + 1;
      while (k < b && t[k]?.text !== ',' && !this.#startsStatement(k)) k += 1;
      if (t[k]?.text !== ',') return k;
      k += 1;
    }
  }

  #startsStatement(k: number): boolean {
    const word = this.#t[k]?.word ?? '';
    return ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES', 'TABLE'].includes(word);
  }

  /** The select list's items after SELECT at `i`, split at its own commas. */
  #selectList(i: number, b: number): [number, number][] {
    const t = this.#t;
    let k = i;
    if (t[k]?.word === 'ALL') k += 1;
    if (t[k]?.word === 'DISTINCT') {
      k += 1;
      if (t[k]?.word === 'ON' && t[k + 1]?.text === '(') k = this.#close(k + 1, b) + 1;
    }
    const items: [number, number][] = [];
    let start = k;
    for (; k < b; k += 1) {
      const tok = t[k]!;
      if (tok.text === '(') k = this.#close(k, b);
      else if (tok.text === ',') {
        items.push([start, k]);
        start = k + 1;
      } else if (LIST_END.has(tok.word) || tok.text === ';' || tok.text === ')') break;
    }
    if (k > start) items.push([start, k]);
    return items;
  }
}

/** For each `(`, the index of its `)` (-1 when it is not closed). */
function matchParens(tokens: EditorToken[]): number[] {
  const match = new Array<number>(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.text === '(') open.push(i);
    else if (t.text === ')') {
      const at = open.pop();
      if (at !== undefined) match[at] = i;
    }
  });
  return match;
}
