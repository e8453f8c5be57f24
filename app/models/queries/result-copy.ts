/**
 * Copy of a grid selection as text, built where the rows are: a range of rows and a list of
 * columns of a held result, whole cells (never the cut ones a page sends), in one of five
 * formats. The text is bounded (rows and characters): beyond a bound the copy is refused
 * with a `validation` error that says to export instead — never a partial copy.
 */
import { TuskError } from '../errors/errors';
import type { ResultColumn } from './column-types';
import { jsonBytes } from './json-size';
import type { RowReader } from './result-view';

/** The formats a copy can take. */
export const COPY_FORMATS = ['tsv', 'csv', 'json', 'markdown', 'sql'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Rows one copy may hold. */
export const COPY_MAX_ROWS = 100_000;
/**
 * Bytes one copy's text may take as JSON, as the reply carries it (64 MiB: a control
 * character takes 6): a clipboard is no place for more.
 */
export const COPY_MAX_BYTES = 64 * 1024 * 1024;

/** What to copy: rows `from` (inclusive) to `to` (exclusive), `columns` by index, in order. */
export interface CopyRequest {
  from: number;
  to: number;
  columns: number[];
  format: CopyFormat;
  /** Column names first (TSV, CSV, Markdown), objects instead of arrays (JSON), a column list (SQL). */
  headers: boolean;
  /**
   * The table an SQL INSERT names; by default the columns' own table (`schema.name`) when
   * every column copied comes from the same one, else `table_name`.
   */
  table?: string;
}

/** Rows turned into strings per step, between which the event loop gets a turn. */
const STEP_ROWS = 2000;

/**
 * Copies `request` out of `set`, whose columns `columns` describes (names and types). Rows
 * count as the reader shows them: through a sort or filter when one is in force. Yields to
 * the event loop every {@link STEP_ROWS} rows.
 * @throws TuskError `validation` (code `COPY_TOO_LARGE`) over {@link COPY_MAX_ROWS} rows
 *   or {@link COPY_MAX_BYTES} bytes of JSON; `validation` for a column that does not exist.
 */
export async function copyRows(
  set: RowReader,
  columns: ResultColumn[],
  request: CopyRequest,
): Promise<{ text: string; rows: number }> {
  const from = Math.max(0, request.from);
  const to = Math.min(set.rowCount, request.to);
  const count = Math.max(0, to - from);
  if (request.to - request.from > COPY_MAX_ROWS)
    throw tooLarge(`${(request.to - request.from).toLocaleString('en-US')} rows`);
  const bad = request.columns.find((c) => c < 0 || c >= columns.length);
  if (bad !== undefined) {
    throw new TuskError('validation', `There is no column ${bad}`, {
      hint: `The result has ${columns.length} columns, counted from 0.`,
    });
  }
  const picked = request.columns.map((c) => columns[c]!);
  const writer = new CopyWriter(request.format, picked, request.headers, request.table);
  for (let at = from; at < to; at += STEP_ROWS) {
    const end = Math.min(to, at + STEP_ROWS);
    // A cell past the bound is refused before its string is made (strings have a limit).
    for (let row = at; row < end; row++) {
      for (const c of request.columns) {
        if ((set.cellBytes(row, c) ?? 0) > COPY_MAX_BYTES) throw tooLarge('a cell over 64 MB');
      }
    }
    const { rows } = set.page(at, end - at, Number.MAX_SAFE_INTEGER);
    for (const row of rows) writer.row(request.columns.map((c) => row[c] ?? null));
    if (at + STEP_ROWS < to) await new Promise((resolve) => setImmediate(resolve));
  }
  return { text: writer.end(), rows: count };
}

function tooLarge(what: string): TuskError {
  return new TuskError('validation', `Too large to copy: ${what}`, {
    code: 'COPY_TOO_LARGE',
    hint: `A copy holds at most ${COPY_MAX_ROWS.toLocaleString('en-US')} rows and 64 MB of text: select fewer rows, or narrow the query (WHERE, LIMIT).`,
  });
}

const NUMERIC_TYPE =
  /^(smallint|integer|bigint|numeric|decimal|real|double precision|oid)\b(?!.*\[\])/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** True for a column whose values are numbers (right-aligned, unquoted in JSON and SQL). */
export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type);
}

/** Builds one copy's text row by row, counting its size. */
export class CopyWriter {
  readonly #format: CopyFormat;
  readonly #columns: ResultColumn[];
  readonly #headers: boolean;
  readonly #table: string;
  readonly #parts: string[] = [];
  readonly #keys: string[];
  #bytes = 0;
  #rows = 0;

  constructor(format: CopyFormat, columns: ResultColumn[], headers: boolean, table?: string) {
    this.#format = format;
    this.#columns = columns;
    this.#headers = headers;
    this.#table = table && table.length > 0 ? quoteIdent(table) : ownTable(columns);
    this.#keys = distinctNames(columns.map((c) => c.name));
    this.#begin();
  }

