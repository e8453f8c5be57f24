import { css, html, LitElement } from 'lit';
import type { ErrorInfo } from '../controllers/api';

const STAGES: Record<NonNullable<ErrorInfo['stage']>, string> = {
  dns: 'finding the host (DNS)',
  tcp: 'reaching the server (TCP)',
  ssh: 'the SSH tunnel',
  tls: 'the TLS handshake',
  authentication: 'logging in',
  database: 'opening the database',
};

/**
 * Shows one failure the way the user can act on it: the message, where it failed, what to
 * do (the hint), and the server's detail, code and line/column. Text only, never markup.
 */
export class TuskErrorPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
      border-left: 3px solid var(--tusk-danger);
      background: var(--tusk-danger-bg);
      color: var(--tusk-text);
      padding: 0.5rem 0.75rem;
    }
    .message {
      font-weight: 600;
      margin: 0;
    }
    p {
      margin: 0.35rem 0 0;
    }
    .detail {
      font-family: ui-monospace, monospace;
      font-size: 0.85em;
      white-space: pre-wrap;
    }
    .facts {
      opacity: 0.75;
      font-size: 0.9em;
    }
  `;
  static override properties = { error: { attribute: false } };
  declare error: ErrorInfo | undefined;

  constructor() {
    super();
    this.error = undefined;
  }

  override render() {
    const e = this.error;
    if (!e) return null;
    const facts = [
      e.stage ? `Failed while ${STAGES[e.stage]}` : null,
      e.code ? `SQLSTATE ${e.code}` : null,
      e.line !== undefined ? `line ${e.line}, column ${e.column}` : null,
    ].filter((f): f is string => f !== null);
    return html`
      <div role="alert">
        <p class="message" data-test="message">${e.message}</p>
        ${e.hint ? html`<p data-test="hint">What to do: ${e.hint}</p>` : null}
        ${e.detail ? html`<p class="detail" data-test="detail">${e.detail}</p>` : null}
        ${facts.length ? html`<p class="facts" data-test="facts">${facts.join(' · ')}</p>` : null}
      </div>
    `;
  }
}

customElements.define('tusk-error-panel', TuskErrorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-error-panel': TuskErrorPanel;
  }
}
