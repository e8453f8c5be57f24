/**
 * The text of an export, a row at a time (never the whole file): CSV and TSV exactly as
 * PostgreSQL's `COPY … TO STDOUT (FORMAT csv)` writes them, JSON (one array of objects),
 * JSON Lines, batched SQL INSERTs and Markdown. Values are the server's text (null for
 * NULL); JSON, SQL and Markdown cells are written as `queries.copy` writes them
 * (result-copy.ts), so a copy and an export of the same rows agree.
 */
import { qualifiedName } from '../../common/identifiers';
import { TuskError } from '../errors/errors';
import type { ResultColumn } from '../queries/column-types';
import {
  distinctNames,
  isNumericType,
  jsonValue,
  markdownCell,
  quoteIdent,
  sqlLiteral,
} from '../queries/result-copy';
import type { ExportFormat, ExportOptions } from './transfer-types';

/** Rows a Markdown export may hold: a table for a README or a ticket, not a data file. */
export const MARKDOWN_MAX_ROWS = 10_000;

/** Rows per INSERT by default. */
const DEFAULT_BATCH_ROWS = 100;

/** Turns rows into the text of one export's file. */
export interface ExportWriter {
  /** What the file starts with (BOM, header, `[`), once the columns are known. */
  begin(columns: ResultColumn[]): string;
  /** One row (cells in column order, null for NULL). */
  row(cells: readonly (string | null)[]): string;
  /** What the file ends with (`]`, the last INSERT's `;`). */
  end(): string;
}

/** The CSV/TSV options in force, defaults filled in. */
export interface CsvSettings {
  header: boolean;
  delimiter: string;
  quote: string;
  escape: string;
  nullText: string;
  lineEnd: string;
  bom: boolean;
}

/** CSV/TSV options with their defaults (TSV: a tab as delimiter, else as CSV). */
export function csvSettings(format: 'csv' | 'tsv', options: ExportOptions): CsvSettings {
  const quote = options.quote ?? '"';
  return {
    header: options.header ?? true,
    delimiter: options.delimiter ?? (format === 'tsv' ? '\t' : ','),
    quote,
    escape: options.escape ?? quote,
    nullText: options.nullText ?? '',
    lineEnd: options.lineEnding === 'crlf' ? '\r\n' : '\n',
    bom: options.bom ?? false,
  };
}

/**
 * Checks what PostgreSQL's COPY checks of CSV options (so the row path refuses what COPY
 * would): one-character delimiter, quote and escape, the delimiter not the quote, neither
 * a line break, the NULL text without a line break or the delimiter.
 * @throws TuskError `validation` naming the option.
 */
export function checkCsvSettings(settings: CsvSettings): void {
  const bad = (message: string) =>
    new TuskError('validation', message, {
      hint: 'Choose other CSV options: PostgreSQL could not read the file back either.',
    });
  if (settings.delimiter === settings.quote)
    throw bad('The delimiter and the quote must be different characters');
  for (const [name, value] of [
    ['delimiter', settings.delimiter],
    ['quote', settings.quote],
    ['escape', settings.escape],
  ] as const) {
    if (/[\r\n]/.test(value)) throw bad(`The ${name} cannot be a line break`);
  }
  if (/[\r\n]/.test(settings.nullText)) throw bad('The NULL text cannot hold a line break');
  if (settings.nullText.includes(settings.delimiter))
    throw bad('The NULL text cannot hold the delimiter');
}

/** The writer of `format` with `options`; `table` names a table source (SQL's default target). */
export function exportWriter(
  format: ExportFormat,
  options: ExportOptions,
  table?: { schema: string; name: string },
): ExportWriter {
  switch (format) {
    case 'csv':
    case 'tsv':
      return new CsvWriter(csvSettings(format, options));
    case 'json':
      return new JsonWriter(false);
    case 'jsonl':
      return new JsonWriter(true);
    case 'sql':
      return new SqlWriter(sqlTarget(options.table, table), options.batchRows);
    case 'markdown':
      return new MarkdownWriter();
  }
}

/** The INSERT's target: the option (`name` or `schema.name`), else the source table, else `exported`. */
function sqlTarget(option: string | undefined, table?: { schema: string; name: string }): string {
  if (option) {
    const parts = /^([^."]+)\.([^."]+)$/.exec(option);
    return parts ? qualifiedName(parts[1]!, parts[2]!) : quoteIdent(option);
  }
  return table ? qualifiedName(table.schema, table.name) : 'exported';
}

/** CSV as COPY writes it (CopyAttributeOutCSV of PostgreSQL 15). */
class CsvWriter implements ExportWriter {
  readonly #s: CsvSettings;
  #single = false;

  constructor(settings: CsvSettings) {
    checkCsvSettings(settings);
    this.#s = settings;
  }

