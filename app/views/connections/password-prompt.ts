import { css, html, LitElement, nothing } from 'lit';
import type WaInput from '@awesome.me/webawesome/dist/components/input/input.js';
import { DialogAnswer } from '../shared/dialog-host';
import { promptDialogStyles } from './host-key-dialog.styles';

/** What a {@link TuskPasswordPrompt} asks for. */
export interface PasswordQuestion {
  /** The dialog's title, e.g. `Connect to “prod”`. */
  title: string;
  /** The field's label: "Password", "SSH password", "Passphrase". */
  label: string;
  /** Why it is asked (the backend's message). */
  message: string;
  /** The previous answer was refused: what to do (shown as an error). */
  error?: string;
  /** Whether "Remember in keychain" can be ticked, and why not. */
  keychain: { available: boolean; reason?: string | undefined };
}

/** The typed secret, and whether to keep it in the keychain. */
export interface PasswordAnswer {
  secret: string;
  remember: boolean;
}

/**
 * A small modal asking for one secret (masked, with show/hide) and "Remember in keychain"
 * (disabled with the reason when there is no keychain), opened through the dialog host.
 * It answers on "Connect" or Enter, null on "Cancel" or Escape, once closed.
 */
export class TuskPasswordPrompt extends LitElement {
  static override styles = [
    promptDialogStyles,
    css`
      .error {
        color: var(--tusk-danger);
      }
      wa-input {
        margin-bottom: 0.6rem;
      }
      wa-checkbox::part(hint) {
        font-size: var(--tusk-font-size-small);
      }
    `,
  ];
  static override properties = { question: { state: true } };
  declare question: PasswordQuestion | undefined;

  #typed: PasswordAnswer | null = null;
  readonly #answer = new DialogAnswer<PasswordAnswer | null>();

  constructor() {
    super();
    this.question = undefined;
  }

  /** Asks; resolves with the answer, or null when cancelled. */
  show(question: PasswordQuestion): Promise<PasswordAnswer | null> {
    this.#answer.settle(null);
    this.question = question;
    this.#typed = null;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('wa-dialog');
      if (dialog) dialog.open = true;
    });
    return this.#answer.wait();
  }

  #submit(): void {
    const input = this.renderRoot.querySelector<WaInput>('wa-input');
    const secret = input?.value ?? '';
    if (!secret) {
      input?.focus();
      return;
    }
    const remember = this.renderRoot.querySelector('wa-checkbox')?.checked ?? false;
    this.#typed = { secret, remember };
    const dialog = this.renderRoot.querySelector('wa-dialog');
    if (dialog) dialog.open = false;
  }

  readonly #onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.#submit();
  };

  readonly #afterHide = (event: Event) => {
    if (event.target !== event.currentTarget) return;
    this.#answer.settle(this.#typed);
  };

  override render() {
    const q = this.question;
    if (!q) return nothing;
    const canRemember = q.keychain.available;
    return html`<wa-dialog label=${q.title} @wa-after-hide=${this.#afterHide}>
      <p>${q.message}</p>
      ${q.error ? html`<p class="error" role="alert">${q.error}</p>` : nothing}
      <wa-input
        type="password"
        password-toggle
        label=${q.label}
        autocomplete="off"
        autofocus
        @keydown=${this.#onKey}
      ></wa-input>
      <wa-checkbox
        ?checked=${canRemember}
        ?disabled=${!canRemember}
        hint=${canRemember ? '' : `${q.keychain.reason ?? 'No keychain'}: kept for this session only.`}
        >Remember in keychain</wa-checkbox
      >
      <wa-button
        slot="footer"
        size="s"
        appearance="outlined"
        @click=${() => (this.renderRoot.querySelector('wa-dialog')!.open = false)}
        >Cancel</wa-button
      >
      <wa-button slot="footer" size="s" variant="brand" @click=${() => this.#submit()}
        >Connect</wa-button
      >
    </wa-dialog>`;
  }
}

customElements.define('tusk-password-prompt', TuskPasswordPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'tusk-password-prompt': TuskPasswordPrompt;
  }
  interface TuskDialogs {
    'tusk-password-prompt': { params: PasswordQuestion; answer: PasswordAnswer | null };
  }
}
