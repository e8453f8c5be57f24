import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { v4 as uuidv4 } from 'uuid';
import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';
import type { QueryService } from '../queries/query-service';
import type { TabSessions } from '../sessions/tab-sessions';
import {
  checkFolder,
  createFolderFile,
  downloadHeaders,
  downloadsFolder,
  exportFileName,
  removeFile,
} from './export-files';
import { cancelledError, ExportJob } from './export-job';
import { planSource } from './export-source';
import { exportWriter, MARKDOWN_MAX_ROWS, markdownTooLarge } from './export-writer';
import type {
  ExportDestination,
  ExportFormat,
  ExportOptions,
  ExportSource,
  ExportStarted,
} from './transfer-types';

const log = getLogger('export');

/** A download not fetched within this many ms is dropped. */
export const DOWNLOAD_WAIT_MS = 60_000;
/** How often `export.progress` is sent while an export runs (about 5 a second). */
const PROGRESS_MS = 200;
/** How long `export.cancel` waits for the export to have ended (file removed, query stopped). */
const CANCEL_WAIT_MS = 2500;

/** What `export.start` takes. */
export interface ExportRequest {
  connectionId: string;
  source: ExportSource;
  format: ExportFormat;
  options: ExportOptions;
  destination: ExportDestination;
}

/** Options of {@link ExportService}. */
export interface ExportServiceOptions {
  live: LiveConnections;
  tabs: TabSessions;
  queries: Pick<QueryService, 'heldResult'>;
  /** Pushes an event to every view. */
  emit(event: string, payload: unknown): void;
  /** The absolute path a download of `exportId` is fetched at (`/<token>/exports/<id>`). */
  downloadUrl(exportId: string): string;
}

interface Entry {
  job: ExportJob;
  format: ExportFormat;
  fileName: string;
  warning?: string;
  /** Set while a download waits for its GET. */
  waiting: ReturnType<typeof setTimeout> | null;
  /** Resolves when it has ended (reported, its partial file removed). */
  ended: Promise<void>;
  end(): void;
}

/**
 * `export.start` / `export.cancel`: a statement's, a table's or a held result's rows
 * streamed to a file — a download under the token address (started by its GET, dropped
 * when none comes within {@link DOWNLOAD_WAIT_MS}), or a file the backend writes in a
 * folder — never held whole. Reports `export.progress` a few times a second, then
 * `export.completed` or `export.failed` (`EXPORT_CANCELLED` after a cancel; the partial
 * file is removed).
 */
export class ExportService {
  readonly #options: ExportServiceOptions;
  readonly #entries = new Map<string, Entry>();

  constructor(options: ExportServiceOptions) {
    this.#options = options;
  }

