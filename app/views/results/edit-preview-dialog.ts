import { css, html, LitElement, nothing } from 'lit';
import type { EditPreview, EditStatement } from '../../controllers/api';
import { DialogAnswer } from '../shared/dialog-host';
import { dialogStyles } from '../shared/dialog.styles';

/** What the preview shows: the statements (read when it opens) and where they would run. */
export interface EditPreviewRequest {
  load(): Promise<EditPreview>;
  /** The tab's own transaction is open: the apply runs inside it and commits nothing. */
  inTransaction: boolean;
}

/** A parameter as SQL shows it: NULL, or a quoted literal. */
function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/** The statements as text to copy: each with its parameters in a comment under it. */
export function previewText(statements: readonly EditStatement[]): string {
  return statements
    .map((s) => {
      const params = s.params.map((p, i) => `--   $${i + 1} = ${literal(p)}`);
      return [`${s.sql};`, ...params].join('\n');
    })
    .join('\n\n');
}

/**
 * "Preview SQL": exactly the statements Apply runs (`edits.preview`), numbered, each with
 * its parameters, and a sentence on the transaction they run in (BEGIN … COMMIT, or inside
 * the tab's open transaction: nothing committed). "Copy" puts them on the clipboard.
 */
export class TuskEditPreviewDialog extends LitElement {
  static override styles = [
    dialogStyles,
    css`
      wa-dialog {
        --width: min(52rem, 92vw);
      }
      .tx {
        margin: 0 0 8px;
        color: var(--tusk-text-muted);
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        max-height: min(56vh, 32rem);
        overflow: auto;
        border: 1px solid var(--tusk-border);
        border-radius: 3px;
        background: var(--tusk-bg);
      }
      li {
        display: grid;
        grid-template-columns: 2.2em 1fr;
        padding: 6px 8px 6px 0;
        border-bottom: 1px solid var(--tusk-border);
      }
      li:last-child {
        border-bottom: 0;
      }
      .n {
        color: var(--tusk-text-faint);
        font: 11px / 18px var(--tusk-font-code);
        text-align: right;
        padding-right: 8px;
      }
      pre {
        margin: 0;
        font: 12px / 18px var(--tusk-font-code);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        color: var(--tusk-text);
      }
      .params {
        grid-column: 2;
        display: flex;
        flex-wrap: wrap;
        gap: 0 16px;
        margin: 2px 0 0;
        color: var(--tusk-text-muted);
        font: 12px / 18px var(--tusk-font-code);
        overflow-wrap: anywhere;
      }
      .params span {
        white-space: pre-wrap;
        color: var(--tusk-text);
      }
      .params .null {
        color: var(--tusk-text-faint);
        font-style: italic;
      }
      .error {
        color: var(--tusk-danger);
      }
      [slot='footer'] {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
        align-items: center;
      }
      .copied {
        margin-right: auto;
        color: var(--tusk-text-muted);
        font-size: var(--tusk-font-size-small);
      }
    `,
  ];

  static override properties = {
    request: { attribute: false },
    preview: { state: true },
    failure: { state: true },
    copied: { state: true },
  };
  declare request: EditPreviewRequest | null;
  declare preview: EditPreview | null;
  declare failure: string;
  declare copied: boolean;
  readonly #closed = new DialogAnswer<void>();

  constructor() {
    super();
    this.request = null;
    this.preview = null;
    this.failure = '';
    this.copied = false;
  }

  /** Opens it and reads the statements; resolves when it is closed. */
  show(request: EditPreviewRequest): Promise<void> {
    this.request = request;
    this.preview = null;
    this.failure = '';
    this.copied = false;
    void this.updateComplete.then(() => (this.#dialog()!.open = true));
    request.load().then(
      (preview) => {
        if (this.request === request) this.preview = preview;
      },
      (error: unknown) => {
        if (this.request === request) this.failure = (error as Error).message;
      },
    );
    return this.#closed.wait();
  }

  #dialog() {
    return this.renderRoot.querySelector('wa-dialog') as (HTMLElement & { open: boolean }) | null;
  }

  #statement(s: EditStatement, i: number) {
    return html`<li>
      <span class="n">${i + 1}</span>
      <pre>${s.sql}</pre>
      ${
        s.params.length > 0
          ? html`<div class="params">
              ${s.params.map(
                (p, n) =>
                  html`<div>
                    ${`$${n + 1} = `}<span class=${p === null ? 'null' : ''}>${literal(p)}</span>
                  </div>`,
              )}
            </div>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const request = this.request;
    const preview = this.preview;
    const n = preview?.statements.length ?? 0;
    return html`<wa-dialog
      label="Preview SQL"
      @wa-after-hide=${(e: Event) => {
        if (e.target === e.currentTarget) this.#closed.settle();
      }}
    >
      ${
        request
          ? html`<p class="tx" data-test="preview-transaction">
              ${
                request.inTransaction
                  ? `Apply runs ${n === 1 ? 'this statement' : `these ${n} statements`} inside your open transaction: nothing is committed until you COMMIT.`
                  : `Apply runs ${n === 1 ? 'this statement' : `these ${n} statements`} in one transaction (BEGIN … COMMIT): if one changes not exactly one row, all are rolled back.`
              }
            </p>`
          : nothing
      }
      ${
        this.failure
          ? html`<p class="error" role="alert">${this.failure}</p>`
          : preview
            ? html`<ol aria-label="Statements">
                ${preview.statements.map((s, i) => this.#statement(s, i))}
              </ol>`
            : html`<wa-spinner></wa-spinner>`
      }
      <div slot="footer">
        ${this.copied ? html`<span class="copied" role="status">Copied</span>` : nothing}
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${!preview}
          @click=${() =>
            void navigator.clipboard
              .writeText(previewText(preview!.statements))
              .then(() => (this.copied = true))}
          >Copy</wa-button
        >
        <wa-button size="s" variant="brand" @click=${() => (this.#dialog()!.open = false)}
          >Close</wa-button
        >
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-edit-preview-dialog', TuskEditPreviewDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-edit-preview-dialog': TuskEditPreviewDialog;
  }
  interface TuskDialogs {
    'tusk-edit-preview-dialog': { params: EditPreviewRequest; answer: void };
  }
}