  begin(columns: ResultColumn[]): string {
    this.#single = columns.length === 1;
    const bom = this.#s.bom ? '\uFEFF' : '';
    if (!this.#s.header) return bom;
    return bom + this.row(columns.map((c) => c.name));
  }

  row(cells: readonly (string | null)[]): string {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += this.#s.delimiter;
      const value = cells[i];
      line += value === null || value === undefined ? this.#s.nullText : this.#field(value);
    }
    return line + this.#s.lineEnd;
  }

  end(): string {
    return '';
  }

  #field(value: string): string {
    const { delimiter, quote, escape, nullText } = this.#s;
    const quoted =
      value === nullText ||
      (this.#single && value === '\\.') ||
      value.includes(delimiter) ||
      value.includes(quote) ||
      value.includes('\n') ||
      value.includes('\r');
    if (!quoted) return value;
    let out = quote;
    for (const char of value) out += char === quote || char === escape ? escape + char : char;
    return out + quote;
  }
}

/** JSON: one array of objects by column name; JSON Lines: one object a line. */
class JsonWriter implements ExportWriter {
  readonly #lines: boolean;
  #keys: string[] = [];
  #types: string[] = [];
  #rows = 0;

  constructor(lines: boolean) {
    this.#lines = lines;
  }

  begin(columns: ResultColumn[]): string {
    this.#keys = distinctNames(columns.map((c) => c.name)).map((k) => JSON.stringify(k));
    this.#types = columns.map((c) => c.type);
    return this.#lines ? '' : '[';
  }

  row(cells: readonly (string | null)[]): string {
    let item = '{';
    for (let i = 0; i < cells.length; i++) {
      const value = jsonValue(cells[i] ?? null, this.#types[i]!);
      // json keeps its text: line breaks between its tokens are whitespace.
      const flat = this.#lines && /[\r\n]/.test(value) ? value.replace(/[\r\n]/g, ' ') : value;
      item += `${i > 0 ? ', ' : ''}${this.#keys[i]}: ${flat}`;
    }
    item += '}';
    this.#rows += 1;
    if (this.#lines) return `${item}\n`;
    return `${this.#rows === 1 ? '\n  ' : ',\n  '}${item}`;
  }

  end(): string {
    if (this.#lines) return '';
    return this.#rows === 0 ? ']\n' : '\n]\n';
  }
}

/** `INSERT INTO t (cols) VALUES (…), (…);` with `batchRows` rows each. */
class SqlWriter implements ExportWriter {
  readonly #table: string;
  readonly #batch: number;
  #head = '';
  #types: string[] = [];
  #inBatch = 0;

  constructor(table: string, batchRows = DEFAULT_BATCH_ROWS) {
    this.#table = table;
    this.#batch = batchRows;
  }

  begin(columns: ResultColumn[]): string {
    this.#types = columns.map((c) => c.type);
    const list = columns.map((c) => quoteIdent(c.name)).join(', ');
    this.#head = `INSERT INTO ${this.#table} (${list}) VALUES\n`;
    return '';
  }

  row(cells: readonly (string | null)[]): string {
    const values = cells.map((v, i) => sqlLiteral(v ?? null, this.#types[i]!)).join(', ');
    const start = this.#inBatch === 0 ? this.#head : ',\n';
    this.#inBatch += 1;
    if (this.#inBatch === this.#batch) {
      this.#inBatch = 0;
      return `${start}  (${values});\n`;
    }
    return `${start}  (${values})`;
  }

  end(): string {
    return this.#inBatch > 0 ? ';\n' : '';
  }
}

/** A Markdown table (NULL empty), numbers right-aligned; refused over {@link MARKDOWN_MAX_ROWS}. */
class MarkdownWriter implements ExportWriter {
  #rows = 0;

  begin(columns: ResultColumn[]): string {
    const head = columns.map((c) => markdownCell(c.name));
    const rule = columns.map((c) => (isNumericType(c.type) ? '---:' : '---'));
    return `| ${head.join(' | ')} |\n| ${rule.join(' | ')} |\n`;
  }

  row(cells: readonly (string | null)[]): string {
    this.#rows += 1;
    if (this.#rows > MARKDOWN_MAX_ROWS) throw markdownTooLarge();
    return `| ${cells.map((v) => markdownCell(v ?? null)).join(' | ')} |\n`;
  }

  end(): string {
    return '';
  }
}

/** The error of a Markdown export of more than {@link MARKDOWN_MAX_ROWS} rows. */
export function markdownTooLarge(): TuskError {
  return new TuskError(
    'validation',
    `Too many rows for Markdown: it is for small results (at most ${MARKDOWN_MAX_ROWS.toLocaleString('en-US')} rows)`,
    { hint: 'Export as CSV or JSON instead, or narrow the query (WHERE, LIMIT).' },
  );
}

/** The file name's extension of each format. */
export const EXTENSIONS: Record<ExportFormat, string> = {
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  sql: 'sql',
  markdown: 'md',
};

/** The Content-Type of each format's download. */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  sql: 'application/sql; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};