  /**
   * Starts an export: checks the source, the options and the folder, and returns its id,
   * its file's name and, for a download, the address to GET.
   * @throws TuskError `connection` when the connection is not open; `validation` for a
   *   source that cannot be exported (several statements, one that writes, no such
   *   result), bad CSV options, a Markdown export of too many rows; `FOLDER_NOT_WRITABLE`.
   */
  async start(request: ExportRequest): Promise<ExportStarted> {
    const pool = this.#options.live.pool(request.connectionId);
    if (!pool && !('queryId' in request.source)) {
      throw new TuskError('connection', 'This connection is not open', {
        hint: 'Connect to it first (connections.connect), then export again.',
      });
    }
    const plan = await planSource(request.source, this.#options.queries);
    const table = plan.kind === 'statement' ? plan.table : undefined;
    const writer = exportWriter(request.format, request.options, table);
    if (request.format === 'markdown' && plan.kind === 'held') {
      if (plan.set.rowCount > MARKDOWN_MAX_ROWS) throw markdownTooLarge();
    }
    const job = new ExportJob({
      plan,
      writer,
      pool,
      connectionId: request.connectionId,
      tabs: this.#options.tabs,
    });
    const exportId = uuidv4();
    const fileName = exportFileName(request.format, table);
    const warning = plan.kind === 'held' ? plan.warning : undefined;
    if (request.destination === 'download') {
      const entry = this.#entry(job, request.format, fileName, warning);
      entry.waiting = setTimeout(() => this.#dropUnfetched(exportId), DOWNLOAD_WAIT_MS);
      entry.waiting.unref();
      this.#entries.set(exportId, entry);
      return { exportId, fileName, url: this.#options.downloadUrl(exportId) };
    }
    const folder = await checkFolder(request.destination.folder);
    const file = await createFolderFile(folder, fileName);
    const entry = this.#entry(job, request.format, file.fileName, warning);
    this.#entries.set(exportId, entry);
    setImmediate(() => void this.#execute(exportId, entry, file.stream, file.path));
    return { exportId, fileName: file.fileName };
  }

  /**
   * Stops an export; resolves once it has ended (its query stopped on the server, its
   * partial file removed, `export.failed` with `EXPORT_CANCELLED` sent), at most ~2.5 s.
   * @throws TuskError `validation` `TRANSFER_NOT_FOUND` for an export that ended or never was.
   */
  async cancel(exportId: string): Promise<{ cancelled: boolean }> {
    const entry = this.#entries.get(exportId);
    if (!entry) throw notFound();
    if (entry.waiting) {
      clearTimeout(entry.waiting);
      this.#entries.delete(exportId);
      this.#options.emit('export.failed', {
        exportId,
        error: cancelledError().toErrorInfo(),
      });
      entry.end();
      return { cancelled: true };
    }
    entry.job.cancel();
    await Promise.race([
      entry.ended,
      new Promise((resolve) => setTimeout(resolve, CANCEL_WAIT_MS).unref()),
    ]);
    return { cancelled: true };
  }

  /** `export.defaults`: the folder a folder export is offered first (the OS Downloads folder). */
  async defaults(): Promise<{ folder: string }> {
    return { folder: await downloadsFolder() };
  }

  /**
   * The GET of a download (`/<token>/exports/<id>`, the http seam `transfers.download`):
   * answers with the file as an attachment, written as the rows arrive; a 404 for an
   * unknown id or one already fetched. The download failing midway is cut off (the browser
   * shows a failed download, never a short file as done); a client that goes away cancels it.
   */
  async download(exportId: string, _req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry = this.#entries.get(exportId);
    if (!entry?.waiting) {
      res.writeHead(404, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(
        'There is no such export (it ended, was already downloaded, or was never started).\n',
      );
      return;
    }
    clearTimeout(entry.waiting);
    entry.waiting = null;
    res.writeHead(200, downloadHeaders(entry.format, entry.fileName));
    res.on('close', () => {
      if (!res.writableFinished) entry.job.cancel();
    });
    await this.#execute(exportId, entry, res);
  }

  #entry(job: ExportJob, format: ExportFormat, fileName: string, warning?: string): Entry {
    let end = () => undefined as void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    return {
      job,
      format,
      fileName,
      ...(warning ? { warning } : {}),
      waiting: null,
      ended,
      end,
    };
  }

  async #execute(exportId: string, entry: Entry, out: Writable, path?: string): Promise<void> {
    const { job } = entry;
    const emit = this.#options.emit;
    const progress = setInterval(
      () =>
        emit('export.progress', {
          exportId,
          rows: job.rows,
          bytes: job.bytes,
          elapsedMs: job.elapsedMs(),
        }),
      PROGRESS_MS,
    );
    progress.unref();
    try {
      await job.run(out);
      await finish(out);
      if (job.cancelled) throw cancelledError();
      emit('export.completed', {
        exportId,
        rows: job.rows,
        bytes: job.bytes,
        elapsedMs: job.elapsedMs(),
        ...(path ? { path } : {}),
        ...(entry.warning ? { warning: entry.warning } : {}),
      });
    } catch (error) {
      out.destroy();
      if (path) await removeFile(path);
      const failure =
        error instanceof TuskError
          ? error
          : job.cancelled
            ? cancelledError()
            : new TuskError(
                'storage',
                `The export could not be written: ${(error as Error).message}`,
                {
                  hint: 'Check the disk space and the folder, then export again.',
                },
              );
      const info = failure.toErrorInfo();
      if (info.code !== 'EXPORT_CANCELLED') log.warn(`export ${exportId} failed: ${info.message}`);
      emit('export.failed', { exportId, error: info });
    } finally {
      clearInterval(progress);
      this.#entries.delete(exportId);
      entry.end();
    }
  }

  #dropUnfetched(exportId: string): void {
    const entry = this.#entries.get(exportId);
    if (!entry?.waiting) return;
    this.#entries.delete(exportId);
    this.#options.emit('export.failed', {
      exportId,
      error: new TuskError('validation', 'The export was dropped: its download did not start', {
        code: 'TRANSFER_NOT_FOUND',
        hint: `A download must be fetched within ${DOWNLOAD_WAIT_MS / 1000} s of export.start: start the export again.`,
      }).toErrorInfo(),
    });
    entry.end();
  }
}

/** Ends `out` and resolves once everything is written (or it failed). */
function finish(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.destroyed) return reject(out.errored ?? new Error('the file or download was closed'));
    out.once('error', reject);
    out.once('close', () =>
      out.writableFinished ? resolve() : reject(out.errored ?? new Error('closed')),
    );
    out.end(() => resolve());
  });
}

function notFound(): TuskError {
  return new TuskError('validation', 'There is no such export', {
    code: 'TRANSFER_NOT_FOUND',
    hint: 'It ended (see export.completed or export.failed), or was never started.',
  });
}
