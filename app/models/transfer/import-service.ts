import { randomUUID } from 'node:crypto';
import type { LiveConnections } from '../connections/live-connections';
import { TuskError } from '../errors/errors';
import { getLogger } from '../logging/logging';
import type { TabSessions } from '../sessions/tab-sessions';
import { checkSyntax, checkTarget, copySyntax, importError } from './import-sql';
import { ImportRun } from './import-run';
import type { ImportColumn, ImportOptions, ImportStarted } from './transfer-types';

const log = getLogger('import');

/** What `import.start` takes. */
export interface ImportRequest {
  connectionId: string;
  table: { schema: string; name: string };
  columns: ImportColumn[];
  options: ImportOptions;
  /** Runs on the tab's own session (inside its open transaction, if any). */
  tabId?: string;
}

/** What {@link ImportService} works with. */
export interface ImportServiceOptions {
  live: LiveConnections;
  tabs: TabSessions;
  emit(event: string, payload: unknown): void;
  /** The absolute path the page PUTs an import's parts to (`/<token>/imports/<id>`). */
  uploadPath(importId: string): string;
  /** An import with no part for this long is abandoned (rolled back). Default 60 s. */
  idleMs?: number;
}

/** What an upload of one part answers. */
export interface PartTaken {
  importId: string;
  part: number;
  /** Bytes received so far (all parts). */
  bytes: number;
  /** The last part: the rows committed. */
  rows?: number;
}

/** How often `import.progress` is sent at most. */
const PROGRESS_MS = 200;
/** How long an ended import still answers its late parts with how it ended. */
const REMEMBER_MS = 60_000;

interface Entry {
  run: ImportRun;
  started: number;
  /** Resolves with the rows committed, rejects with the import's error. */
  outcome: Promise<number>;
  idle: NodeJS.Timeout | null;
  progress: NodeJS.Timeout;
  /** When `import.progress` was last sent (performance.now()). */
  reportedAt: number;
}

/**
 * `import.start` / `import.cancel` and the upload's parts: a CSV or TSV file uploaded in
 * parts (HTTP PUT under the token address, in order) streamed into one
 * `COPY "s"."t" (cols) FROM STDIN (FORMAT csv, …)` in one transaction (see
 * {@link ImportRun}), on the tab's own session when `tabId` is given, else on a session of
 * the pool held for the import. Events: `import.progress` (after the first part, then at
 * most 5 a second),
 * `import.completed`, `import.failed` (a bad line: `line` and `columnName`; a cancel:
 * `IMPORT_CANCELLED`). An import with no part for 60 s is abandoned (rolled back).
 */
export class ImportService {
  readonly #options: ImportServiceOptions;
  readonly #imports = new Map<string, Entry>();
  /** Ended imports: how they ended, for their late parts. */
  readonly #ended = new Map<string, TuskError | number>();

  constructor(options: ImportServiceOptions) {
    this.#options = options;
  }

