import type {
  ErrorInfo,
  ServerEvents,
  ExportDestination,
  ExportFormat,
  ExportOptions,
  ExportSource,
  ImportColumn,
  ImportOptions,
} from '../../controllers/api';
import { RequestError, type TuskClient } from '../client';
import { UploadError, uploadFile } from './file-upload';
import { Store } from './store';

/** An export or import of this page: where it stands and its figures so far. */
export interface Transfer {
  id: string;
  kind: 'export' | 'import';
  /** The file's name (`orders.csv`). */
  fileName: string;
  /** What it moves, in words (`public.orders`, `the result`). */
  what: string;
  state: 'running' | 'completed' | 'failed' | 'cancelled';
  rows: number;
  bytes: number;
  elapsedMs: number;
  /** An import: the file's size (its upload's end). */
  totalBytes?: number;
  /** A folder export: the written file's absolute path. */
  path?: string;
  warning?: string;
  error?: ErrorInfo;
  /** When the page started it (`performance.now()`), for the elapsed time between events. */
  startedAt: number;
}

/** What {@link TransfersStore.startExport} takes: `export.start`'s params and words. */
export interface ExportStart {
  connectionId: string;
  source: ExportSource;
  format: ExportFormat;
  options: ExportOptions;
  destination: ExportDestination;
  what: string;
}

/** What {@link TransfersStore.startImport} takes: `import.start`'s params, the file, words. */
export interface ImportStart {
  connectionId: string;
  table: { schema: string; name: string };
  columns: ImportColumn[];
  options: ImportOptions;
  tabId?: string;
  file: Blob & { name?: string };
  what: string;
}

type Progress = ServerEvents['export.progress'];
type Finish = { rows: number; elapsedMs: number; bytes?: number; path?: string; warning?: string };

/**
 * The exports and imports this page started (newest last), following the `export.*` and
 * `import.*` events: progress, completion (rows, where the file went), failure (the error,
 * an import's bad line in it) and cancel. Starting a download clicks an `<a download>` made
 * in the page (the page itself never navigates to it); starting an import uploads the file
 * in chunks. Events that arrive before `*.start` answered are kept until it has.
 */
export class TransfersStore extends Store<Transfer[]> {
  readonly #client: TuskClient;
  readonly #early = new Map<string, ((t: Transfer) => Transfer)[]>();
  readonly #uploads = new Map<string, AbortController>();

