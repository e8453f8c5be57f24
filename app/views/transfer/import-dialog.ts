import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import type { ColumnDetails } from '../../controllers/api';
import { RequestError } from '../client';
import { servicesContext, type AppServices } from '../data/app-context';
import { StoreController } from '../data/store';
import type { ObjectRef } from '../schema/object-kinds';
import { qualifiedName } from '../schema/sql-names';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import { autoMapping, fieldNames, parseRecords, readStart } from './csv-preview';
import { messageOf } from './export-dialog';
import { formatBytes, transferFrame, transferStatus } from './transfer-figures';
import { transferFormStyles } from './transfer-form.styles';
import {
  importFieldStyles,
  mappingTable,
  previewTable,
  readFields,
  type ImportChoices,
} from './import-fields';

/** The preview: the fields' names and the first records. */
interface Preview {
  fields: string[];
  rows: (string | null)[][];
}

/** The records the preview shows. */
const PREVIEW_ROWS = 20;

const DEFAULTS: ImportChoices = {
  format: 'csv',
  header: true,
  delimiter: ',',
  quote: '"',
  escape: '"',
  nullText: '',
  encoding: 'UTF8',
};

/**
 * "Import CSV": a file picked in the page into the table `ref`. The first 20 records are
 * previewed as the options read them (format, header, delimiter, quote, escape, encoding,
 * NULL text; from the file's first 64 KB), each table column takes a field of the file
 * (by the header's names at first, editable) or its default; Import starts `import.start`
 * and uploads the file in chunks, in one transaction. Then the progress with Cancel, the
 * rows imported, or the error (the bad line and column as PostgreSQL names them).
 */
