import { css, html, LitElement } from 'lit';

/** What {@link confirmAction} asks. */
export interface ConfirmRequest {
  title: string;
  message: string;
  /** The confirming button's name, e.g. "Delete". */
  confirmLabel: string;
  /** A destructive action: the confirming button is red and not focused first. */
  danger?: boolean;
}

/**
 * A yes/no question in a modal `wa-dialog`. Use {@link confirmAction}, which adds one to
 * the page, waits for the answer and removes it.
 */
export class TuskConfirmDialog extends LitElement {
  static override styles = css`
    wa-dialog {
      --width: 26rem;
    }
    wa-dialog::part(header) {
      padding: 14px 16px 6px;
    }
    wa-dialog::part(title) {
      font-size: 14px;
      font-weight: 600;
    }
    wa-dialog::part(body) {
      padding: 0 16px 12px;
    }
    wa-dialog::part(footer) {
      padding: 0 16px 14px;
    }
    p {
      margin: 0;
      color: var(--tusk-text);
      overflow-wrap: anywhere;
    }
    [slot='footer'] {
      display: flex;
      gap: var(--wa-space-xs);
      justify-content: flex-end;
    }
  `;
  static override properties = { request: { attribute: false } };
  declare request: ConfirmRequest;
  #answer: (yes: boolean) => void = () => undefined;

  /** Opens it; resolves true when confirmed, false on Cancel or Escape. */
  ask(request: ConfirmRequest): Promise<boolean> {
    this.request = request;
    return new Promise((resolve) => {
      this.#answer = resolve;
      void this.updateComplete.then(() => {
        const dialog = this.renderRoot.querySelector('wa-dialog') as HTMLElement & {
          open: boolean;
        };
        dialog.open = true;
      });
    });
  }

  #close(yes: boolean): void {
    this.#answer(yes);
    this.#answer = () => undefined;
    (this.renderRoot.querySelector('wa-dialog') as HTMLElement & { open: boolean }).open = false;
  }

  override render() {
    if (!this.request) return null;
    const { title, message, confirmLabel, danger } = this.request;
    return html`<wa-dialog label=${title} @wa-after-hide=${() => this.#answer(false)}>
      <p>${message}</p>
      <div slot="footer">
        <wa-button
          size="s"
          appearance="outlined"
          ?autofocus=${danger}
          @click=${() => this.#close(false)}
          >Cancel</wa-button
        >
        <wa-button
          size="s"
          variant=${danger ? 'danger' : 'brand'}
          ?autofocus=${!danger}
          @click=${() => this.#close(true)}
          >${confirmLabel}</wa-button
        >
      </div>
    </wa-dialog>`;
  }
}

customElements.define('tusk-confirm-dialog', TuskConfirmDialog);

/** Asks `request` in a dialog added to `host`'s root; resolves with the answer. */
export async function confirmAction(host: Element, request: ConfirmRequest): Promise<boolean> {
  const root = (host.getRootNode() as ShadowRoot | Document) ?? document;
  const dialog = document.createElement('tusk-confirm-dialog');
  (root instanceof Document ? root.body : root).appendChild(dialog);
  try {
    return await dialog.ask(request);
  } finally {
    dialog.remove();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tusk-confirm-dialog': TuskConfirmDialog;
  }
}
