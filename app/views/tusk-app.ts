import { html, LitElement } from 'lit';
import type { Health, Notice } from '../controllers/api';
import { RequestError, socketUrlFromPage, TuskClient, type ConnectionState } from './client';
import { ConnectionTestRequestEvent, ReconnectRequestEvent } from './events';
import './connection-test';
import type { ConnectionTestOutcome } from './connection-test';
import './status-bar';
import { tuskAppStyles } from './tusk-app.styles';

const HEALTH_REFRESH_MS = 5_000;

/**
 * The root shell: owns the client, listens to the views' events and calls the
 * controllers; shows the app's notices and, in the status bar, the backend's health.
 */
export class TuskApp extends LitElement {
  static override styles = tuskAppStyles;
  static override properties = {
    connection: { state: true },
    health: { state: true },
    notices: { state: true },
    problem: { state: true },
    testing: { state: true },
    testOutcome: { state: true },
  };
  declare connection: ConnectionState;
  declare health: Health | undefined;
  declare notices: Notice[];
  declare problem: string | undefined;
  declare testing: boolean;
  declare testOutcome: ConnectionTestOutcome | undefined;

  readonly #client = new TuskClient(socketUrlFromPage(window.location));
  #refresh: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.connection = this.#client.state;
    this.health = undefined;
    this.notices = [];
    this.problem = undefined;
    this.testing = false;
    this.testOutcome = undefined;
    this.#client.addEventListener('state', (event) => {
      this.connection = (event as CustomEvent<ConnectionState>).detail;
      if (this.connection.status === 'open') void this.#load();
    });
    this.#client.on('app.notice', (notice) => (this.notices = [...this.notices, notice]));
    // A dropped connection: one line per connection, the latest drop.
    this.#client.on('connection.dropped', (drop) => {
      const id = `dropped:${drop.id}`;
      this.notices = [
        ...this.notices.filter((n) => n.id !== id),
        { id, level: 'warning', message: drop.message, detail: drop.hint },
      ];
    });
    this.addEventListener(ReconnectRequestEvent.eventName, () => this.#client.connect());
    this.addEventListener(ConnectionTestRequestEvent.eventName, (event) => {
      void this.#testConnection(event.request);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#client.connect();
    this.#refresh = setInterval(() => {
      if (this.connection.status === 'open') void this.#loadHealth();
    }, HEALTH_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#refresh);
  }

  async #load(): Promise<void> {
    await this.#loadHealth();
    try {
      this.notices = await this.#client.call('app.notices', {});
    } catch (error) {
      this.problem = describeError(error);
    }
  }

  async #loadHealth(): Promise<void> {
    try {
      this.health = await this.#client.call('app.health', {});
      this.problem = undefined;
    } catch (error) {
      this.problem = describeError(error);
    }
  }

  async #testConnection(request: ConnectionTestRequestEvent['request']): Promise<void> {
    this.testing = true;
    try {
      this.testOutcome = { result: await this.#client.call('connections.test', request) };
    } catch (error) {
      this.testOutcome = {
        error:
          error instanceof RequestError ? error.info : { kind: 'internal', message: String(error) },
      };
    } finally {
      this.testing = false;
    }
  }

  override render() {
    return html`
      <header><h1>Tusk</h1></header>
      <main>
        ${
          this.notices.length
            ? html`<ul class="notices" aria-label="Notices">
                ${this.notices.map(
                  (n) =>
                    html`<li class="notice ${n.level}">
                      ${n.message}${n.detail ? html`<small>${n.detail}</small>` : null}
                    </li>`,
                )}
              </ul>`
            : null
        }
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : null}
        <tusk-connection-test
          .busy=${this.testing}
          .outcome=${this.testOutcome}
        ></tusk-connection-test>
      </main>
      <tusk-status-bar .state=${this.connection} .health=${this.health}></tusk-status-bar>
    `;
  }
}

function describeError(error: unknown): string {
  if (error instanceof RequestError) {
    return error.info.hint ? `${error.info.message}. ${error.info.hint}` : error.info.message;
  }
  return String(error);
}

customElements.define('tusk-app', TuskApp);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-app': TuskApp;
  }
}
