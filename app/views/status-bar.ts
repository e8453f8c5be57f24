import { html, LitElement } from 'lit';
import type { Health } from '../controllers/api';
import type { ConnectionState } from './client';
import { ReconnectRequestEvent } from './events';
import { statusBarStyles } from './status-bar.styles';

/**
 * The bottom bar: whether the backend is reachable (and when the next attempt is) and the
 * backend's health (version, platform, runtime, uptime, log folder).
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

  constructor() {
    super();
    this.state = { status: 'connecting', attempt: 0 };
    this.health = undefined;
  }

  override render() {
    return html`
      <span class="state" role="status" aria-live="polite">
        <span class="dot ${this.state.status}"></span>
        <span data-test="connection">${describe(this.state)}</span>
        ${
          this.state.status === 'reconnecting'
            ? html`<button @click=${() => this.dispatchEvent(new ReconnectRequestEvent())}>
                Retry now
              </button>`
            : null
        }
      </span>
      ${this.health ? this.#renderHealth(this.health) : null}
    `;
  }

  #renderHealth(health: Health) {
    const runtime = health.runtime.nw
      ? `NW.js ${health.runtime.nw} · Node ${health.runtime.node}`
      : `Node ${health.runtime.node}`;
    return html`<span class="health" data-test="health">
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
