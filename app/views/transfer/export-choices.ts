import type { ExportFormat, ExportOptions } from '../../controllers/api';

/** The formats by name, in the dialog's order, with their files' extensions. */
export const FORMATS: readonly { id: ExportFormat; name: string; extension: string }[] = [
  { id: 'csv', name: 'CSV', extension: 'csv' },
  { id: 'tsv', name: 'TSV', extension: 'tsv' },
  { id: 'json', name: 'JSON (one array)', extension: 'json' },
  { id: 'jsonl', name: 'JSON Lines', extension: 'jsonl' },
  { id: 'sql', name: 'SQL INSERT', extension: 'sql' },
  { id: 'markdown', name: 'Markdown', extension: 'md' },
];

/** The delimiters offered for CSV, by name. */
export const DELIMITERS: readonly { value: string; name: string }[] = [
  { value: ',', name: 'Comma  ,' },
  { value: ';', name: 'Semicolon  ;' },
  { value: '\t', name: 'Tab' },
  { value: '|', name: 'Pipe  |' },
];

/** Everything the export dialog asks, as remembered between exports. */
export interface ExportChoices {
  format: ExportFormat;
  /** CSV and TSV. */
  header: boolean;
  delimiter: string;
  quote: string;
  escape: string;
  nullText: string;
  lineEnding: 'lf' | 'crlf';
  bom: boolean;
  /** SQL INSERT: rows per statement (the table's name is the source's, not remembered). */
  batchRows: number;
  destination: 'download' | 'folder';
  folder: string;
}

const KEY = 'tusk.exportChoices';

/** The defaults: CSV as PostgreSQL's COPY writes it, with a header; `desktop` saves to a folder. */
export function defaultChoices(desktop: boolean): ExportChoices {
  return {
    format: 'csv',
    header: true,
    delimiter: ',',
    quote: '"',
    escape: '"',
    nullText: '',
    lineEnding: 'lf',
    bom: false,
    batchRows: 100,
    destination: desktop ? 'folder' : 'download',
    folder: '',
  };
}

/** The last choices made (this browser's storage), over the defaults. */
export function rememberedChoices(desktop: boolean): ExportChoices {
  const defaults = defaultChoices(desktop);
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<ExportChoices>;
    const merged = { ...defaults };
    for (const key of Object.keys(defaults) as (keyof ExportChoices)[]) {
      if (typeof stored[key] === typeof defaults[key])
        (merged as Record<string, unknown>)[key] = stored[key];
    }
    if (!FORMATS.some((f) => f.id === merged.format)) merged.format = 'csv';
    return merged;
  } catch {
    return defaults;
  }
}

/** Keeps `choices` for the next export (nothing when storage is refused). */
export function rememberChoices(choices: ExportChoices): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(choices));
  } catch {
    // Private mode: the choices last for this dialog only.
  }
}

/** True when `c` is the "Excel" preset: UTF-8 BOM, CRLF, a header. */
export function isExcel(c: ExportChoices): boolean {
  return c.bom && c.lineEnding === 'crlf' && c.header;
}

/** `export.start`'s options for `c`'s format; `table` is the SQL INSERT's target. */
export function optionsOf(c: ExportChoices, table: string): ExportOptions {
  const text = { header: c.header, nullText: c.nullText, lineEnding: c.lineEnding, bom: c.bom };
  switch (c.format) {
    case 'csv':
      return { ...text, delimiter: c.delimiter, quote: c.quote, escape: c.escape };
    case 'tsv':
      return text;
    case 'sql':
      return { ...(table.trim() ? { table: table.trim() } : {}), batchRows: c.batchRows };
    default:
      return {};
  }
}

/** The file's name for `base` in `format` (the backend's answer has the final one). */
export function fileNameOf(base: string, format: ExportFormat): string {
  const extension = FORMATS.find((f) => f.id === format)!.extension;
  const safe = base.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'export';
  return `${safe}.${extension}`;
}

/** What is wrong with `c` (a one-character field left empty, a missing folder), or null. */
export function problemOf(c: ExportChoices): string | null {
  if (c.format === 'csv' && (c.quote.length !== 1 || c.escape.length !== 1))
    return 'Quote and escape are one character each';
  if (c.format === 'sql' && !(c.batchRows >= 1 && c.batchRows <= 10_000))
    return 'Rows per INSERT is from 1 to 10,000';
  if (c.destination === 'folder' && !c.folder.trim()) return 'Give the folder to save the file in';
  return null;
}
