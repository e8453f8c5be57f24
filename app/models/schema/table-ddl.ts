import { qualifiedName, quoteIdent } from './identifiers';
import { parseTextArray } from './pg-array';
import type {
  ColumnRow,
  QualifiedName,
  RelationRow,
  RelationRows,
  SequenceRow,
} from './detail-rows';

/** `'text'` with `'` doubled (standard_conforming_strings on, as since 9.1). */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `COMMENT ON <what> IS '…';`, or nothing without a comment. */
export function commentOn(what: string, comment: string | null): string[] {
  return comment === null ? [] : [`COMMENT ON ${what} IS ${literal(comment)};`];
}

/** `a=1,b=x` options (`reloptions`) as `a='1', b='x'` for `WITH (…)`/`OPTIONS (…)`. */
function options(text: string | null, separator: '=' | ' '): string | null {
  const items = parseTextArray(text).filter((o): o is string => o !== null);
  if (items.length === 0) return null;
  return items
    .map((o) => {
      const at = o.indexOf('=');
      const key = at < 0 ? o : o.slice(0, at);
      const value = at < 0 ? '' : o.slice(at + 1);
      return separator === '='
        ? `${key}=${literal(value)}`
        : `${quoteIdent(key)} ${literal(value)}`;
    })
    .join(', ');
}

const TYPE_LIMITS: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * The options of a sequence that differ from what PostgreSQL would choose (`AS type` left
 * out where it is the default): START, INCREMENT, MINVALUE, MAXVALUE, CACHE, CYCLE.
 */
function sequenceOptions(
  s: { start: string; increment: string; min: string; max: string; cache: string; cycle: boolean },
  type: string,
): string[] {
  const [low, high] = TYPE_LIMITS[type] ?? TYPE_LIMITS['bigint']!;
  const up = !s.increment.startsWith('-');
  const min = up ? '1' : low;
  const max = up ? high : '-1';
  const out: string[] = [];
  if (s.increment !== '1') out.push(`INCREMENT BY ${s.increment}`);
  if (s.min !== min) out.push(`MINVALUE ${s.min}`);
  if (s.max !== max) out.push(`MAXVALUE ${s.max}`);
  if (s.start !== (up ? s.min : s.max)) out.push(`START WITH ${s.start}`);
  if (s.cache !== '1') out.push(`CACHE ${s.cache}`);
  if (s.cycle) out.push('CYCLE');
  return out;
}

/** One column's line in CREATE TABLE. */
function columnLine(c: ColumnRow, keywords: ReadonlySet<string>): string {
  let line = `${quoteIdent(c.name, keywords)} ${c.type}`;
  if (c.collation) line += ` COLLATE ${collation(c.collation, keywords)}`;
  if (c.identity === 'a' || c.identity === 'd') {
    line += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    if (c.seq_start !== null) {
      const opts = sequenceOptions(
        {
          start: c.seq_start,
          increment: c.seq_increment ?? '1',
          min: c.seq_min ?? '1',
          max: c.seq_max ?? '',
          cache: c.seq_cache ?? '1',
          cycle: c.seq_cycle ?? false,
        },
        c.type,
      );
      if (opts.length > 0) line += ` (${opts.join(' ')})`;
    }
  } else if (c.generated === 's' || c.generated === 'v') {
    line += ` GENERATED ALWAYS AS (${c.expr ?? ''}) ${c.generated === 's' ? 'STORED' : 'VIRTUAL'}`;
  } else if (c.expr !== null) {
    line += ` DEFAULT ${c.expr}`;
  }
  if (c.notnull) line += ' NOT NULL';
  return line;
}

function collation(c: QualifiedName, keywords: ReadonlySet<string>): string {
  return qualifiedName(c.schema, c.name, keywords);
}

/**
 * The DDL of a table, partitioned table, partition, foreign table, view or materialized
 * view: a CREATE statement PostgreSQL runs as it is, then indexes that back no constraint,
 * row-level security and its policies, triggers and comments. Names are quoted where
 * needed and schema-qualified (the queries run with an empty search_path). Left out:
 * ownership, grants, tablespaces, per-column storage, compression and statistics, replica
 * identity, clustering, toast options, publications and security labels.
 */
