/**
 * The COPY path of a CSV or TSV export: `COPY (statement) TO STDOUT (FORMAT csv, …)`
 * streamed from the server into the file as it comes (the server waits while the file is
 * full), where COPY's output is exactly what was asked: a statement without parameters
 * (COPY goes by the simple protocol, which has none) that a cursor could take, LF line
 * ends (a BOM is written before it). Anything else takes the row path.
 */
import type { Writable } from 'node:stream';
import type { PoolSession } from '../connections/pool-session';
import type { CopyOut } from '../driver/driver-statement';
import type { ExportPlan } from './export-source';
import { csvSettings, type CsvSettings } from './export-writer';
import type { ExportFormat, ExportOptions } from './transfer-types';

/** Bytes gathered from the server's rows before one write to the file. */
const WRITE_BYTES = 64 * 1024;
/** How long a COPY's CancelRequest may take to land before its session is closed instead. */
const COPY_CANCEL_MS = 1500;

/** What streams the COPY's bytes: counts, and the COPY under way (for a cancel). */
export interface CopyProgress {
  rows: number;
  bytes: number;
  copy: CopyOut | null;
}

/**
 * The `COPY … TO STDOUT` whose output is the export of `plan` as `format` with `options`,
 * or null when it cannot be (parameters, not a SELECT, CRLF, not CSV/TSV). Quoted for a
 * session with `standard_conforming_strings` on (the caller checks).
 */
export function copyCommand(
  plan: ExportPlan,
  format: ExportFormat,
  options: ExportOptions,
): { text: string; settings: CsvSettings } | null {
  if (plan.kind !== 'statement' || !plan.cursor || plan.params.length > 0) return null;
  if (format !== 'csv' && format !== 'tsv') return null;
  const settings = csvSettings(format, options);
  if (settings.lineEnd !== '\n') return null;
  const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
  const body = plan.sql.trim().replace(/;\s*$/, '');
  const text =
    `COPY (\n${body}\n) TO STDOUT WITH (FORMAT csv, HEADER ${settings.header}, ` +
    `DELIMITER ${literal(settings.delimiter)}, QUOTE ${literal(settings.quote)}, ` +
    `ESCAPE ${literal(settings.escape)}, NULL ${literal(settings.nullText)})`;
  return { text, settings };
}

/**
 * Runs `text` (a COPY … TO STDOUT) on `session` and writes its bytes into `out`,
 * gathered in 64 KiB writes, pausing the server's stream while `out` is full; counts rows
 * (one CopyData per row, the header left out) and bytes in `progress`. Resolves with the
 * server's count of rows; rejects with its error (a cancel: 57014) or `out`'s.
 */
export async function streamCopy(
  session: PoolSession,
  text: string,
  header: boolean,
  out: Writable,
  progress: CopyProgress,
): Promise<number> {
  const copy = await session.statement(text).copyOut();
  progress.copy = copy;
  const { stream } = copy;
  let parts: Buffer[] = [];
  let gathered = 0;
  let skipHeader = header;
  const flush = () => {
    if (gathered === 0) return true;
    const chunk = parts.length === 1 ? parts[0]! : Buffer.concat(parts, gathered);
    parts = [];
    gathered = 0;
    progress.bytes += chunk.length;
    return out.write(chunk);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        // Stopped on the server too: the session is free once the COPY has ended.
        void copy.cancel().catch(() => undefined);
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      stream.on('data', (chunk: Buffer) => {
        if (skipHeader) skipHeader = false;
        else progress.rows += 1;
        parts.push(chunk);
        gathered += chunk.length;
        if (gathered >= WRITE_BYTES && !flush()) {
          stream.pause();
          out.once('drain', () => stream.resume());
        }
      });
      stream.once('end', () => {
        flush();
        resolve();
      });
      stream.once('error', fail);
      // A closed stream (cancel, a download gone) ends the wait; `done` says how it ended.
      stream.once('close', () => resolve());
      out.once('close', () => fail(out.errored ?? new Error('the file or download was closed')));
      out.once('error', fail);
    });
    return await copy.done;
  } finally {
    progress.copy = null;
  }
}

/**
 * Cancels a COPY under way: a CancelRequest (it lands even during COPY). Resolves with
 * `safe: false` when it has not landed within 1.5 s (the caller then closes the session,
 * which ends the backend's COPY on the server too).
 */
export async function cancelCopy(copy: CopyOut): Promise<{ safe: boolean }> {
  let landed = false;
  await Promise.race([
    copy.cancel().then(
      () => (landed = true),
      () => (landed = true),
    ),
    new Promise((resolve) => setTimeout(resolve, COPY_CANCEL_MS).unref()),
  ]);
  // The server's 57014 follows the request at once; a dead network gives up waiting.
  await Promise.race([
    copy.done.catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, COPY_CANCEL_MS).unref()),
  ]);
  return { safe: landed };
}
