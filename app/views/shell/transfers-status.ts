import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { servicesContext } from '../data/app-context';
import { StoreController } from '../data/store';
import type { Transfer } from '../data/transfers-store';
import { transferFigures, transferSentence } from '../transfer/transfer-figures';

/**
 * The status bar's exports and imports: each one under way with its rows, bytes, rate and
 * elapsed time and Cancel; one that ended says how (rows and where the file went, or the
 * error) until closed.
 */
export class TuskTransfersStatus extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      gap: 12px;
      min-width: 0;
      overflow: hidden;
    }
    .transfer {
      display: flex;
      align-items: center;
      gap: 6px;
      min-width: 0;
    }
    .text {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .figures {
      font-variant-numeric: tabular-nums;
    }
    .failed .text {
      color: var(--tusk-danger);
    }
    .completed .text {
      color: var(--tusk-text);
    }
    button {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid var(--tusk-border-strong);
      border-radius: 3px;
      padding: 0 6px;
      cursor: pointer;
    }
    button.close {
      border: 0;
      padding: 0 2px;
    }
    button:focus-visible {
      outline: 2px solid var(--tusk-focus);
    }
  `;
  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    new StoreController(this, () => {
      const app = this.#services.value;
      return app && [app.transfers];
    });
  }

  #item(t: Transfer) {
    const store = this.#services.value!.transfers;
    const running = t.state === 'running';
    const sentence = transferSentence(t);
    return html`<span class="transfer ${t.state}" data-test="transfer">
      <span class="text" title=${sentence}>${sentence}</span>
      ${t.state === 'failed' ? nothing : html`<span class="figures">${transferFigures(t)}</span>`}
      ${
        running
          ? html`<button @click=${() => void store.cancel(t.id)}>Cancel</button>`
          : html`<button
              class="close"
              aria-label="Close"
              title="Close"
              @click=${() => store.dismiss(t.id)}
            >
              ×
            </button>`
      }
    </span>`;
  }

  override render() {
    const transfers = this.#services.value?.transfers.value ?? [];
    // The ones under way, else the last that ended.
    const running = transfers.filter((t) => t.state === 'running');
    const shown = running.length > 0 ? running : transfers.slice(-1);
    return html`${shown.map((t) => this.#item(t))}`;
  }
}

customElements.define('tusk-transfers-status', TuskTransfersStatus);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-transfers-status': TuskTransfersStatus;
  }
}
