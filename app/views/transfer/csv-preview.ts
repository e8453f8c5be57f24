/**
 * The import dialog's preview: the first records of a CSV or TSV file parsed in the page as
 * PostgreSQL's COPY would read them, from the first {@link PREVIEW_BYTES} of the file only.
 */

/** How much of the file the preview reads. */
export const PREVIEW_BYTES = 64 * 1024;

/** How a file is read: COPY's CSV (quote, escape) or text format (tab, backslash escapes). */
export interface ReadOptions {
  format: 'csv' | 'tsv';
  delimiter: string;
  quote: string;
  escape: string;
  /** A field equal to it (unquoted) is NULL; '' in CSV, `\N` in TSV when left empty. */
  nullText: string;
}

/** The encodings offered: PostgreSQL's name and the page's decoder for the preview. */
export const ENCODINGS: readonly { pg: string; label: string }[] = [
  { pg: 'UTF8', label: 'utf-8' },
  { pg: 'LATIN1', label: 'iso-8859-1' },
  { pg: 'LATIN9', label: 'iso-8859-15' },
  { pg: 'WIN1252', label: 'windows-1252' },
  { pg: 'WIN1251', label: 'windows-1251' },
  { pg: 'WIN1250', label: 'windows-1250' },
  { pg: 'KOI8R', label: 'koi8-r' },
  { pg: 'SJIS', label: 'shift_jis' },
  { pg: 'EUC_JP', label: 'euc-jp' },
  { pg: 'GBK', label: 'gbk' },
  { pg: 'BIG5', label: 'big5' },
  { pg: 'EUC_KR', label: 'euc-kr' },
];

/** The start of `file` as text in `encoding` (PostgreSQL's name); `complete` when it is all of it. */
export async function readStart(
  file: Blob,
  encoding: string,
): Promise<{ text: string; complete: boolean }> {
  const label = ENCODINGS.find((e) => e.pg === encoding)?.label ?? 'utf-8';
  const bytes = await file.slice(0, PREVIEW_BYTES).arrayBuffer();
  const text = new TextDecoder(label).decode(bytes);
  return { text, complete: file.size <= PREVIEW_BYTES };
}

/**
 * The first `max` records of `text` (a field: its text, or null for NULL). A record cut by
 * the end of a partial `text` (`complete` false) is left out.
 */
export function parseRecords(
  text: string,
  o: ReadOptions,
  max: number,
  complete: boolean,
): (string | null)[][] {
  return o.format === 'tsv' ? parseText(text, o, max, complete) : parseCsv(text, o, max, complete);
}

function parseCsv(text: string, o: ReadOptions, max: number, complete: boolean) {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  const endField = () => {
    record.push(!quoted && field === o.nullText ? null : field);
    field = '';
    quoted = false;
  };
  let i = 0;
  while (i < text.length && records.length < max) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (inQuotes) {
      if (ch === o.escape && (next === o.quote || (next === o.escape && o.escape !== o.quote))) {
        field += next;
        i += 2;
      } else if (ch === o.quote) {
        inQuotes = false;
        i++;
      } else {
        field += ch;
        i++;
      }
      continue;
    }
    i++;
    if (ch === o.quote) {
      inQuotes = quoted = true;
    } else if (ch === o.delimiter) {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i] === '\n') i++;
      endField();
      records.push(record);
      record = [];
    } else field += ch;
  }
  if (complete && !inQuotes && (field !== '' || quoted || record.length > 0)) {
    endField();
    if (records.length < max) records.push(record);
  }
  return records;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };

function parseText(text: string, o: ReadOptions, max: number, complete: boolean) {
  const nullText = o.nullText || '\\N';
  const lines = text.split(/\r?\n/);
  if (!complete || lines.at(-1) === '') lines.pop();
  return lines
    .slice(0, max)
    .map((line) =>
      line
        .split('\t')
        .map((raw) =>
          raw === nullText ? null : raw.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c),
        ),
    );
}

/** The fields' names: the header record's, or `column 1`, `column 2`… */
export function fieldNames(first: (string | null)[] | undefined, header: boolean, count: number) {
  return Array.from({ length: count }, (_, i) =>
    header && first?.[i] ? first[i] : `column ${i + 1}`,
  );
}

/**
 * The first mapping of a table's columns to the file's fields: the field with the column's
 * name (case-insensitive) when the file has a header, else the field at the column's place;
 * null (the column's default) when none.
 */
export function autoMapping(
  columns: readonly string[],
  fields: readonly string[],
  header: boolean,
): Map<string, number | null> {
  const lower = fields.map((f) => f.trim().toLowerCase());
  return new Map(
    columns.map((column, at) => {
      if (!header) return [column, at < fields.length ? at : null];
      const index = lower.indexOf(column.toLowerCase());
      return [column, index >= 0 ? index : null];
    }),
  );
}