  /** Adds one row (cells in the order of the columns; null is NULL). */
  row(cells: (string | null)[]): void {
    const first = this.#rows === 0;
    this.#rows += 1;
    switch (this.#format) {
      case 'tsv':
        return this.#push(
          cells.map((v) => (v === null ? '' : spreadsheetField(v, '\t'))),
          '\t',
        );
      case 'csv':
        return this.#push(cells.map(csvField), ',');
      case 'markdown':
        return this.#push(['|', ...cells.flatMap((v) => [markdownCell(v), '|'])], ' ');
      case 'json': {
        const values = cells.map((v, i) => jsonValue(v, this.#columns[i]!.type));
        const item = this.#headers
          ? `{${values.map((v, i) => `${JSON.stringify(this.#keys[i])}: ${v}`).join(', ')}}`
          : `[${values.join(', ')}]`;
        return this.#add(`${first ? '' : ',\n'}  ${item}`);
      }
      case 'sql': {
        const list = this.#headers
          ? ` (${this.#columns.map((c) => quoteIdent(c.name)).join(', ')})`
          : '';
        const values = cells.map((v, i) => sqlLiteral(v, this.#columns[i]!.type)).join(', ');
        return this.#add(`INSERT INTO ${this.#table}${list} VALUES (${values});\n`);
      }
    }
  }

  /** The whole text; no line break after the last line (a copied cell pastes as itself). */
  end(): string {
    if (this.#format === 'json') this.#add(this.#rows === 0 ? ']' : '\n]');
    const text = this.#parts.join('');
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  }

  #begin(): void {
    const names = this.#columns.map((c) => c.name);
    if (this.#format === 'json') return this.#add('[\n');
    if (this.#format === 'markdown') {
      const head = this.#headers ? names.map((n) => markdownCell(n)) : names.map(() => '');
      this.#push(['|', ...head.flatMap((n) => [n, '|'])], ' ');
      const rule = this.#columns.map((c) => (isNumericType(c.type) ? '---:' : '---'));
      return this.#push(['|', ...rule.flatMap((r) => [r, '|'])], ' ');
    }
    if (!this.#headers) return;
    if (this.#format === 'tsv')
      this.#push(
        names.map((n) => spreadsheetField(n, '\t')),
        '\t',
      );
    if (this.#format === 'csv') this.#push(names.map(csvField), ',');
  }

  #push(fields: string[], separator: string): void {
    this.#add(`${fields.join(separator)}\n`);
  }

  #add(text: string): void {
    this.#bytes += jsonBytes(text) - 2;
    if (this.#bytes > COPY_MAX_BYTES) throw tooLarge(`over 64 MB of text`);
    this.#parts.push(text);
  }
}

/**
 * A field as spreadsheets read it: quoted (quotes doubled) when it holds the separator or a
 * line break, or begins with a quote; a CSV field also when it holds a quote anywhere.
 */
function spreadsheetField(value: string, separator: string): string {
  const quote =
    value.includes(separator) ||
    /[\r\n]/.test(value) ||
    (separator === ',' ? value.includes('"') : value.startsWith('"'));
  return quote ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A CSV field as PostgreSQL's COPY writes it: NULL empty, the empty string `""`. */
function csvField(value: string | null): string {
  if (value === null) return '';
  return value === '' ? '""' : spreadsheetField(value, ',');
}

/** `schema.name` of the one table every column comes from, quoted; else `table_name`. */
function ownTable(columns: ResultColumn[]): string {
  const first = columns[0]?.table;
  if (!first || columns.some((c) => c.table?.oid !== first.oid)) return 'table_name';
  return `${quoteIdent(first.schema)}.${quoteIdent(first.name)}`;
}

/** A Markdown table cell (shared with exports): pipes, backslashes and `<` escaped, line breaks as `<br>`; NULL empty. */
export function markdownCell(value: string | null): string {
  if (value === null) return '';
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replace(/\r?\n|\r/g, '<br>');
}

/** A JSON value (shared with exports): numbers and booleans as such, json/jsonb embedded, the rest strings. */
export function jsonValue(value: string | null, type: string): string {
  if (value === null) return 'null';
  if (isNumericType(type) && NUMBER_TEXT.test(value)) return value;
  if (type === 'boolean') return value === 't' ? 'true' : 'false';
  if (type === 'json' || type === 'jsonb') return value;
  return JSON.stringify(value);
}

/** An SQL literal (shared with exports): numbers bare, booleans TRUE/FALSE, the rest quoted with `'` doubled. */
export function sqlLiteral(value: string | null, type: string): string {
  if (value === null) return 'NULL';
  if (isNumericType(type) && NUMBER_TEXT.test(value)) return value;
  if (type === 'boolean') return value === 't' ? 'TRUE' : 'FALSE';
  return `'${value.replaceAll("'", "''")}'`;
}

/** PostgreSQL's reserved key words: an identifier spelled as one must be quoted. */
const RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check
  collate collation column concurrently constraint create cross current_catalog current_date
  current_role current_schema current_time current_timestamp current_user default deferrable
  desc distinct do else end except false fetch for foreign freeze from full grant group having
  ilike in initially inner intersect into is isnull join lateral leading left like limit
  localtime localtimestamp natural not notnull null offset on only or order outer overlaps
  placing primary references returning right select session_user similar some symmetric
  system_user table tablesample then to trailing true union unique user using variadic verbose
  when where window with`.split(/\s+/),
);

/** An identifier as SQL text: bare when it is lower-case and no key word, else quoted. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)
    ? name
    : `"${name.replaceAll('"', '""')}"`;
}

/** Column names made distinct for JSON keys (shared with exports): a repeated `id` becomes `id_2`, `id_3`. */
export function distinctNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let key = name;
    for (let n = 2; seen.has(key); n++) key = `${name}_${n}`;
    seen.add(key);
    return key;
  });
}
