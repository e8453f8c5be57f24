import { css, html, LitElement, nothing } from 'lit';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';
import { formatBytes, formatCount, utf8Length } from './cell-format';
import type { GridColumn } from './grid-source';
import { byteaLength, hexLines, prettyJson, textLines, type TextLines } from './text-lines';
import './text-view';

/** What the viewer shows: a cell's column, where it is, and how to read its whole value. */
export interface CellRequest {
  column: GridColumn;
  row: number;
  load(): Promise<string | null>;
}

/**
 * A cell's whole value in a dialog, however long: JSON formatted, bytea as a hex dump with
 * its size, text as it is; drawn line by line as it scrolls (a 20 MB value opens at once).
 * "Copy value" puts the whole value on the clipboard.
 */
export class TuskCellViewer extends LitElement {
  static override styles = [
    dialogStyles,
    css`
      wa-dialog {
        --width: min(60rem, 90vw);
      }
      .meta {
        display: flex;
        gap: 12px;
        margin-bottom: 8px;
        color: var(--tusk-text-muted);
        font-size: var(--tusk-font-size-small);
      }
      tusk-text-view {
        height: min(60vh, 36rem);
      }
      .null {
        color: var(--tusk-text-faint);
        font-style: italic;
      }
      [slot='footer'] {
        display: flex;
        gap: var(--wa-space-xs);
        justify-content: flex-end;
      }
    `,
  ];

  static override properties = {
    request: { attribute: false },
    value: { state: true },
    failure: { state: true },
  };
  declare request: CellRequest | null;
  /** The whole value once loaded (null: NULL; undefined: loading). */
  declare value: string | null | undefined;
  declare failure: string;

  constructor() {
    super();
    this.request = null;
    this.value = undefined;
    this.failure = '';
  }

  readonly #closed = new DialogAnswer<void>();

  /** Opens the viewer on a cell and loads its whole value; resolves when it is closed. */
  show(request: CellRequest): Promise<void> {
    this.request = request;
    this.value = undefined;
    this.failure = '';
    void this.updateComplete.then(() => (this.#dialog()!.open = true));
    void request.load().then(
      (value) => {
        if (this.request === request) this.value = value;
      },
      (error: unknown) => {
        if (this.request === request) this.failure = (error as Error).message;
      },
    );
    return this.#closed.wait();
  }

  readonly #afterHide = (event: Event) => {
    if (event.target !== event.currentTarget) return;
    this.value = undefined;
    this.#closed.settle();
  };

  #dialog() {
    return this.renderRoot.querySelector('wa-dialog') as (HTMLElement & { open: boolean }) | null;
  }

  #view(): { lines: TextLines; size: string } | null {
    const value = this.value;
    if (value === null || value === undefined || !this.request) return null;
    const type = this.request.column.type;
    if (type === 'bytea') {
      return { lines: hexLines(value), size: `${formatCount(byteaLength(value))} bytes` };
    }
    const size = formatBytes(utf8Length(value));
    const json = type === 'json' || type === 'jsonb' ? prettyJson(value) : null;
    return { lines: textLines(json ?? value), size: json ? `${size}, formatted` : size };
  }

  override render() {
    const request = this.request;
    if (!request) return html`<wa-dialog label="Value"></wa-dialog>`;
    const view = this.#view();
    const label = `${request.column.name}, row ${formatCount(request.row + 1)}`;
    return html`<wa-dialog label=${label} @wa-after-hide=${this.#afterHide}>
      <div class="meta">
        <span>${request.column.type}</span>
        ${view ? html`<span data-test="size">${view.size}</span>` : nothing}
      </div>
      ${
        this.failure
          ? html`<p role="alert">${this.failure}</p>`
          : this.value === undefined
            ? html`<wa-spinner></wa-spinner>`
            : this.value === null
              ? html`<p class="null">NULL</p>`
              : html`<tusk-text-view .lines=${view!.lines} aria-label="Value"></tusk-text-view>`
      }
      <div slot="footer">
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${typeof this.value !== 'string'}
          @click=${() => void navigator.clipboard.writeText(this.value ?? '')}
          >Copy value</wa-button
        >
        <wa-button size="s" variant="brand" @click=${() => (this.#dialog()!.open = false)}
          >Close</wa-button
        >
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-cell-viewer', TuskCellViewer);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-cell-viewer': TuskCellViewer;
  }
  interface TuskDialogs {
    'tusk-cell-viewer': { params: CellRequest; answer: void };
  }
}