  /**
   * Checks the table and mapping, takes the session, sends `BEGIN` and the `COPY`, and
   * returns the import's id and the address its parts go to.
   * @throws TuskError `connection` (not open), `validation` (a read-only connection, no
   *   such table or column, `TAB_BUSY`, a failed tab transaction), `pool_timeout`.
   */
  async start(request: ImportRequest): Promise<ImportStarted> {
    const pool = this.#options.live.pool(request.connectionId);
    if (!pool) {
      throw new TuskError('connection', 'This connection is not open', {
        code: 'CONNECTION_NOT_OPEN',
        hint: 'Connect to it first, then import again.',
      });
    }
    if (pool.server.readOnly) {
      throw new TuskError('validation', 'This connection is read-only: imports are refused', {
        hint: 'Turn off "read-only" in the connection’s settings to import (not on a standby).',
      });
    }
    const syntax = copySyntax(request.options);
    checkSyntax(syntax);
    const lease = request.tabId
      ? this.#options.tabs.lease(request.connectionId, request.tabId)
      : await pool.lease();
    if ('ready' in lease) await lease.ready;
    const session = lease.session;
    let run: ImportRun;
    try {
      if (session.transaction === 'failed') {
        throw new TuskError(
          'validation',
          "This tab's transaction failed: the import cannot run in it",
          {
            hint: 'Roll it back (run ROLLBACK in the tab), then import again.',
          },
        );
      }
      await checkTarget(session.tracked(), request.table, request.columns, syntax);
      run = new ImportRun(session, { table: request.table, columns: request.columns, syntax });
    } catch (error) {
      session.settle();
      lease.release();
      throw importError(error);
    }
    const importId = randomUUID();
    const started = performance.now();
    const outcome = run.run().finally(() => lease.release());
    const entry: Entry = {
      run,
      started,
      outcome,
      idle: null,
      progress: setInterval(() => this.#progress(importId, entry), PROGRESS_MS),
      reportedAt: -Infinity,
    };
    this.#imports.set(importId, entry);
    this.#touch(importId, entry);
    void outcome.then(
      (rows) => this.#end(importId, entry, rows),
      (error: TuskError) => this.#end(importId, entry, error),
    );
    log.info(`import ${importId} into ${request.table.schema}.${request.table.name} started`);
    return { importId, uploadUrl: this.#options.uploadPath(importId) };
  }

  /**
   * Stops an import under way: `{cancelled: true}` once it was rolled back (its
   * `import.failed` says `IMPORT_CANCELLED`); `{cancelled: false}` when it had already
   * ended (committed or failed).
   * @throws TuskError `TRANSFER_NOT_FOUND` for an id never started.
   */
  async cancel(importId: string): Promise<{ cancelled: boolean }> {
    const entry = this.#imports.get(importId);
    if (!entry) {
      if (this.#ended.has(importId)) return { cancelled: false };
      throw notFound();
    }
    entry.run.cancel();
    const ended = await entry.outcome.then(
      () => false,
      () => true,
    );
    return { cancelled: ended && entry.run.cancelled };
  }

  /**
   * Takes part `part` (0 first, in order) of an import's file: its bytes are read as COPY
   * takes them; resolves once they are all written to the server, for the last part once
   * the import has committed (with its rows).
   * @throws TuskError `TRANSFER_NOT_FOUND` (no such import), `validation` (a part out of
   *   order), the import's own error when it failed or was cancelled.
   */
  async upload(
    importId: string,
    part: number,
    last: boolean,
    body: AsyncIterable<Buffer>,
  ): Promise<PartTaken> {
    const entry = this.#imports.get(importId);
    if (!entry) {
      const ended = this.#ended.get(importId);
      if (ended instanceof TuskError) throw ended;
      if (ended !== undefined) {
        throw new TuskError('validation', 'This import has already ended', {
          code: 'TRANSFER_NOT_FOUND',
          hint: 'Start a new import to load the file again.',
        });
      }
      throw notFound();
    }
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = null;
    try {
      await entry.run.feed.put(part, body, last);
      if (!last) {
        // The first part's figures at once (a short import may end before the first tick).
        this.#progress(importId, entry);
        return { importId, part, bytes: entry.run.counts.bytes };
      }
      const rows = await entry.outcome;
      return { importId, part, bytes: entry.run.counts.bytes, rows };
    } catch (error) {
      // A part out of order: the import goes on.
      if (!entry.run.feed.closed) throw error;
      // The feed was closed by the import's end: its error says why.
      throw await entry.outcome.then(
        () => error,
        (failure: unknown) => failure,
      );
    } finally {
      if (this.#imports.has(importId)) this.#touch(importId, entry);
    }
  }

  /** (Re)starts the abandon timer of an import waiting for its next part. */
  #touch(importId: string, entry: Entry): void {
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = setTimeout(() => {
      log.warn(`import ${importId}: no part for ${this.#idleMs / 1000} s, abandoned`);
      entry.run.cancel(
        `No part of the file came for ${this.#idleMs / 1000} s: the upload was abandoned.`,
      );
    }, this.#idleMs);
    entry.idle.unref();
  }

  get #idleMs(): number {
    return this.#options.idleMs ?? 60_000;
  }

  /** Sends `import.progress` unless one went less than {@link PROGRESS_MS} ago. */
  #progress(importId: string, entry: Entry): void {
    const { lines, bytes } = entry.run.counts;
    const now = performance.now();
    if (bytes === 0 || now - entry.reportedAt < PROGRESS_MS) return;
    entry.reportedAt = now;
    const header = entry.run.plan.syntax.header ? 1 : 0;
    this.#options.emit('import.progress', {
      importId,
      rows: Math.max(0, lines - header),
      bytes,
      elapsedMs: Math.round(now - entry.started),
    });
  }

  #end(importId: string, entry: Entry, outcome: number | TuskError): void {
    clearInterval(entry.progress);
    if (entry.idle) clearTimeout(entry.idle);
    this.#imports.delete(importId);
    this.#ended.set(importId, outcome);
    setTimeout(() => this.#ended.delete(importId), REMEMBER_MS).unref();
    const elapsedMs = Math.round(performance.now() - entry.started);
    if (typeof outcome === 'number') {
      log.info(`import ${importId}: ${outcome} rows committed in ${elapsedMs} ms`);
      this.#options.emit('import.completed', { importId, rows: outcome, elapsedMs });
    } else {
      log.info(`import ${importId} failed: ${outcome.code ?? outcome.kind}`);
      this.#options.emit('import.failed', { importId, error: outcome.toErrorInfo() });
    }
  }
}

function notFound(): TuskError {
  return new TuskError('validation', 'There is no such import (it ended, or was never started)', {
    code: 'TRANSFER_NOT_FOUND',
    hint: 'Start the import again.',
  });
}
