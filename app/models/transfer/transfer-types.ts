/**
 * The shapes of `export.*` and `import.*` (issue 27): what a view asks for and what the
 * backend reports. Contract of issue 27; the services refine the details.
 */

/** The formats an export writes. */
export const EXPORT_FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'sql', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * How an export writes its format. CSV/TSV: `header` (default true), `delimiter` (one
 * character; default `,` for CSV, tab for TSV), `quote` and `escape` (one character each,
 * default `"`), `nullText` (default empty), `lineEnding` (default LF), `bom` (UTF-8 BOM;
 * the view's "Excel" preset = BOM + CRLF + header). SQL: `table` (the INSERT's target,
 * default the source table or `exported`), `batchRows` (rows per INSERT, default 100).
 */
export interface ExportOptions {
  header?: boolean;
  delimiter?: string;
  quote?: string;
  escape?: string;
  nullText?: string;
  lineEnding?: 'lf' | 'crlf';
  bom?: boolean;
  table?: string;
  batchRows?: number;
}

/**
 * What is exported: a statement (re-run for the export when it only reads; `tabId` runs it
 * on the tab's session), a whole table, or a held result (`queries.execute`'s `queryId`).
 */
export type ExportSource =
  | { sql: string; params?: (string | null)[]; tabId?: string }
  | { table: { schema: string; name: string } }
  | { queryId: string; result?: number };

/** Where the file goes: a download from the backend, or written by it into a folder. */
export type ExportDestination = 'download' | { folder: string };

/** What `export.start` returns. */
export interface ExportStarted {
  exportId: string;
  /** The file's name (`orders.csv`). */
  fileName: string;
  /** For a download: the address to fetch (`/<token>/exports/<exportId>`), absolute path. */
  url?: string;
}

/** CSV/TSV reading options of an import. */
export interface ImportOptions {
  format: 'csv' | 'tsv';
  header: boolean;
  delimiter?: string;
  quote?: string;
  escape?: string;
  nullText?: string;
  /** The file's encoding as PostgreSQL names it (default UTF8). */
  encoding?: string;
}

/** One imported column: the file's field (its index, from 0) into the table's column. */
export interface ImportColumn {
  source: number;
  target: string;
}

/** What `import.start` returns. */
export interface ImportStarted {
  importId: string;
  /** Where the page PUTs the file's chunks, in order (absolute path under the token). */
  uploadUrl: string;
}
