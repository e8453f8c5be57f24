import { html, nothing, type TemplateResult } from 'lit';
import type { ObjectDetails, ObjectKind } from '../../controllers/api';
import { CONSTRAINT_LABEL, KIND_LABEL } from './object-kinds';
import { qualifiedName } from './sql-names';

/** The parts of an object view, with their titles. */
export const PARTS = {
  columns: 'Columns',
  keys: 'Keys and constraints',
  indexes: 'Indexes',
  triggers: 'Triggers',
  details: 'Details',
  ddl: 'DDL',
  data: 'Data',
} as const;

/** One part of an object view. */
export type Part = keyof typeof PARTS;

/** The parts a kind of object has: a relation's (by what it can hold), or details and DDL. */
export function partsOf(kind: ObjectKind): Part[] {
  switch (kind) {
    case 'table':
    case 'partitioned_table':
      return ['columns', 'keys', 'indexes', 'triggers', 'ddl', 'data'];
    case 'foreign_table':
      return ['columns', 'keys', 'triggers', 'ddl', 'data'];
    case 'view':
      return ['columns', 'triggers', 'ddl', 'data'];
    case 'materialized_view':
      return ['columns', 'indexes', 'ddl', 'data'];
    default:
      return ['details', 'ddl'];
  }
}

/** A byte count as people read it (kB, MB, GB: powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The facts under the object's name: kind, rows, size, owner, partitioning. */
export function facts(d: ObjectDetails): string[] {
  return [
    KIND_LABEL[d.kind],
    d.rowEstimate === null || d.rowEstimate === undefined || d.rowEstimate < 0
      ? ''
      : `≈ ${Math.round(d.rowEstimate).toLocaleString('en-US')} rows`,
    typeof d.totalBytes === 'number' ? formatBytes(d.totalBytes) : '',
    `owner ${d.owner}`,
    d.partitionKey ? `partitioned by ${d.partitionKey}` : '',
    d.partitionOf
      ? `partition of ${qualifiedName(d.partitionOf.schema, d.partitionOf.name)} ${d.partitionOf.bound}`
      : '',
    d.inherits?.length
      ? `inherits ${d.inherits.map((p) => qualifiedName(p.schema, p.name)).join(', ')}`
      : '',
    d.readable ? '' : 'you may not read it',
  ].filter(Boolean);
}

/**
 * A dense property table: a head row and one row per item (an empty list says "None").
 * Columns fit their content, but those whose head ends in `*`, which share the rest.
 */
function table<T>(
  label: string,
  heads: string[],
  items: readonly T[] | undefined,
  row: (item: T) => TemplateResult,
) {
  if (!items?.length) return html`<p class="none">None</p>`;
  return html`<table class="props" aria-label=${label}>
    <thead>
      <tr>
        ${heads.map((h) =>
          h.endsWith('*')
            ? html`<th scope="col">${h.slice(0, -1)}</th>`
            : html`<th scope="col" class="fit">${h}</th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${items.map(row)}
    </tbody>
  </table>`;
}

/** The Columns part: position, name (key marks), type, NOT NULL, default, comment. */
export function columnsPart(d: ObjectDetails) {
  const on = (type: string, column: string) =>
    (d.constraints ?? []).some((c) => c.type === type && c.columns.includes(column));
  return table(
    'Columns',
    ['#', 'Name', 'Type', 'Not null', 'Default*', 'Comment*'],
    d.columns,
    (c) => {
      const key = on('primary', c.name) ? 'key' : on('foreign', c.name) ? 'link' : '';
      const extra = c.identity
        ? `identity (${c.identity})`
        : c.generated
          ? `generated ${c.generated.kind}: ${c.generated.expression}`
          : (c.default ?? '');
      return html`<tr>
        <td class="num">${c.position}</td>
        <td class="name">
          <span class="key ${key ? `i-${key}` : ''}" aria-hidden="true"></span>${c.name}
          ${key ? html`<span class="sr">${key === 'key' ? '(primary key)' : '(foreign key)'}</span>` : nothing}
        </td>
        <td class="type">
          ${c.type}${c.collation ? html` <span class="faint">collate ${c.collation}</span>` : nothing}
        </td>
        <td class="flag">${c.nullable ? '' : '✓'}</td>
        <td class="code">${extra}</td>
        <td class="comment">${c.comment ?? ''}</td>
      </tr>`;
    },
  );
}

/** The Keys and constraints part. */
export function keysPart(d: ObjectDetails) {
  return table(
    'Keys and constraints',
    ['Name', 'Type', 'Columns', 'Definition*'],
    d.constraints,
    (c) =>
      html`<tr>
        <td class="name">${c.name}</td>
        <td>
          ${CONSTRAINT_LABEL[c.type]}${c.validated ? '' : html` <span class="faint">not validated</span>`}
        </td>
        <td>${c.columns.join(', ')}</td>
        <td class="code">${c.definition}</td>
      </tr>`,
  );
}

/** The Indexes part. */
export function indexesPart(d: ObjectDetails) {
  return table(
    'Indexes',
    ['Name', 'Columns', 'Kind', 'Size', 'Definition*'],
    d.indexes,
    (i) =>
      html`<tr>
        <td class="name">${i.name}</td>
        <td>${i.columns.join(', ')}</td>
        <td>
          ${i.primary ? 'primary key' : i.unique ? 'unique' : ''}${i.predicate ? ' partial' : ''}${
            i.valid ? '' : html` <span class="bad">invalid</span>`
          }
        </td>
        <td class="num">${i.sizeBytes === null ? '' : formatBytes(i.sizeBytes)}</td>
        <td class="code">${i.definition}</td>
      </tr>`,
  );
}

/** The Triggers part. */
export function triggersPart(d: ObjectDetails) {
  return table(
    'Triggers',
    ['Name', 'Enabled', 'Definition*'],
    d.triggers,
    (t) =>
      html`<tr>
        <td class="name">${t.name}</td>
        <td class="flag">${t.enabled ? '✓' : 'disabled'}</td>
        <td class="code">${t.definition}</td>
      </tr>`,
  );
}

/** The Details part of an object that is not a relation (a function, a type, a sequence…). */
export function detailsPart(d: ObjectDetails) {
  const rows: [string, string | undefined][] = [
    ['Kind', KIND_LABEL[d.kind]],
    ['Owner', d.owner],
    ['Arguments', d.arguments],
    ['Returns', d.returns],
    ['Language', d.language],
    ['Labels', d.labels?.join(', ')],
    ['Base type', d.baseType],
    ['Comment', d.comment ?? undefined],
  ];
  return html`<table class="props kv" aria-label="Details">
    <tbody>
      ${rows
        .filter(([, v]) => v !== undefined && v !== '')
        .map(
          ([k, v]) =>
            html`<tr>
              <th scope="row">${k}</th>
              <td class="code">${v}</td>
            </tr>`,
        )}
    </tbody>
  </table>`;
}

/** SQL text with its keywords, strings and comments told apart (no editor needed to read it). */
export function highlightSql(sql: string) {
  const parts = sql.split(/('(?:[^']|'')*'|--[^\n]*|"(?:[^"]|"")*"|\b[A-Z][A-Z_]+\b)/);
  return parts.map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.startsWith("'")) return html`<span class="s">${part}</span>`;
    if (part.startsWith('--')) return html`<span class="c">${part}</span>`;
    if (part.startsWith('"')) return part;
    return html`<span class="k">${part}</span>`;
  });
}
