import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { servicesContext } from '../data/app-context';
import { StoreController } from '../data/store';

const ICONS: Record<string, string> = { info: 'info', warning: 'warning', error: 'error' };

/**
 * The notices above the tab area (storage repaired or reset, keychain fallback, a dropped
 * connection, the socket reconnecting, a failed connect): text only (never markup), each
 * with a "Dismiss" button; a dismissed notice is not shown again.
 */
export class TuskNoticesBar extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      border-bottom: 1px solid var(--tusk-border);
    }
    li {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      padding: 5px 6px 5px 10px;
      background: var(--tusk-info-bg);
      border-top: 1px solid var(--tusk-border);
      font-size: var(--tusk-font-size);
    }
    li:first-child {
      border-top: none;
    }
    li.warning {
      background: var(--tusk-warning-bg);
    }
    li.error {
      background: var(--tusk-danger-bg);
    }
    wa-icon {
      flex: none;
      margin-top: 2px;
      color: var(--tusk-accent);
    }
    .warning wa-icon {
      color: var(--tusk-warning);
    }
    .error wa-icon {
      color: var(--tusk-danger);
    }
    .text {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    small {
      display: block;
      color: var(--tusk-text-muted);
    }
    wa-button {
      --wa-form-control-height: 20px;
    }
    wa-button::part(base) {
      padding: 0 4px;
    }
  `;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    new StoreController(this, () => this.#services.value && [this.#services.value.notices]);
  }

  override render() {
    const store = this.#services.value?.notices;
    if (!store || store.value.length === 0) return nothing;
    return html`<ul aria-label="Notices" aria-live="polite">
      ${store.value.map(
        (n) =>
          html`<li class="notice ${n.level}">
            <wa-icon name=${ICONS[n.level] ?? 'info'}></wa-icon>
            <span class="text"
              ><span class="message">${n.message}</span>${
                n.detail ? html`<small>${n.detail}</small>` : nothing
              }</span
            >
            <wa-button
              appearance="plain"
              size="s"
              title="Dismiss"
              aria-label="Dismiss"
              @click=${() => store.dismiss(n.id)}
              ><wa-icon name="close" label="Dismiss"></wa-icon
            ></wa-button>
          </li>`,
      )}
    </ul>`;
  }
}

customElements.define('tusk-notices-bar', TuskNoticesBar);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-notices-bar': TuskNoticesBar;
  }
}