export function relationDdl(rows: RelationRows, keywords: ReadonlySet<string>): string {
  const h = rows.header;
  const name = qualifiedName(h.schema, h.name, keywords);
  const out: string[] = [];
  if (h.relkind === 'v' || h.relkind === 'm') {
    const body = (h.viewdef ?? '').trim().replace(/;$/, '');
    const withOptions = options(h.options, '=');
    if (h.relkind === 'v') {
      out.push(`CREATE VIEW ${name}${withOptions ? ` WITH (${withOptions})` : ''} AS\n${body};`);
    } else {
      const using = h.am && h.am !== 'heap' ? ` USING ${quoteIdent(h.am, keywords)}` : '';
      out.push(
        `CREATE MATERIALIZED VIEW ${name}${using}${withOptions ? ` WITH (${withOptions})` : ''} AS\n${body};`,
      );
    }
  } else {
    out.push(createTable(rows, name, keywords));
  }
  for (const i of rows.indexes) {
    if (!i.backs && !i.inherited) out.push(`${i.definition};`);
  }
  if (h.rls) out.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
  if (h.force_rls) out.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  for (const p of rows.policies) {
    const roles = parseTextArray(p.roles).filter((r): r is string => r !== null);
    const command = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' }[p.cmd];
    let line = `CREATE POLICY ${quoteIdent(p.name, keywords)} ON ${name} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${command ?? 'ALL'}`;
    line += ` TO ${roles.map((r) => (r === 'public' ? 'PUBLIC' : quoteIdent(r, keywords))).join(', ')}`;
    if (p.using !== null) line += ` USING (${p.using})`;
    if (p.check !== null) line += ` WITH CHECK (${p.check})`;
    out.push(`${line};`);
  }
  for (const t of rows.triggers) {
    if (t.cloned) continue;
    out.push(`${t.definition};`);
    if (!t.enabled)
      out.push(`ALTER TABLE ${name} DISABLE TRIGGER ${quoteIdent(t.name, keywords)};`);
  }
  const what = { v: 'VIEW', m: 'MATERIALIZED VIEW', f: 'FOREIGN TABLE' }[h.relkind] ?? 'TABLE';
  out.push(...commentOn(`${what} ${name}`, h.comment));
  for (const c of rows.columns) {
    out.push(...commentOn(`COLUMN ${name}.${quoteIdent(c.name, keywords)}`, c.comment));
  }
  for (const c of rows.constraints) {
    if (c.local)
      out.push(...commentOn(`CONSTRAINT ${quoteIdent(c.name, keywords)} ON ${name}`, c.comment));
  }
  for (const i of rows.indexes) {
    out.push(...commentOn(`INDEX ${qualifiedName(h.schema, i.name, keywords)}`, i.comment));
  }
  return out.join('\n\n');
}

/** CREATE [UNLOGGED | FOREIGN] TABLE: columns, constraints, then the table's clauses. */
function createTable(rows: RelationRows, name: string, keywords: ReadonlySet<string>): string {
  const h = rows.header;
  const foreign = h.relkind === 'f';
  const parent = h.partition ? (h.parents?.[0] ?? null) : null;
  const inherits = h.partition ? [] : (h.parents ?? []);
  // A partition's and a child's inherited columns come from the parent.
  const columns = rows.columns.filter((c) => c.local || (!parent && inherits.length === 0));
  // NOT VALID is kept by adding the constraint afterwards (as pg_dump does).
  const constraints = rows.constraints.filter((c) => c.local && c.validated);
  const lines = [
    ...(parent ? [] : columns.map((c) => columnLine(c, keywords))),
    ...constraints.map((c) => `CONSTRAINT ${quoteIdent(c.name, keywords)} ${c.definition}`),
  ];
  const unlogged = h.persistence === 'u' ? 'UNLOGGED ' : '';
  let sql = `CREATE ${foreign ? 'FOREIGN ' : unlogged}TABLE ${name}`;
  if (parent) {
    sql += ` PARTITION OF ${qualifiedName(parent.schema, parent.name, keywords)}`;
    if (lines.length > 0) sql += ` (\n    ${lines.join(',\n    ')}\n)`;
    sql += ` ${h.bound ?? 'DEFAULT'}`;
  } else {
    sql += ` (\n${lines.map((l) => `    ${l}`).join(',\n')}\n)`;
    if (inherits.length > 0) {
      sql += ` INHERITS (${inherits.map((p) => qualifiedName(p.schema, p.name, keywords)).join(', ')})`;
    }
  }
  if (h.partkey) sql += ` PARTITION BY ${h.partkey}`;
  if (foreign && h.server) {
    sql += ` SERVER ${quoteIdent(h.server, keywords)}`;
    const fdw = options(h.ftoptions, ' ');
    if (fdw) sql += ` OPTIONS (${fdw})`;
  }
  if (!foreign && h.am && h.am !== 'heap' && h.relkind !== 'p') {
    sql += ` USING ${quoteIdent(h.am, keywords)}`;
  }
  const withOptions = options(h.options, '=');
  if (withOptions) sql += ` WITH (${withOptions})`;
  const later = rows.constraints
    .filter((c) => c.local && !c.validated)
    .map(
      (c) => `ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(c.name, keywords)} ${c.definition};`,
    );
  return [`${sql};`, ...later].join('\n\n');
}

/** CREATE SEQUENCE with its settings, its owning column, its comment. */
export function sequenceDdl(
  h: RelationRow,
  s: SequenceRow | null,
  keywords: ReadonlySet<string>,
): string {
  const name = qualifiedName(h.schema, h.name, keywords);
  if (!s) return `CREATE SEQUENCE ${name};`;
  const out: string[] = [];
  if (s.owned_by?.identity) {
    out.push(
      `-- The identity sequence of ${qualifiedName(s.owned_by.schema, s.owned_by.table, keywords)}.${quoteIdent(s.owned_by.column, keywords)}: made by its column.`,
    );
  }
  const opts = sequenceOptions(s, s.type);
  const as = s.type === 'bigint' ? '' : ` AS ${s.type}`;
  out.push(`CREATE SEQUENCE ${name}${as}${opts.length > 0 ? `\n    ${opts.join('\n    ')}` : ''};`);
  if (s.owned_by && !s.owned_by.identity) {
    const { schema, table, column } = s.owned_by;
    out.push(
      `ALTER SEQUENCE ${name} OWNED BY ${qualifiedName(schema, table, keywords)}.${quoteIdent(column, keywords)};`,
    );
  }
  out.push(...commentOn(`SEQUENCE ${name}`, h.comment));
  return out.join('\n\n');
}
