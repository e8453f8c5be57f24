import { css, html, LitElement } from 'lit';
import type { ErrorInfo, Methods } from '../controllers/api';
import { ConnectionTestRequestEvent } from './events';
import './error-panel';

/** The outcome of one test: the server's answer or the failure. */
export type ConnectionTestOutcome =
  { result: Methods['connections.test']['result'] } | { error: ErrorInfo };

/**
 * "Test a connection": a libpq URL and a masked password field; Enter or the button asks
 * the shell to test; shows progress, then the server found or the failure with its hint.
 * @fires tusk-connection-test-request - with `{url, password?}`.
 */
export class TuskConnectionTest extends LitElement {
  static override styles = css`
    :host {
      display: block;
      max-width: 48rem;
    }
    form {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.5rem 0.75rem;
      align-items: center;
    }
    input {
      font: inherit;
      padding: 0.3rem 0.4rem;
    }
    button {
      grid-column: 2;
      justify-self: start;
      font: inherit;
    }
    .outcome {
      margin-top: 0.75rem;
    }
    .ok {
      border-left: 4px solid #a3be8c;
      background: #fff;
      padding: 0.5rem 0.75rem;
    }
  `;
  static override properties = {
    busy: { type: Boolean },
    outcome: { attribute: false },
    url: { type: String },
  };
  declare busy: boolean;
  declare outcome: ConnectionTestOutcome | undefined;
  /** Initial URL (for example the demo database's). */
  declare url: string;

  constructor() {
    super();
    this.busy = false;
    this.outcome = undefined;
    this.url = '';
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const form = new FormData(event.target as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    this.dispatchEvent(
      new ConnectionTestRequestEvent({
        url: String(form.get('url') ?? '').trim(),
        ...(password ? { password } : {}),
      }),
    );
  }

  override render() {
    return html`
      <h2>Test a connection</h2>
      <form @submit=${this.#submit} aria-busy=${this.busy ? 'true' : 'false'}>
        <label for="url">URL</label>
        <input
          id="url"
          name="url"
          required
          autocomplete="off"
          spellcheck="false"
          placeholder="postgres://user@host:5432/database?sslmode=prefer"
          .value=${this.url}
        />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="off" />
        <button type="submit" ?disabled=${this.busy}>${this.busy ? 'Connecting…' : 'Test'}</button>
      </form>
      <div class="outcome" aria-live="polite">${this.#renderOutcome()}</div>
    `;
  }

  #renderOutcome() {
    const outcome = this.outcome;
    if (this.busy || !outcome) return null;
    if ('error' in outcome)
      return html`<tusk-error-panel .error=${outcome.error}></tusk-error-panel>`;
    const r = outcome.result;
    return html`<p class="ok" role="status" data-test="connected">
      Connected to PostgreSQL ${r.serverVersion} as ${r.user}, database ${r.database},
      ${r.tls ? 'encrypted (TLS)' : 'not encrypted'}, in ${r.elapsedMs} ms.
    </p>`;
  }
}

customElements.define('tusk-connection-test', TuskConnectionTest);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-connection-test': TuskConnectionTest;
  }
}
