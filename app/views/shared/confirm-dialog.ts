import { css, html, LitElement, nothing } from 'lit';
import { DialogAnswer, showDialog } from './dialog-host';
import { dialogStyles } from './dialog.styles';

/** What {@link confirmAction} asks. */
export interface ConfirmRequest {
  title: string;
  message: string;
  /** The confirming button's name, e.g. "Delete". */
  confirmLabel: string;
  /** A statement (or other text) the question is about, shown as code above the message. */
  code?: string;
  /** A destructive action: the confirming button is red and not focused first. */
  danger?: boolean;
  /** A third answer's button name (e.g. "Roll back"), between Cancel and the confirming one. */
  alternative?: string;
  /**
   * The button focused first (Enter presses it): by default the confirming one, or Cancel
   * when `danger`. A question whose confirming answer cannot be undone names the safe one.
   */
  focused?: ConfirmAnswer;
}

/** The answer to a {@link ConfirmRequest}. */
export type ConfirmAnswer = 'confirm' | 'alternative' | 'cancel';

/**
 * A yes/no question in a modal `wa-dialog`, opened through the dialog host: use
 * {@link askChoice} or {@link confirmAction}. A newer question while one is open answers
 * the older one 'cancel'.
 */
export class TuskConfirmDialog extends LitElement {
  static override styles = [
    dialogStyles,
    css`
      wa-dialog {
        --width: 26rem;
      }
      p {
        margin: 0;
        color: var(--tusk-text);
        overflow-wrap: anywhere;
      }
      pre {
        margin: 0 0 var(--wa-space-s);
        padding: 6px 8px;
        max-height: 8rem;
        overflow: auto;
        font: var(--tusk-font-size-small) / 1.4 var(--wa-font-family-code);
        background: var(--tusk-bg-sidebar);
        border: 1px solid var(--tusk-border);
        border-radius: 3px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      [slot='footer'] {
        display: flex;
        gap: var(--wa-space-xs);
        justify-content: flex-end;
      }
    `,
  ];

  static override properties = { request: { attribute: false } };
  declare request: ConfirmRequest;
  readonly #answer = new DialogAnswer<ConfirmAnswer>();

  /** Opens it; resolves with the button pressed ('cancel' on Cancel or Escape). */
  show(request: ConfirmRequest): Promise<ConfirmAnswer> {
    this.#answer.settle('cancel');
    this.request = request;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('wa-dialog') as HTMLElement & { open: boolean };
      dialog.open = true;
    });
    return this.#answer.wait();
  }

  #close(answer: ConfirmAnswer): void {
    this.#answer.settle(answer);
    (this.renderRoot.querySelector('wa-dialog') as HTMLElement & { open: boolean }).open = false;
  }

  override render() {
    if (!this.request) return null;
    const { title, message, confirmLabel, danger, alternative } = this.request;
    const focused = this.request.focused ?? (danger ? 'cancel' : 'confirm');
    return html`<wa-dialog
      label=${title}
      @wa-after-hide=${(e: Event) => {
        if (e.target === e.currentTarget) this.#answer.settle('cancel');
      }}
    >
      ${this.request.code ? html`<pre>${this.request.code}</pre>` : nothing}
      <p>${message}</p>
      <div slot="footer">
        <wa-button
          size="s"
          appearance="outlined"
          ?autofocus=${focused === 'cancel'}
          @click=${() => this.#close('cancel')}
          >Cancel</wa-button
        >
        ${
          alternative
            ? html`<wa-button
                size="s"
                appearance="outlined"
                ?autofocus=${focused === 'alternative'}
                @click=${() => this.#close('alternative')}
                >${alternative}</wa-button
              >`
            : null
        }
        <wa-button
          size="s"
          variant=${danger ? 'danger' : 'brand'}
          ?autofocus=${focused === 'confirm'}
          @click=${() => this.#close('confirm')}
          >${confirmLabel}</wa-button
        >
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-confirm-dialog', TuskConfirmDialog);

/** Asks `request` in a dialog (through `host`'s dialog host); resolves with the button pressed. */
export function askChoice(host: Element, request: ConfirmRequest): Promise<ConfirmAnswer> {
  return showDialog(host, 'tusk-confirm-dialog', request);
}

/** Asks a yes/no question; resolves true when confirmed. */
export async function confirmAction(host: Element, request: ConfirmRequest): Promise<boolean> {
  return (await askChoice(host, request)) === 'confirm';
}

declare global {
  interface HTMLElementTagNameMap {
    'tusk-confirm-dialog': TuskConfirmDialog;
  }
  interface TuskDialogs {
    'tusk-confirm-dialog': { params: ConfirmRequest; answer: ConfirmAnswer };
  }
}
