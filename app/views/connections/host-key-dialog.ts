import { html, LitElement, nothing } from 'lit';
import { DialogAnswer } from '../shared/dialog-host';
import { hostKeyDialogStyles } from './host-key-dialog.styles';

/** First use of an SSH server: the fingerprint to trust. */
export interface HostKeyQuestion {
  /** `host:port` of the SSH server. */
  server: string;
  /** `SHA256:…` as the server presented it. */
  fingerprint: string;
  /** The backend's advice on checking it (the dialog words its own). */
  hint?: string | undefined;
}

/** A host key that is not the recorded one: refused, shown with both fingerprints. */
export interface HostKeyChange {
  server: string;
  recorded: string;
  actual: string;
  hint?: string | undefined;
}

/** What a {@link TuskHostKeyDialog} is shown: a key to trust, or a changed key refused. */
export type HostKeyDialogParams = { question: HostKeyQuestion } | { change: HostKeyChange };

/**
 * A small modal about an SSH server's host key, opened through the dialog host. With a
 * `question` (first use): shows the fingerprint and answers true for "Trust and connect",
 * false for "Cancel" or Escape (Cancel has the focus: trusting is a decision). With a
 * `change` (a changed key was refused): shows both fingerprints and answers false when
 * closed.
 */
export class TuskHostKeyDialog extends LitElement {
  static override styles = hostKeyDialogStyles;
  static override properties = {
    question: { state: true },
    change: { state: true },
  };
  declare question: HostKeyQuestion | undefined;
  declare change: HostKeyChange | undefined;

  #trusted = false;
  readonly #answer = new DialogAnswer<boolean>();

  constructor() {
    super();
    this.question = undefined;
    this.change = undefined;
  }

  /** Opens it; resolves true when the user trusts the key asked about, else false. */
  show(params: HostKeyDialogParams): Promise<boolean> {
    this.#answer.settle(false);
    this.question = 'question' in params ? params.question : undefined;
    this.change = 'change' in params ? params.change : undefined;
    this.#trusted = false;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('wa-dialog');
      if (dialog) dialog.open = true;
    });
    return this.#answer.wait();
  }

  #close(trusted: boolean): void {
    this.#trusted = trusted;
    const dialog = this.renderRoot.querySelector('wa-dialog');
    if (dialog) dialog.open = false;
  }

  readonly #afterHide = (event: Event) => {
    if (event.target !== event.currentTarget) return;
    this.#answer.settle(this.#trusted);
  };

  override render() {
    const label = this.change ? 'SSH host key changed' : 'Trust this SSH server?';
    return html`<wa-dialog label=${label} @wa-after-hide=${this.#afterHide}>
      ${this.question ? this.#renderQuestion(this.question) : nothing}
      ${this.change ? this.#renderChange(this.change) : nothing}
    </wa-dialog>`;
  }

  #renderQuestion(q: HostKeyQuestion) {
    return html`
      <p>
        First connection to the SSH server <strong>${q.server}</strong>. Tusk does not know its host
        key yet. Trust it only if this is the server's fingerprint:
      </p>
      <div class="fingerprint" data-test="fingerprint">
        <wa-icon name="key" aria-hidden="true"></wa-icon><span>${q.fingerprint}</span>
      </div>
      <p class="hint">
        Compare it with the fingerprint the server's administrator gives you (on the server:
        <code>ssh-keygen -lf</code> on its host key). Tusk records it and refuses to connect if it
        ever changes.
      </p>
      <wa-button
        slot="footer"
        size="s"
        appearance="outlined"
        autofocus
        @click=${() => this.#close(false)}
        >Cancel</wa-button
      >
      <wa-button slot="footer" size="s" variant="brand" @click=${() => this.#close(true)}
        >Trust and connect</wa-button
      >
    `;
  }

  #renderChange(c: HostKeyChange) {
    return html`
      <p role="alert">
        <wa-icon name="warning" class="warning" aria-hidden="true"></wa-icon>
        The host key of <strong>${c.server}</strong> is not the one recorded for this connection.
        Tusk refused to connect.
      </p>
      <dl class="keys">
        <dt>Recorded</dt>
        <dd data-test="recorded">${c.recorded}</dd>
        <dt>Server sent</dt>
        <dd data-test="actual">${c.actual}</dd>
      </dl>
      ${c.hint ? html`<p class="hint">${c.hint}</p>` : nothing}
      <wa-button slot="footer" size="s" variant="brand" autofocus @click=${() => this.#close(false)}
        >Close</wa-button
      >
    `;
  }
}

customElements.define('tusk-host-key-dialog', TuskHostKeyDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-host-key-dialog': TuskHostKeyDialog;
  }
  interface TuskDialogs {
    'tusk-host-key-dialog': { params: HostKeyDialogParams; answer: boolean };
  }
}
