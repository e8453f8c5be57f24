import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import type { ExportFormat, ExportSource } from '../../controllers/api';
import { RequestError } from '../client';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import { destinationFields, sqlOptions, textOptions } from './export-fields';
import {
  fileNameOf,
  FORMATS,
  optionsOf,
  problemOf,
  rememberChoices,
  rememberedChoices,
  type ExportChoices,
} from './export-choices';
import { transferFrame, transferStatus } from './transfer-figures';
import { transferFormStyles } from './transfer-form.styles';

/** What the export dialog is asked: what to export, and how it is named. */
export interface ExportRequest {
  connectionId: string;
  source: ExportSource;
  /** What is exported, in words (`public.orders`, `Result 1`, a statement's start). */
  what: string;
  /** The file name's base (`orders`, `result`). */
  name: string;
  /** SQL INSERT's default target ('' or absent: the backend's own default). */
  table?: string;
}

/**
 * "Export": a held result, a statement or a table to a file. The format (CSV, TSV, JSON,
 * JSON Lines, SQL INSERT, Markdown) with its options (CSV's header, delimiter, quote,
 * escape, NULL text, line ending, BOM, and the "Excel" preset; SQL's table and rows per
 * INSERT), and where the file goes: a download (browser mode's default) or a folder the
 * backend writes into (the desktop app's). The choices are remembered. Once started, the
 * dialog shows the export's progress with Cancel, then where the file went or the error;
 * closing it leaves the export running (the status bar shows it). Answers when closed.
 */
export class TuskExportDialog extends LitElement {
  static override styles = [
    dialogStyles,
    transferFormStyles,
    css`
      wa-dialog {
        --width: 36rem;
      }
      .status {
        display: grid;
        gap: 6px;
        justify-items: start;
      }
      .sentence {
        display: flex;
        align-items: center;
        gap: 8px;
        overflow-wrap: anywhere;
      }
      .figures {
        font-variant-numeric: tabular-nums;
      }
    `,
  ];
  static override properties = {
    open: { state: true },
    choices: { state: true },
    error: { state: true },
    transferId: { state: true },
  };
  declare open: boolean;
  declare choices: ExportChoices;
  declare error: string | null;
  /** The export started from this dialog, once started. */
  declare transferId: string | null;
  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  readonly #closed = new DialogAnswer<void>();
  #request: ExportRequest | null = null;
  #table = '';
  #starting = false;

  constructor() {
    super();
    this.open = false;
    this.choices = rememberedChoices(false);
    this.error = null;
    this.transferId = null;
    new StoreController(this, () => {
      const app = this.#services.value;
      return app && [app.transfers];
    });
  }

  get #app(): AppServices {
    return this.#services.value!;
  }

  /** True in the desktop app (NW.js), where a download has nowhere to go. */
  get #desktop(): boolean {
    return Boolean(this.#app.health.value?.runtime.nw);
  }

  /** Opens it for `request`; resolves when it closes. A second ask while open keeps the first. */
  show(request: ExportRequest): Promise<void> {
    if (!this.open) {
      this.#request = request;
      this.#table = request.table ?? '';
      this.choices = rememberedChoices(this.#desktop);
      this.error = null;
      this.transferId = null;
      this.open = true;
      if (!this.choices.folder) void this.#defaultFolder();
    }
    return this.#closed.wait();
  }

  /** Fills an empty folder with the backend's default (the OS Downloads folder). */
  async #defaultFolder(): Promise<void> {
    try {
      const { folder } = await this.#app.client.call('export.defaults', {});
      if (!this.choices.folder) this.choices = { ...this.choices, folder };
    } catch {
      // No default: the box stays empty with its placeholder.
    }
  }

  #set(change: Partial<ExportChoices>): void {
    this.choices = { ...this.choices, ...change };
    this.error = null;
  }

  async #start(event?: Event): Promise<void> {
    event?.preventDefault();
    const request = this.#request;
    if (!request || this.#starting || this.transferId) return;
    const c = this.choices;
    const problem = problemOf(c);
    if (problem) return void (this.error = problem);
    this.#starting = true;
    try {
      const transfer = await this.#app.transfers.startExport({
        connectionId: request.connectionId,
        source: request.source,
        format: c.format,
        options: optionsOf(c, this.#table),
        destination: c.destination === 'download' ? 'download' : { folder: c.folder.trim() },
        what: request.what,
      });
      rememberChoices(c);
      this.transferId = transfer.id;
    } catch (error) {
      this.error = error instanceof RequestError ? messageOf(error) : String(error);
    } finally {
      this.#starting = false;
    }
  }

  #form(request: ExportRequest) {
    const c = this.choices;
    const set = (change: Partial<ExportChoices>) => this.#set(change);
    return html`<form class="form" @submit=${(e: Event) => void this.#start(e)}>
      <span class="label">Export</span>
      <span class="value" title=${request.what}>${request.what}</span>
      <label class="label" for="format">Format</label>
      <div class="row">
        <select
          id="format"
          class="main"
          autofocus
          @change=${(e: Event) =>
            this.#set({ format: (e.target as HTMLSelectElement).value as ExportFormat })}
        >
          ${FORMATS.map((f) => html`<option value=${f.id} ?selected=${f.id === c.format}>${f.name}</option>`)}
        </select>
      </div>
      ${c.format === 'csv' || c.format === 'tsv' ? textOptions(c, set) : nothing}
      ${c.format === 'sql' ? sqlOptions(c, set, this.#table, (t) => (this.#table = t)) : nothing}
      <div class="rule"></div>
      ${destinationFields(c, set)}
      <span class="label">File</span>
      <span class="value mono" data-test="file-name">${fileNameOf(request.name, c.format)}</span>
      ${
        this.error
          ? html`<span></span>
              <p class="error" role="alert">${this.error}</p>`
          : nothing
      }
      <button type="submit" hidden></button>
    </form>`;
  }

  override render() {
    const request = this.#request;
    const transfer = this.transferId ? this.#app.transfers.byId(this.transferId) : undefined;
    return transferFrame({
      label: 'Export',
      open: this.open,
      hidden: () => {
        this.open = false;
        this.#closed.settle();
      },
      body: transfer
        ? transferStatus(transfer, () => void this.#app.transfers.cancel(transfer.id))
        : request
          ? this.#form(request)
          : nothing,
      dismiss: { label: transfer ? 'Close' : 'Cancel', press: () => (this.open = false) },
      action: transfer
        ? nothing
        : html`<wa-button size="s" variant="brand" @click=${() => void this.#start()}
            >Export</wa-button
          >`,
    });
  }
}

/** A refusal's message with its hint. */
export function messageOf(error: RequestError): string {
  return error.info.hint ? `${error.info.message} ${error.info.hint}` : error.info.message;
}

customElements.define('tusk-export-dialog', TuskExportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-export-dialog': TuskExportDialog;
  }
  interface TuskDialogs {
    'tusk-export-dialog': { params: ExportRequest; answer: void };
  }
}
