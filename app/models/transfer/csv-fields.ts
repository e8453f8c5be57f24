import { TuskError } from '../errors/errors';

/** How {@link CsvFieldPicker} reads the file: one-byte characters, as COPY takes them. */
export interface CsvSyntax {
  delimiter: string;
  quote: string;
  escape: string;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a CSV (or tab-delimited CSV) byte stream into records and fields exactly as
 * `COPY … (FORMAT csv)` reads them (quoted fields may hold delimiters and line breaks; a
 * quote is escaped by `escape`, or doubled when `escape` is the quote), and writes each
 * record again with only the fields `sources` names, in that order — each field's bytes
 * as they were in the file (its quotes too, so NULL and a quoted empty string stay apart),
 * joined by the delimiter, with the record's own line ending. One record out for each
 * record in (a header too), so COPY's "line N" is still the file's record N. Chunks may cut
 * anywhere (inside a quote, between CR and LF).
 */
export class CsvFieldPicker {
  readonly #delimiter: number;
  readonly #quote: number;
  readonly #escape: number;
  readonly #sources: readonly number[] | null;
  readonly #needed: number;
  #pending: Buffer = Buffer.alloc(0);
  /** Where scanning resumes in #pending (bytes before it are scanned). */
  #resume = 0;
  #inQuote = false;
  /** Where each field of the current record starts, in #pending. */
  #starts: number[] = [0];
  /** Records completed so far. */
  records = 0;
  /** The number of fields of the file's first record, once it is complete. */
  firstFieldCount: number | null = null;

  /** `sources` null: only count (no output), for the first record's field count. */
  constructor(syntax: CsvSyntax, sources: readonly number[] | null) {
    this.#delimiter = byteOf(syntax.delimiter);
    this.#quote = byteOf(syntax.quote);
    this.#escape = byteOf(syntax.escape);
    this.#sources = sources;
    this.#needed = sources ? Math.max(...sources) + 1 : 0;
  }

  /** Takes the next bytes of the file; the complete records in them, re-written. */
  push(chunk: Buffer): Buffer {
    const buf = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    const out: Buffer[] = [];
    let recordStart = 0;
    let i = this.#resume;
    const n = buf.length;
    scan: while (i < n) {
      const b = buf[i]!;
      if (this.#inQuote) {
        if (b === this.#escape && this.#escape !== this.#quote) {
          if (i + 1 >= n) break scan; // its escaped byte comes with the next chunk
          i += 2;
          continue;
        }
        if (b === this.#quote) {
          if (this.#escape === this.#quote) {
            if (i + 1 >= n) break scan; // a doubled quote, or the end of the quoted part?
            if (buf[i + 1] === this.#quote) {
              i += 2;
              continue;
            }
          }
          this.#inQuote = false;
        }
        i++;
        continue;
      }
      if (b === this.#quote) this.#inQuote = true;
      else if (b === this.#delimiter) this.#starts.push(i + 1);
      else if (b === LF || b === CR) {
        let end = i + 1;
        if (b === CR) {
          if (i + 1 >= n) break scan; // CR LF cut between chunks?
          if (buf[i + 1] === LF) end = i + 2;
        }
        this.#record(buf, recordStart, i, end, out);
        recordStart = end;
        this.#starts = [end];
        i = end;
        continue;
      }
      i++;
    }
    // Keep the incomplete record (its field starts made relative to it).
    this.#pending = buf.subarray(recordStart);
    this.#starts = this.#starts.map((s) => s - recordStart);
    this.#resume = i - recordStart;
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  /** The file has ended: its last record if it had no line break after it. */
  end(): Buffer {
    const out: Buffer[] = [];
    const rest = this.#pending;
    // A CR last in the file ends its last record.
    const stop = rest.at(-1) === CR && !this.#inQuote ? rest.length - 1 : rest.length;
    if (rest.length > 0) this.#record(rest, 0, stop, rest.length, out);
    this.#pending = Buffer.alloc(0);
    this.#starts = [0];
    this.#resume = 0;
    return Buffer.concat(out);
  }

  /** One complete record: `start` to `stop` (before its line ending), ending at `end`. */
  #record(buf: Buffer, start: number, stop: number, end: number, out: Buffer[]): void {
    const starts = this.#starts;
    this.records++;
    this.firstFieldCount ??= starts.length;
    const sources = this.#sources;
    if (!sources) return;
    // PostgreSQL's end-of-data marker, a line `\.` alone.
    if (stop - start === 2 && buf[start] === 0x5c && buf[start + 1] === 0x2e) return;
    if (starts.length < this.#needed) {
      throw new TuskError(
        'validation',
        `Line ${this.records} has ${starts.length} field${starts.length === 1 ? '' : 's'}; the column mapping reads field ${this.#needed}`,
        {
          line: this.records,
          hint: 'Check the delimiter and quote chosen for the file, or map only fields every line has.',
        },
      );
    }
    sources.forEach((source, k) => {
      if (k > 0) out.push(Buffer.from([this.#delimiter]));
      const from = starts[source]!;
      const to = source + 1 < starts.length ? starts[source + 1]! - 1 : stop;
      out.push(buf.subarray(from, to));
    });
    out.push(buf.subarray(stop, end));
  }
}

function byteOf(char: string): number {
  const code = char.charCodeAt(0);
  if (char.length !== 1 || code > 0x7f) {
    throw new TuskError('validation', `"${char}" is not a one-byte (ASCII) character`, {
      hint: 'COPY takes a delimiter, quote and escape of one ASCII character each.',
    });
  }
  return code;
}