  constructor(client: TuskClient) {
    super([]);
    this.#client = client;
    const progress = (id: string, p: Omit<Progress, 'exportId'>) =>
      this.#update(id, (t) =>
        t.state === 'running' ? { ...t, rows: p.rows, bytes: p.bytes, elapsedMs: p.elapsedMs } : t,
      );
    const finish = (id: string, f: Finish) =>
      this.#update(id, (t) => ({ ...t, ...f, bytes: f.bytes ?? t.bytes, state: 'completed' }));
    const fail = (id: string, error: ErrorInfo) =>
      this.#update(id, (t) => ({
        ...t,
        error,
        state: /_CANCELLED$/.test(error.code ?? '') ? 'cancelled' : 'failed',
      }));
    client.on('export.progress', ({ exportId, ...p }) => progress(exportId, p));
    client.on('export.completed', ({ exportId, ...f }) => finish(exportId, f));
    client.on('export.failed', ({ exportId, error }) => fail(exportId, error));
    client.on('import.progress', ({ importId, ...p }) => progress(importId, p));
    client.on('import.completed', ({ importId, ...f }) => finish(importId, f));
    client.on('import.failed', ({ importId, error }) => fail(importId, error));
  }

  /** The transfer `id`, if this page started it. */
  byId(id: string): Transfer | undefined {
    return this.value.find((t) => t.id === id);
  }

  /** The transfers under way. */
  get running(): Transfer[] {
    return this.value.filter((t) => t.state === 'running');
  }

  /**
   * Starts an export (`export.start`); a download is fetched by the browser at once.
   * @throws RequestError when the backend refuses it (nothing is added then).
   */
  async startExport(request: ExportStart): Promise<Transfer> {
    const { what, ...params } = request;
    const started = await this.#client.call('export.start', params);
    const transfer = this.#add({
      id: started.exportId,
      kind: 'export',
      fileName: started.fileName,
      what,
    });
    if (started.url) download(started.url, started.fileName);
    return transfer;
  }

  /**
   * Starts an import (`import.start`) and uploads the file in order, in chunks; a failed
   * upload cancels the import and fails the transfer with its reason.
   * @throws RequestError when the backend refuses to start it.
   */
  async startImport(request: ImportStart): Promise<Transfer> {
    const { what, file, ...params } = request;
    const started = await this.#client.call('import.start', params);
    const id = started.importId;
    const transfer = this.#add({
      id,
      kind: 'import',
      fileName: file.name ?? 'file',
      what,
      totalBytes: file.size,
    });
    const abort = new AbortController();
    this.#uploads.set(id, abort);
    uploadFile(started.uploadUrl, file, abort.signal)
      .catch((error: unknown) => {
        if (abort.signal.aborted || this.byId(id)?.state !== 'running') return;
        // The backend's refusal (its import.failed says the same), or no backend at all.
        const info: ErrorInfo =
          error instanceof UploadError
            ? error.info
            : { kind: 'connection', message: `The upload failed: ${String(error)}` };
        const cancelled = /_CANCELLED$/.test(info.code ?? '');
        this.#update(id, (t) => ({ ...t, state: cancelled ? 'cancelled' : 'failed', error: info }));
        if (!(error instanceof UploadError))
          void this.#client.call('import.cancel', { importId: id }).catch(() => undefined);
      })
      .finally(() => this.#uploads.delete(id));
    return transfer;
  }

  /** Cancels a transfer under way (`export.cancel` / `import.cancel`); its event ends it. */
  async cancel(id: string): Promise<void> {
    const transfer = this.byId(id);
    if (!transfer || transfer.state !== 'running') return;
    try {
      if (transfer.kind === 'export') await this.#client.call('export.cancel', { exportId: id });
      else {
        this.#uploads.get(id)?.abort();
        await this.#client.call('import.cancel', { importId: id });
      }
    } catch (error) {
      // It ended meanwhile (its event says how); anything else is its failure.
      if (error instanceof RequestError && error.info.code === 'TRANSFER_NOT_FOUND') return;
      throw error;
    }
  }

  /** Forgets a transfer that ended (the status bar's close). */
  dismiss(id: string): void {
    if (this.byId(id)?.state === 'running') return;
    this.set(this.value.filter((t) => t.id !== id));
  }

  #add(fields: Omit<Transfer, 'state' | 'rows' | 'bytes' | 'elapsedMs' | 'startedAt'>): Transfer {
    let transfer: Transfer = {
      ...fields,
      state: 'running',
      rows: 0,
      bytes: 0,
      elapsedMs: 0,
      startedAt: performance.now(),
    };
    for (const change of this.#early.get(transfer.id) ?? []) transfer = change(transfer);
    this.#early.delete(transfer.id);
    // Ended transfers beyond the last few are forgotten.
    const ended = this.value.filter((t) => t.state !== 'running').slice(0, -4);
    this.set([...this.value.filter((t) => !ended.includes(t)), transfer]);
    return transfer;
  }

  #update(id: string, change: (t: Transfer) => Transfer): void {
    if (!this.byId(id)) {
      // Maybe this page's, its start not answered yet (events reach every page): kept a
      // little, for the few newest ids only.
      const early = this.#early.get(id) ?? [];
      this.#early.delete(id);
      this.#early.set(id, [...early.slice(-50), change]);
      const oldest = this.#early.keys().next().value;
      if (this.#early.size > 8 && oldest !== undefined) this.#early.delete(oldest);
      return;
    }
    this.set(this.value.map((t) => (t.id === id ? change(t) : t)));
  }
}

/** Has the browser fetch `url` as a file named `name` (a link clicked, never navigated to). */
function download(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