export class TuskImportDialog extends LitElement {
  static override styles = [
    dialogStyles,
    transferFormStyles,
    importFieldStyles,
    css`
      wa-dialog {
        --width: 44rem;
      }
      input[type='file'] {
        font: inherit;
        max-width: 100%;
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
    `,
  ];
  static override properties = {
    open: { state: true },
    choices: { state: true },
    file: { state: true },
    sample: { state: true },
    columns: { state: true },
    mapping: { state: true },
    error: { state: true },
    transferId: { state: true },
  };
  declare open: boolean;
  declare choices: ImportChoices;
  declare file: File | null;
  declare sample: { text: string; complete: boolean } | null;
  declare columns: ColumnDetails[];
  /** Table column → the file's field (from 0), or null for its default. */
  declare mapping: Map<string, number | null>;
  declare error: string | null;
  declare transferId: string | null;
  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });
  readonly #closed = new DialogAnswer<void>();
  #ref: ObjectRef | null = null;
  /** The fields the mapping was made for (a new file or header makes it again). */
  #mappedFor = '';
  #starting = false;
  #preview: Preview | null = null;

  constructor() {
    super();
    this.open = false;
    this.choices = DEFAULTS;
    this.file = null;
    this.sample = null;
    this.columns = [];
    this.mapping = new Map();
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

  /** Opens it for the table `ref`; resolves when it closes. */
  show(ref: ObjectRef): Promise<void> {
    if (!this.open) {
      this.#ref = ref;
      Object.assign(this, { file: null, sample: null, error: null, transferId: null });
      this.choices = DEFAULTS;
      this.columns = [];
      this.mapping = new Map();
      this.#mappedFor = '';
      this.open = true;
      void this.#loadColumns(ref);
    }
    return this.#closed.wait();
  }

  async #loadColumns(ref: ObjectRef): Promise<void> {
    try {
      const details = await this.#app.schema.details(ref.connectionId, ref.oid, ref.kind);
      this.columns = details.columns ?? [];
    } catch (error) {
      this.error = error instanceof RequestError ? messageOf(error) : String(error);
    }
  }

  async #pick(input: HTMLInputElement): Promise<void> {
    this.file = input.files?.[0] ?? null;
    this.error = null;
    const tsv = /\.(tsv|tab)$/i.test(this.file?.name ?? '');
    if (tsv !== (this.choices.format === 'tsv')) this.#set({ format: tsv ? 'tsv' : 'csv' });
    await this.#read();
  }

  async #read(): Promise<void> {
    const file = this.file;
    this.sample = file ? await readStart(file, this.choices.encoding) : null;
  }

  #set(change: Partial<ImportChoices>): void {
    const before = this.choices.encoding;
    this.choices = { ...this.choices, ...change };
    this.error = null;
    if (this.choices.encoding !== before) void this.#read();
  }

  override willUpdate(): void {
    this.#preview = this.#parse();
  }

  /** The preview's records and the fields' names; makes the mapping again for new fields. */
  #parse(): Preview | null {
    if (!this.sample) return null;
    const c = this.choices;
    const records = parseRecords(this.sample.text, c, PREVIEW_ROWS + 1, this.sample.complete);
    const count = Math.max(0, ...records.map((r) => r.length));
    const fields = fieldNames(records[0], c.header, count);
    const key = `${this.file?.name}\u0000${fields.join('\u0000')}`;
    if (key !== this.#mappedFor && this.columns.length > 0) {
      this.#mappedFor = key;
      const names = this.columns.filter((col) => col.generated === null).map((col) => col.name);
      this.mapping = autoMapping(names, fields, c.header);
    }
    return { fields, rows: records.slice(c.header ? 1 : 0, (c.header ? 1 : 0) + PREVIEW_ROWS) };
  }

  async #start(): Promise<void> {
    const ref = this.#ref;
    const file = this.file;
    if (!ref || !file || this.#starting || this.transferId) return;
    const c = this.choices;
    const columns = [...this.mapping]
      .filter((entry): entry is [string, number] => entry[1] !== null)
      .map(([target, source]) => ({ source, target }));
    if (columns.length === 0) return void (this.error = 'Choose a field of the file for a column');
    if (c.format === 'csv' && (c.quote.length !== 1 || c.escape.length !== 1))
      return void (this.error = 'Quote and escape are one character each');
    this.#starting = true;
    try {
      const transfer = await this.#app.transfers.startImport({
        connectionId: ref.connectionId,
        table: { schema: ref.schema, name: ref.name },
        columns,
        options: {
          format: c.format,
          header: c.header,
          ...(c.format === 'csv'
            ? { delimiter: c.delimiter, quote: c.quote, escape: c.escape }
            : {}),
          ...(c.nullText ? { nullText: c.nullText } : {}),
          encoding: c.encoding,
        },
        file,
        what: qualifiedName(ref.schema, ref.name),
      });
      this.transferId = transfer.id;
    } catch (error) {
      this.error = error instanceof RequestError ? messageOf(error) : String(error);
    } finally {
      this.#starting = false;
    }
  }

  #form(ref: ObjectRef) {
    const parsed = this.#preview;
    const file = this.file;
    return html`<div class="form">
      <span class="label">Into</span>
      <span class="value">${qualifiedName(ref.schema, ref.name)}</span>
      <label class="label" for="file">File</label>
      <div class="row">
        <input
          id="file"
          type="file"
          autofocus
          accept=".csv,.tsv,.txt,.tab,text/csv,text/tab-separated-values,text/plain"
          @change=${(e: Event) => void this.#pick(e.target as HTMLInputElement)}
        />
        ${file ? html`<span class="muted">${formatBytes(file.size)}</span>` : nothing}
      </div>
      ${readFields(this.choices, (change) => this.#set(change))}
      ${
        parsed
          ? html`<div class="section">
                <span>Preview</span><span>the first ${parsed.rows.length} rows</span>
              </div>
              ${previewTable(parsed.fields, parsed.rows)}
              <div class="section">
                <span>Columns</span><span>a column left out takes its default</span>
              </div>
              ${mappingTable(this.columns, parsed.fields, this.mapping, (column, field) => {
                this.mapping = new Map(this.mapping).set(column, field);
              })}`
          : nothing
      }
      ${
        this.error
          ? html`<span></span>
              <p class="error" role="alert">${this.error}</p>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const ref = this.#ref;
    const transfer = this.transferId ? this.#app.transfers.byId(this.transferId) : undefined;
    return transferFrame({
      label: 'Import CSV',
      open: this.open,
      hidden: () => {
        this.open = false;
        this.#closed.settle();
      },
      body: transfer
        ? transferStatus(transfer, () => void this.#app.transfers.cancel(transfer.id))
        : ref
          ? this.#form(ref)
          : nothing,
      dismiss: { label: transfer ? 'Close' : 'Cancel', press: () => (this.open = false) },
      action: transfer
        ? nothing
        : html`<wa-button
            size="s"
            variant="brand"
            ?disabled=${!this.file}
            @click=${() => void this.#start()}
            >Import</wa-button
          >`,
    });
  }
}

customElements.define('tusk-import-dialog', TuskImportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-import-dialog': TuskImportDialog;
  }
  interface TuskDialogs {
    'tusk-import-dialog': { params: ObjectRef; answer: void };
  }
}
