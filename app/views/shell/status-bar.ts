import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { Health } from '../../controllers/api';
import type { ConnectionState } from '../client';
import { servicesContext } from '../data/app-context';
import { StoreController } from '../data/store';
import { OpenActivityEvent } from '../activity/open-activity';
import { ReconnectRequestEvent } from '../events';
import { statusBarStyles } from './status-bar.styles';
import './transfers-status';

/**
 * The bottom bar: whether the backend is reachable (and when the next attempt is), the
 * active tab's connection, or without a tab the sidebar's (server version, TLS, pool busy/idle/waiting, read-only), where
 * passwords go (the keychain, or this session only and why), and the backend's health
 * (version, platform, runtime, uptime, log folder); the exports and imports under way. Its
 * Activity button opens that connection's activity tab (fires `tusk-open-activity`).
 * @fires tusk-reconnect-request - "Retry now" was pressed while reconnecting.
 */
export class TuskStatusBar extends LitElement {
  static override styles = statusBarStyles;
  static override properties = {
    state: { attribute: false },
    health: { attribute: false },
  };
  declare state: ConnectionState;
  declare health: Health | undefined;

  readonly #services = new ContextConsumer(this, { context: servicesContext, subscribe: false });

  constructor() {
    super();
    this.state = { status: 'connecting', attempt: 0 };
    this.health = undefined;
    new StoreController(this, () => {
      const app = this.#services.value;
      return app && [app.connections, app.tabs];
    });
  }

  #renderConnection() {
    const app = this.#services.value;
    if (!app) return nothing;
    const { saved, live, activeId } = app.connections.value;
    // The tab being worked in names the connection; the sidebar's choice only without one.
    const tab = app.tabs.active;
    const wanted = tab ? tab.connectionId : activeId;
    const current = tab
      ? saved.find((c) => c.id === wanted && live[c.id])
      : (saved.find((c) => c.id === wanted && live[c.id]) ?? saved.find((c) => live[c.id]));
    if (!current) {
      const named = tab && saved.find((c) => c.id === wanted);
      return named
        ? html`<span class="connection" data-test="active-connection">
            <span class="name">${named.name}</span><span>not connected</span>
          </span>`
        : nothing;
    }
    const status = live[current.id]!;
    const { busy, idle, waiting } = status.pool;
    return html`<span class="connection" data-test="active-connection">
      <span class="name">${current.name}</span>
      <span>PostgreSQL ${status.serverVersion}</span>
      <span>${status.tls ? 'TLS' : 'no TLS'}</span>
      ${status.readOnly ? html`<span class="ro">read-only</span>` : nothing}
      <span title="Pool sessions: busy, idle, queries waiting"
        >pool ${busy} busy · ${idle} idle${waiting ? ` · ${waiting} waiting` : ''}</span
      >
      <button
        class="retry"
        data-test="open-activity"
        title=${`Server activity of ${current.name} (Alt+A)`}
        @click=${() => this.dispatchEvent(new OpenActivityEvent(current.id))}
      >
        Activity
      </button>
    </span>`;
  }

  #renderKeychain(health: Health) {
    const { credentials } = health;
    if (credentials.store === 'keychain') {
      return html`<span
        data-test="keychain"
        title="Passwords you ask to remember go to the OS keychain"
        >keychain</span
      >`;
    }
    const why = credentials.problem
      ? `${credentials.problem.message}${credentials.problem.hint ? ` ${credentials.problem.hint}` : ''}`
      : 'The OS keychain is not available.';
    return html`<span data-test="keychain" class="warn" title=${why}
      >passwords: this session only</span
    >`;
  }

  override render() {
    return html`
      <span class="state" role="status" aria-live="polite">
        <span class="dot ${this.state.status}"></span>
        <span data-test="connection">${describe(this.state)}</span>
        ${
          this.state.status === 'reconnecting'
            ? html`<button
                class="retry"
                @click=${() => this.dispatchEvent(new ReconnectRequestEvent())}
              >
                Retry now
              </button>`
            : null
        }
      </span>
      ${this.#renderConnection()}
      <tusk-transfers-status></tusk-transfers-status>
      ${this.health ? this.#renderHealth(this.health) : null}
    `;
  }

  #renderHealth(health: Health) {
    const runtime = health.runtime.nw
      ? `NW.js ${health.runtime.nw} · Node ${health.runtime.node}`
      : `Node ${health.runtime.node}`;
    return html`${this.#renderKeychain(health)}<span class="health" data-test="health">
        <span>${health.name} ${health.version}</span>
        <span>${health.platform}</span>
        <span>${runtime}</span>
        <span>up ${formatDuration(health.uptimeMs)}</span>
        <span title="Log folder"
          >${health.logDir ? `logs: ${health.logDir}` : 'logs: console only'}</span
        >
      </span>`;
  }
}

function describe(state: ConnectionState): string {
  if (state.status === 'open') return 'Connected to the Tusk backend';
  if (state.status === 'connecting') return 'Connecting to the Tusk backend…';
  const seconds = Math.ceil((state.retryInMs ?? 0) / 1000);
  return `${state.reason ?? 'Disconnected'} — reconnecting in ${seconds}s (attempt ${state.attempt})`;
}

/** "1h 2m", "3m 4s", "5s". */
function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

customElements.define('tusk-status-bar', TuskStatusBar);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-status-bar': TuskStatusBar;
  }
}
