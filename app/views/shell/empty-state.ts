import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { servicesContext } from '../data/app-context';
import { StoreController } from '../data/store';
import { OpenTabEvent } from '../events';
import { showDialog } from '../shared/dialog-host';
import { displayKeys } from '../shared/shortcuts';

/**
 * What the tab area shows until query tabs exist: what to do next. With no connection
 * saved, "New connection" and how `--demo` gives one to try; with connections, how to
 * open one; when one is open, that it is open and where it is.
 * Opens the connection dialog and the keyboard shortcuts through the dialog host.
 * @fires tusk-open-tab - "New tab" on the open connection
 */
export class TuskEmptyState extends LitElement {
  static override styles = css`
    :host {
      flex: 1;
      display: grid;
      place-items: center;
      padding: 24px;
      color: var(--tusk-text-muted);
      text-align: center;
    }
    .box {
      max-width: 30rem;
    }
    wa-icon {
      font-size: 40px;
      color: var(--tusk-text-faint);
    }
    h2 {
      margin: 8px 0 4px;
      font-size: 15px;
      font-weight: 600;
      color: var(--tusk-text);
    }
    p {
      margin: 4px 0;
      line-height: 1.5;
    }
    code,
    kbd {
      font-family: var(--tusk-font-code);
      font-size: 12px;
      padding: 0 4px;
      border: 1px solid var(--tusk-border);
      border-radius: 3px;
      background: var(--tusk-bg-sidebar);
    }
    .actions {
      display: flex;
      gap: 8px;
      justify-content: center;
      margin-top: 14px;
    }
  `;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    new StoreController(this, () => this.#services.value && [this.#services.value.connections]);
  }

  override render() {
    const connections = this.#services.value?.connections;
    if (!connections?.value.loaded) return nothing;
    const { saved, live, activeId } = connections.value;
    const open = saved.filter((c) => live[c.id]);
    const current = open.find((c) => c.id === activeId) ?? open[0];
    const shortcuts = html`<wa-button
      size="s"
      appearance="outlined"
      @click=${() => void showDialog(this, 'tusk-shortcuts-dialog', undefined)}
      >Keyboard shortcuts</wa-button
    >`;
    if (saved.length === 0) {
      return html`<div class="box">
        <wa-icon name="database"></wa-icon>
        <h2>No connections yet</h2>
        <p>Add the PostgreSQL server you work with: host, port, database and user.</p>
        <p>
          To try Tusk first, start it with <code>npm start -- --demo</code>: a sample database runs
          inside Tusk and appears here as “Demo”.
        </p>
        <div class="actions">
          <wa-button
            size="s"
            variant="brand"
            @click=${() => void showDialog(this, 'tusk-connection-dialog', { mode: 'new' })}
            >New connection</wa-button
          >
          ${shortcuts}
        </div>
      </div>`;
    }
    if (current) {
      const status = live[current.id]!;
      return html`<div class="box">
        <wa-icon name="database"></wa-icon>
        <h2>Connected to ${current.name}</h2>
        <p>
          PostgreSQL
          ${status.serverVersion}${status.tls ? ', TLS' : ''}${
            status.readOnly ? ', read-only' : ''
          }.
        </p>
        <p>Open a query tab on it: <kbd>Alt+T</kbd>, or double-click it in the sidebar.</p>
        <div class="actions">
          <wa-button
            size="s"
            variant="brand"
            @click=${() => this.dispatchEvent(new OpenTabEvent(current.id))}
            >New tab</wa-button
          >
          ${shortcuts}
        </div>
      </div>`;
    }
    return html`<div class="box">
      <wa-icon name="plug"></wa-icon>
      <h2>Open a connection</h2>
      <p>
        Double-click a connection in the sidebar, or select it and press <kbd>Enter</kbd>.
        <kbd>${displayKeys('Alt+1')}</kbd> moves to the list.
      </p>
      <div class="actions">${shortcuts}</div>
    </div>`;
  }
}

customElements.define('tusk-empty-state', TuskEmptyState);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-empty-state': TuskEmptyState;
  }
}
